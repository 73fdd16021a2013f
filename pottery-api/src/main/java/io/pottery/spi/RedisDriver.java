package io.pottery.spi;

import java.net.URI;

/**
 * A way to talk to Redis: Pottery's adapter over one Redis client library (Jedis, Lettuce, …). Found with
 * {@link java.util.ServiceLoader}: an implementation is registered in
 * {@code META-INF/services/io.pottery.spi.RedisDriver} and has a public no-argument constructor.
 *
 * <p>Drivers are thin: they move commands and replies and map errors (see {@link RedisConnection}); every
 * algorithm lives in pottery-structures. {@code Pottery} instantiates each driver once per
 * {@code Pottery.builder().build()} call, on the calling thread; {@link #connect} may then be called once per
 * master. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface RedisDriver {

  /** The short name users choose the driver by, e.g. {@code "jedis"}; lower case, stable across versions. */
  String name();

  /**
   * Where several drivers are on the class path and the user chose none, the highest priority wins; a tie
   * is an error. Pottery's own drivers return 0 (Jedis) and 10 (Lettuce).
   */
  int priority();

  /** The SPI version the driver was built against: return {@link SpiVersion#CURRENT}. */
  int spiVersion();

  /** Whether this driver can connect to the given URI (its scheme, mainly). */
  boolean supports(URI uri);

  /**
   * Whether this driver can talk to a Redis Cluster ({@link RedisEndpoint#cluster()}): route each command by
   * its keys, as {@link RedisConnection} describes for clusters. Pottery refuses a cluster URI for a driver
   * that answers {@code false}, naming the drivers that can. The default is {@code false}.
   *
   * @since 0.2
   */
  default boolean supportsCluster() {
    return false;
  }

  /**
   * Opens a connection. Connects eagerly, so that a wrong host or password fails here rather than on first
   * use.
   *
   * @throws io.pottery.RedisConnectionException if the server cannot be reached or refuses the credentials
   */
  RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings);

  /**
   * Opens a connection through an application's own client settings (see {@link ClientSource}). Called instead
   * of {@link #connect(RedisEndpoint, ConnectionSettings)} when the user gave {@code Pottery.builder().client(..)};
   * only for a source whose {@link ClientSource#driverName()} is this driver's {@link #name()}. {@code endpoint}
   * is one of the source's own {@link ClientSource#endpoints()} (the same instance), or, for a source that names
   * none, one parsed from the builder's masters. The driver must not close or shut down what the source wraps.
   *
   * <p>The default refuses: a driver that offers no typed source does not support it.
   *
   * @throws io.pottery.PotteryConfigurationException if this driver does not accept the source
   * @throws io.pottery.RedisConnectionException if the server cannot be reached or refuses the credentials
   * @since 0.3
   */
  default RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings, ClientSource source) {
    throw new io.pottery.PotteryConfigurationException("The " + name() + " driver does not accept an application's client ("
        + source + "); give masters as URIs instead");
  }
}
