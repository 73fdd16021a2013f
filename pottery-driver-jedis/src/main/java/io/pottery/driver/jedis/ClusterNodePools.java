package io.pottery.driver.jedis;

import io.pottery.spi.ConnectionSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * One pool of {@link Connection}s per cluster node, opened when a command first goes to that node. Each
 * pool is the single-server path's pool (same size, timeouts, handshake), so a node behaves like a server of its
 * own. Thread-safe.
 */
final class ClusterNodePools implements AutoCloseable {
  private final JedisClientConfig config;
  private final ConnectionSettings settings;
  private final Map<HostAndPort, ConnectionPool> pools = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private final org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection> nodePool;

  ClusterNodePools(JedisClientConfig config, ConnectionSettings settings) {
    this(config, settings, JedisConnection.poolConfig(settings));
  }

  /** With these limits for each node's pool (the application's, through {@link JedisClients}). */
  ClusterNodePools(JedisClientConfig config, ConnectionSettings settings,
      org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection> nodePool) {
    this.config = config;
    this.settings = settings;
    this.nodePool = nodePool;
  }

  /**
   * Borrows a connection to {@code node}, opening one if none is idle.
   *
   * @throws redis.clients.jedis.exceptions.JedisException if no connection could be opened (nothing was sent)
   * @throws IllegalStateException if the pools are closed
   */
  Connection borrow(HostAndPort node) {
    if (closed) {
      throw new IllegalStateException("the node pools are closed");
    }
    ConnectionPool pool = pools.computeIfAbsent(node,
        address -> RawCalls.pool(address, config, nodePool.clone()));
    if (closed) {
      // close() may have missed a pool added while it ran.
      pool.close();
      throw new IllegalStateException("the node pools are closed");
    }
    return RawCalls.borrow(pool, config.getSocketTimeoutMillis());
  }

  /** Drops the idle connections to {@code node}: after one broke, the others most likely broke the same way. */
  void clearIdle(HostAndPort node) {
    ConnectionPool pool = pools.get(node);
    if (pool != null) {
      pool.clear();
    }
  }

  /** Closes every pool. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (ConnectionPool pool : pools.values()) {
      pool.close();
    }
    pools.clear();
  }
}
