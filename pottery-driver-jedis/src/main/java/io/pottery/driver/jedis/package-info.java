/**
 * Pottery's Redis driver over Jedis. Start at {@link io.pottery.driver.jedis.JedisDriver}, the only public type:
 * {@code JedisConnection} is the pooled connection, {@code RawCalls} runs commands on Jedis's pooled connections and maps their
 * replies to the SPI's types, and {@code JedisFailures} tells from Jedis's exceptions which of
 * {@code io.pottery.internal.driver.ConnectionFailures}'s messages applies. On a cluster, {@code JedisClusterConnection}
 * routes each command over {@code ClusterNodePools} (one pool per node), retrying with {@code RetryBackoff};
 * {@code ClusterNodesReply} finds the replicas that scripts must reach, and {@code JedisVersionCheck} refuses a
 * Jedis older than 8.x.
 */
package io.pottery.driver.jedis;
