/**
 * Pottery's Redis driver over Jedis. Start at {@link io.pottery.driver.jedis.JedisDriver}, the only public type:
 * {@code JedisConnection} is the pooled connection, {@code RawReplyConnection} and {@code JedisReplies} read
 * replies into the SPI's types, and {@code JedisFailures} writes the messages of connection errors.
 */
package io.pottery.driver.jedis;
