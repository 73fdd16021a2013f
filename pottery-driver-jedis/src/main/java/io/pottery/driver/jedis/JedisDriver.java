package io.pottery.driver.jedis;

import io.pottery.PotteryConfigurationException;
import io.pottery.internal.driver.ClientSources;
import io.pottery.spi.ClientSource;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.SpiVersion;
import java.net.URI;
import java.util.Objects;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.SslVerifyMode;

/**
 * Pottery's {@link RedisDriver} over <a href="https://github.com/redis/jedis">Jedis</a> (name {@code "jedis"},
 * priority 0). Add {@code io.pottery:pottery-driver-jedis} to the class path and Pottery finds it.
 *
 * <p>Each {@link #connect} opens a thread-safe pool of up to 16 sockets to one server; a command runs on the
 * calling thread over a borrowed socket, which makes single commands fast, and {@code executeAsync} runs on a
 * few daemon threads the connection owns ({@code pottery-jedis-<host:port>-<n>}). The driver speaks RESP2,
 * authenticates with the URI's user and password, selects the URI's database on every socket, and for
 * {@code rediss://} uses TLS, verifying the server's certificate chain against the JVM's trust store
 * ({@code javax.net.ssl.trustStore}, read when connecting, else the JDK's {@code cacerts}) and the host name
 * against the certificate. Client certificates are not sent.
 *
 * <p>A {@code redis-cluster://} or {@code rediss-cluster://} URI (or {@code redis://} with several hosts) opens a
 * cluster connection instead: the slot map is read from the first seed that answers, and each command goes to the
 * master owning its keys' slot over a pool of up to 16 sockets per node, with the same protocol, credentials, TLS
 * and timeouts; see {@link io.pottery.spi.RedisConnection} for the routing rules every cluster connection follows.
 * The driver needs Jedis 8.x and refuses to connect, naming the version it needs, on an older Jedis.
 *
 * <p>Connections are independent: closing one releases only its sockets and threads. The driver itself holds
 * nothing and is thread-safe.
 *
 * @since 0.1
 */
public final class JedisDriver implements RedisDriver {

  /** Used by {@link java.util.ServiceLoader}. */
  public JedisDriver() {}

  /** {@code "jedis"}. */
  @Override
  public String name() {
    return "jedis";
  }

  /** 0: below Lettuce (10), so Jedis is picked only when it is alone or chosen. */
  @Override
  public int priority() {
    return 0;
  }

  /** {@link SpiVersion#CURRENT} as of this build. */
  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  /** True for {@code redis://}, {@code rediss://}, {@code redis-cluster://} and {@code rediss-cluster://} URIs. */
  @Override
  public boolean supports(URI uri) {
    return RedisEndpoint.hasRedisScheme(uri);
  }

  /**
   * Opens a pool to the endpoint and one socket through it (TCP, TLS, AUTH, SELECT), so that a wrong host, port,
   * password or database fails here.
   *
   * <p>For a {@linkplain RedisEndpoint#cluster() cluster endpoint} it reads the slot map ({@code CLUSTER SLOTS})
   * from the first seed that answers, with Jedis 8's {@code ClusterConnectionProvider}, and routes every command
   * itself as {@link RedisConnection} describes for clusters, over one pool per node of the same connections as
   * the single-server path (Jedis's own cluster client would resend a command after a lost reply, which the SPI
   * forbids for commands that are not idempotent). The same TLS, credentials, RESP2 and timeouts apply
   * to every node; retries stay within the command timeout.
   *
   * @throws io.pottery.RedisConnectionException if the server (for a cluster: every seed) cannot be reached or
   *     refuses the credentials; the message names the redacted endpoint and what to check
   * @throws io.pottery.PotteryConfigurationException if the class path has a Jedis older than 8.x
   */
  @Override
  public RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(settings, "settings");
    return open(endpoint, settings, clientConfig(endpoint, settings), JedisConnection.poolConfig(settings));
  }

  /**
   * Connects through the application's Jedis configuration (see {@link JedisClients}): the same connection as
   * {@link #connect(RedisEndpoint, ConnectionSettings)}, with the application's TLS, credentials and pool limits.
   * For a source that names no servers this driver has none ({@link JedisClients} always names them).
   *
   * @throws PotteryConfigurationException if {@code source} was not made by {@link JedisClients}
   * @throws io.pottery.RedisConnectionException if the server cannot be reached or refuses the credentials
   * @since 0.3
   */
  @Override
  public RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings, ClientSource source) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(settings, "settings");
    JedisClientSource jedis = ClientSources.claim(source, JedisClientSource.class, "jedis", JedisClients.class);
    return open(endpoint, settings, jedis.clientConfig(settings), jedis.poolConfig(settings));
  }

  /** One path for both ways in: a single server's pool, or a cluster's routing connection. */
  private static RedisConnection open(RedisEndpoint endpoint, ConnectionSettings settings, JedisClientConfig config,
      GenericObjectPoolConfig<Connection> poolConfig) {
    JedisVersionCheck.requireJedis8();
    if (endpoint.cluster()) {
      return JedisClusterConnection.open(endpoint, settings, config, poolConfig);
    }
    HostAndPort address = new HostAndPort(endpoint.host(), endpoint.port());
    return JedisConnection.open(endpoint, settings, RawCalls.pool(address, config, poolConfig));
  }

  private static JedisClientConfig clientConfig(RedisEndpoint endpoint, ConnectionSettings settings) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        // RESP3 would turn e.g. HGETALL into a map-shaped reply; the SPI is defined on RESP2.
        .protocol(RedisProtocol.RESP2)
        .connectionTimeoutMillis(millis(settings.connectTimeout().toMillis()))
        .socketTimeoutMillis(millis(settings.commandTimeout().toMillis()))
        .user(endpoint.user())
        .password(endpoint.password())
        .database(endpoint.database());
    if (endpoint.tls()) {
      // FULL: chain and host name. With no trust store given, Jedis builds each socket's TLS context from the
      // JVM's default trust store as configured then (not SSLContext.getDefault(), which freezes the first).
      config.sslOptions(SslOptions.builder().sslVerifyMode(SslVerifyMode.FULL).build());
    }
    return config.build();
  }

  /** A duration in whole milliseconds as Jedis takes it: at least 1 (0 means no limit), at most int. */
  static int millis(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
  }

  /** True: a cluster endpoint gets a connection that routes each command itself; see {@link #connect}. */
  @Override
  public boolean supportsCluster() {
    return true;
  }

  @Override
  public String toString() {
    return "JedisDriver";
  }
}
