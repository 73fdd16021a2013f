package io.pottery.driver.jedis;

import io.pottery.spi.ClientSource;
import io.pottery.spi.RedisEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * "Bring your own client" for Jedis: builds a {@link ClientSource} over the application's Jedis settings, for
 * {@code Pottery.builder().client(..)}.
 *
 * <pre>{@code
 * JedisClientConfig appConfig = DefaultJedisClientConfig.builder()
 *     .ssl(true).sslSocketFactory(appSslSocketFactory)          // the application's TLS material
 *     .credentialsProvider(appCredentials).database(1).build();
 * try (Pottery pottery = Pottery.builder()
 *     .client(JedisClients.of(appConfig, appPoolConfig, new HostAndPort("cache", 6379)))
 *     .build()) { ... }
 * }</pre>
 *
 * <p>Pottery uses the configuration as given — TLS ({@code SSLSocketFactory}, {@code SSLParameters}, host name
 * verifier, {@code SslOptions}), user and password or credentials provider, database, client name — except for
 * what its guarantees rest on: RESP2, and its own connect and command timeouts. A pool configuration gives the
 * limits of each master's pool (size, idle, eviction, JMX); its wait for a free connection is capped at the
 * command timeout so that no call waits forever. Pottery opens its own pools and closes them in
 * {@code Pottery.close()}; the objects given here are only read.
 *
 * @since 0.3
 */
public final class JedisClients {
  private JedisClients() {}

  /**
   * Connects to {@code masters} (one independent master each) with the application's client configuration and
   * Pottery's default pool.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no master is given, or one repeats
   */
  public static ClientSource of(JedisClientConfig config, HostAndPort... masters) {
    return build(config, null, masters);
  }

  /**
   * Connects to {@code masters} with the application's client configuration and pool limits.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no master is given, or one repeats
   */
  public static ClientSource of(JedisClientConfig config, GenericObjectPoolConfig<Connection> pool, HostAndPort... masters) {
    return build(config, Objects.requireNonNull(pool, "pool"), masters);
  }

  /**
   * Connects to one Redis Cluster through {@code seeds}, with the application's client configuration and pool
   * limits (per node; {@code null} for Pottery's); the cluster counts as one master.
   *
   * @throws NullPointerException if {@code config} or {@code seeds} is null
   * @throws IllegalArgumentException if no seed is given
   */
  public static ClientSource cluster(JedisClientConfig config, GenericObjectPoolConfig<Connection> pool, Set<HostAndPort> seeds) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(seeds, "seeds");
    List<RedisEndpoint.Node> nodes = new ArrayList<>();
    for (HostAndPort seed : seeds) {
      nodes.add(new RedisEndpoint.Node(seed.getHost(), seed.getPort()));
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("give at least one seed of the cluster");
    }
    RedisEndpoint endpoint = RedisEndpoint.cluster(tls(config), nodes, config.getUser(), null);
    return new JedisClientSource(config, pool == null ? null : pool.clone(), List.of(endpoint),
        "jedis client config, cluster of " + nodes.size() + (nodes.size() == 1 ? " seed" : " seeds"));
  }

  private static ClientSource build(JedisClientConfig config, GenericObjectPoolConfig<Connection> pool, HostAndPort[] masters) {
    Objects.requireNonNull(config, "config");
    if (masters.length == 0) {
      throw new IllegalArgumentException("give at least one HostAndPort to connect to");
    }
    List<RedisEndpoint> endpoints = new ArrayList<>();
    for (HostAndPort master : masters) {
      Objects.requireNonNull(master, "a master is null");
      RedisEndpoint endpoint =
          new RedisEndpoint(tls(config), master.getHost(), master.getPort(), config.getUser(), null, config.getDatabase());
      if (endpoints.contains(endpoint)) {
        throw new IllegalArgumentException(master + " is given twice; a quorum needs distinct masters");
      }
      endpoints.add(endpoint);
    }
    return new JedisClientSource(config, pool == null ? null : pool.clone(), endpoints,
        "jedis client config, " + endpoints.size() + (endpoints.size() == 1 ? " master" : " masters"));
  }

  private static boolean tls(JedisClientConfig config) {
    return config.isSsl() || config.getSslOptions() != null;
  }
}
