package io.pottery.driver.jedis;

import io.pottery.spi.ClientSource;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPortMapper;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisCredentials;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.authentication.AuthXManager;

/**
 * What {@link JedisClients} captured: the application's client configuration, a private copy of its pool
 * configuration (or {@code null}), and the endpoints. Immutable.
 */
final class JedisClientSource implements ClientSource {
  private final JedisClientConfig config;
  private final GenericObjectPoolConfig<Connection> pool;
  private final List<RedisEndpoint> endpoints;
  private final String description;

  JedisClientSource(JedisClientConfig config, GenericObjectPoolConfig<Connection> pool, List<RedisEndpoint> endpoints,
      String description) {
    this.config = config;
    this.pool = pool;
    this.endpoints = List.copyOf(endpoints);
    this.description = description;
  }

  @Override
  public String driverName() {
    return "jedis";
  }

  @Override
  public List<RedisEndpoint> endpoints() {
    return endpoints;
  }

  /** The application's configuration with Pottery's protocol and timeouts. */
  JedisClientConfig clientConfig(ConnectionSettings settings) {
    return new PotteryTimings(config, millis(settings.connectTimeout()), millis(settings.commandTimeout()));
  }

  /**
   * The application's pool limits, or Pottery's pool when none were given; a borrower never waits longer than
   * the command timeout (an unbounded wait would hang a call on an exhausted pool).
   */
  GenericObjectPoolConfig<Connection> poolConfig(ConnectionSettings settings) {
    if (pool == null) {
      return JedisConnection.poolConfig(settings);
    }
    GenericObjectPoolConfig<Connection> copy = pool.clone();
    Duration wait = copy.getMaxWaitDuration();
    if (wait.isNegative() || wait.compareTo(settings.commandTimeout()) > 0) {
      copy.setMaxWait(settings.commandTimeout());
    }
    return copy;
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }

  @Override
  public String toString() {
    return description + " " + endpoints.stream().map(RedisEndpoint::redacted).toList();
  }

  /** The application's configuration, read through, with RESP2 and Pottery's timeouts. */
  private static final class PotteryTimings implements JedisClientConfig {
    private final JedisClientConfig theirs;
    private final int connectMillis;
    private final int commandMillis;

    PotteryTimings(JedisClientConfig theirs, int connectMillis, int commandMillis) {
      this.theirs = theirs;
      this.connectMillis = connectMillis;
      this.commandMillis = commandMillis;
    }

    @Override
    public RedisProtocol getRedisProtocol() {
      // RESP3 would turn e.g. HGETALL into a map-shaped reply; the SPI is defined on RESP2.
      return RedisProtocol.RESP2;
    }

    @Override
    public boolean isAutoNegotiateProtocol() {
      return false;
    }

    @Override
    public int getConnectionTimeoutMillis() {
      return connectMillis;
    }

    @Override
    public int getSocketTimeoutMillis() {
      return commandMillis;
    }

    @Override
    public int getBlockingSocketTimeoutMillis() {
      return theirs.getBlockingSocketTimeoutMillis();
    }

    @Override
    public String getUser() {
      return theirs.getUser();
    }

    @Override
    public String getPassword() {
      return theirs.getPassword();
    }

    @Override
    public Supplier<RedisCredentials> getCredentialsProvider() {
      return theirs.getCredentialsProvider();
    }

    @Override
    public AuthXManager getAuthXManager() {
      return theirs.getAuthXManager();
    }

    @Override
    public int getDatabase() {
      return theirs.getDatabase();
    }

    @Override
    public String getClientName() {
      return theirs.getClientName();
    }

    @Override
    public boolean isSsl() {
      return theirs.isSsl();
    }

    @Override
    public SSLSocketFactory getSslSocketFactory() {
      return theirs.getSslSocketFactory();
    }

    @Override
    public SSLParameters getSslParameters() {
      return theirs.getSslParameters();
    }

    @Override
    public SslOptions getSslOptions() {
      return theirs.getSslOptions();
    }

    @Override
    public HostnameVerifier getHostnameVerifier() {
      return theirs.getHostnameVerifier();
    }

    @Override
    public HostAndPortMapper getHostAndPortMapper() {
      return theirs.getHostAndPortMapper();
    }

    @Override
    public boolean isReadOnlyForRedisClusterReplicas() {
      return theirs.isReadOnlyForRedisClusterReplicas();
    }

    @Override
    public ClientSetInfoConfig getClientSetInfoConfig() {
      return theirs.getClientSetInfoConfig();
    }

    @Override
    public String toString() {
      return "JedisClientConfig(application's, RESP2, connect " + connectMillis + " ms, command " + commandMillis + " ms)";
    }
  }
}
