/**
 * Pottery's Redis driver over Jedis. Start at {@link io.pottery.driver.jedis.JedisDriver}, the only public type:
 * {@code JedisConnection} is the pooled connection, {@code RawReplyConnection} and {@code JedisReplies} read
 * replies into the SPI's types, and {@code JedisFailures} tells from Jedis's exceptions which of
 * {@link io.pottery.spi.ConnectionFailures}'s messages applies.
 */
package io.pottery.driver.jedis;
