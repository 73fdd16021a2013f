package io.pottery.spi;

import java.util.List;

/**
 * An application's own Redis client settings, handed to Pottery with {@code Pottery.builder().client(source)}
 * so that Pottery connects through what the application already configured (TLS material, credentials
 * providers, pool limits, event loops, metrics, tracing) instead of building its own from a URI.
 *
 * <p>Opaque to Pottery: a driver module offers a typed factory (e.g. {@code LettuceClients.of(redisClient,
 * redisUri)} in {@code pottery-driver-lettuce}) whose result implements this interface, and the driver
 * {@linkplain #driverName() named here} claims it in {@link RedisDriver#connect(RedisEndpoint,
 * ConnectionSettings, ClientSource)}. pottery-api never sees the client library's types, so a third-party
 * driver offers the same in the same way.
 *
 * <p>A source either says where to connect ({@link #endpoints()} not empty: the builder's {@code masters} must
 * then be left unset, since the connection settings would be given twice), or only how (empty: the builder's
 * masters, or the default URI, say where, and the driver combines the two).
 *
 * <p>Ownership: Pottery never closes or shuts down the objects a source wraps; it closes only the connections
 * it opened through them.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @since 0.3
 */
public interface ClientSource {

  /** The {@linkplain RedisDriver#name() name} of the driver that claims this source, e.g. {@code "lettuce"}. */
  String driverName();

  /**
   * Where this source connects, one endpoint per master in order, or an empty list if the builder's masters
   * say where. An endpoint may lack the password even though the source authenticates (a credentials provider
   * supplies it at connect time); Pottery uses these endpoints for messages, topology checks and
   * {@code Pottery.masters()}, and hands each back to {@link RedisDriver#connect(RedisEndpoint,
   * ConnectionSettings, ClientSource)}.
   */
  List<RedisEndpoint> endpoints();

  /** A short description for messages, without any password, e.g. {@code "lettuce RedisClient, 1 master"}. */
  @Override
  String toString();
}
