package io.pottery.driver.lettuce;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.pottery.PotteryConfigurationException;
import io.pottery.internal.driver.ClientSources;
import io.pottery.spi.ClientSource;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.SpiVersion;
import java.net.URI;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pottery's {@link RedisDriver} over <a href="https://lettuce.io">Lettuce</a> (name {@code "lettuce"}, priority
 * 10, so it wins when both drivers are on the class path). Add {@code io.pottery:pottery-driver-lettuce} and
 * Pottery finds it.
 *
 * <p>Each {@link #connect} opens one multiplexed connection to one server that every thread shares (for a
 * {@code redis-cluster://} endpoint, one to each cluster node, routed by key: see {@link #supportsCluster()}); the
 * connections one driver instance opens (Pottery makes one instance per {@code build()}, and connects each
 * master with it) share one set of event-loop threads, shut down when the last of them closes. The driver
 * speaks RESP2, authenticates with the URI's user and password, selects the URI's database, fails any command
 * with no reply within the command timeout, and reconnects by itself (10 ms to 1 s apart) when the connection
 * drops. For {@code rediss://} it uses TLS, verifying the server's certificate against the JVM's trust store
 * ({@code javax.net.ssl.trustStore}, read when connecting, else the JDK's {@code cacerts}) and its host name.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class LettuceDriver implements RedisDriver {
  private final SharedResources resources = new SharedResources();
  /** Derived from applications' resources ({@link LettuceClients}), by identity of the application's object. */
  /** Guards {@code borrowed}: a lock, not a monitor, so that no virtual thread pins. */
  private final ReentrantLock borrowedLock = new ReentrantLock();
  private final Map<ClientResources, SharedResources> borrowed = new IdentityHashMap<>();

  /** Used by {@link java.util.ServiceLoader}; starts no threads until the first {@link #connect}. */
  public LettuceDriver() {}

  /** {@code "lettuce"}. */
  @Override
  public String name() {
    return "lettuce";
  }

  /** 10: above Jedis (0), so Lettuce is picked when both are present and the user chose neither. */
  @Override
  public int priority() {
    return 10;
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
   * True: a {@linkplain RedisEndpoint#cluster() cluster endpoint} gets a connection over Lettuce's
   * {@code RedisClusterClient} that routes each command by its keys, as {@link RedisConnection} describes for
   * clusters. Its topology is reloaded every 5 s, and at once (at most every 250–500 ms) after a failed
   * reconnect to a node, a redirection, or a command refused for a down node or {@code CLUSTERDOWN}; a read of
   * a key whose master was killed succeeds again about as soon as the cluster has promoted a replica.
   */
  @Override
  public boolean supportsCluster() {
    return true;
  }

  /**
   * Connects to the endpoint now (TCP, TLS, AUTH, SELECT), so that a wrong host, port, password or database
   * fails here.
   *
   * @throws io.pottery.RedisConnectionException if the server cannot be reached or refuses the credentials; the
   *     message names the redacted endpoint and what to check
   */
  @Override
  public RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(settings, "settings");
    LettuceFailures failures = new LettuceFailures(endpoint, settings);
    if (endpoint.cluster()) {
      return connectCluster(endpoint, settings, failures);
    }
    return connectSingle(endpoint, settings, failures, resources, uri(endpoint, settings), options(settings));
  }

  /**
   * Connects through the application's Lettuce client or resources (see {@link LettuceClients}): the same
   * connection as {@link #connect(RedisEndpoint, ConnectionSettings)}, over resources derived from the
   * application's (its event loops, latency recorder and tracing see Pottery's commands), to the source's own
   * {@code RedisURI}s when it has them, with the client's TLS and socket options. The application's client and
   * resources are never shut down.
   *
   * @throws io.pottery.PotteryConfigurationException if {@code source} was not made by {@link LettuceClients}
   * @throws io.pottery.RedisConnectionException if the server cannot be reached or refuses the credentials
   * @since 0.3
   */
  @Override
  public RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings, ClientSource source) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(settings, "settings");
    LettuceClientSource lettuce = ClientSources.claim(source, LettuceClientSource.class, "lettuce", LettuceClients.class);
    SharedResources derived = derivedFrom(lettuce.resources);
    LettuceFailures failures = new LettuceFailures(endpoint, settings);
    if (lettuce.uris.isEmpty()) {
      return endpoint.cluster()
          ? connectCluster(endpoint, settings, failures, derived, ClusterClientSetup.seeds(endpoint, settings), null)
          : connectSingle(endpoint, settings, failures, derived, uri(endpoint, settings), options(settings));
    }
    List<RedisURI> uris = lettuce.urisFor(endpoint);
    if (lettuce.cluster) {
      return connectCluster(endpoint, settings, failures, derived, uris, lettuce.options);
    }
    return connectSingle(endpoint, settings, failures, derived, uris.get(0), theirs(lettuce.options, settings));
  }

  /** One derived set per application resources object, shared by the masters this driver instance connects. */
  private SharedResources derivedFrom(ClientResources base) {
    borrowedLock.lock();
    try {
      return borrowed.computeIfAbsent(base, SharedResources::new);
    } finally {
      borrowedLock.unlock();
    }
  }

  /**
   * Pottery's options, with the application's TLS and socket options (trust and key material, protocols,
   * keep-alive) in place of the defaults: everything else stays Pottery's, so a setting Pottery relies on is
   * never taken from the application by accident.
   */
  private static ClientOptions theirs(ClientOptions options, ConnectionSettings settings) {
    ClientOptions ours = options(settings);
    if (options == null) {
      return ours;
    }
    return ours.mutate()
        .sslOptions(options.getSslOptions())
        .socketOptions(options.getSocketOptions().mutate().connectTimeout(settings.connectTimeout()).build())
        .build();
  }

  /**
   * Opens the connection to one server; Lettuce's reconnect failures of that server are remembered for the
   * commands' messages ({@link ReconnectWatch}), and {@link SentCommands} listens to the connection's drops.
   */
  private static RedisConnection connectSingle(RedisEndpoint endpoint, ConnectionSettings settings,
      LettuceFailures failures, SharedResources resources, RedisURI uri, ClientOptions options) {
    ClientResources shared = resources.acquire();
    ReconnectWatch reconnects = new ReconnectWatch(endpoint, shared.eventBus());
    failures.watch(reconnects);
    RedisClient client = null;
    try {
      client = RedisClient.create(shared);
      client.setOptions(options);
      SentCommands tracked = new SentCommands();
      client.addListener(tracked.listener());
      StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE, uri);
      return new LettuceConnection(endpoint, settings, failures, client, connection, tracked, () -> {
        reconnects.close();
        resources.release();
      });
    } catch (RuntimeException e) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      reconnects.close();
      resources.release();
      throw failures.connectFailed(e);
    }
  }

  private RedisConnection connectCluster(RedisEndpoint endpoint, ConnectionSettings settings, LettuceFailures failures) {
    return connectCluster(endpoint, settings, failures, resources, ClusterClientSetup.seeds(endpoint, settings), null);
  }

  private static RedisConnection connectCluster(RedisEndpoint endpoint, ConnectionSettings settings,
      LettuceFailures failures, SharedResources resources, List<RedisURI> seeds, ClientOptions theirs) {
    ClientResources shared = resources.acquire();
    RedisClusterClient client = null;
    try {
      client = RedisClusterClient.create(shared, seeds);
      ClusterClientOptions options = ClusterClientSetup.options(settings);
      if (theirs != null) {
        // The application's TLS material (trust store, key store, protocols) reaches every node.
        options = options.mutate().sslOptions(theirs.getSslOptions()).build();
      }
      client.setOptions(options);
      SentCommands tracked = new SentCommands();
      client.addListener(tracked.listener());
      StatefulRedisClusterConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
      LettuceClusterConnection cluster =
          new LettuceClusterConnection(endpoint, settings, failures, client, connection, tracked, resources::release);
      cluster.connectToMasters();
      return cluster;
    } catch (RuntimeException e) {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      resources.release();
      throw failures.connectFailed(e);
    }
  }

  private static ClientOptions options(ConnectionSettings settings) {
    return ClientOptions.builder()
        // RESP3 would turn e.g. HGETALL into a map-shaped reply; the SPI is defined on RESP2.
        .protocolVersion(ProtocolVersion.RESP2)
        .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
        .timeoutOptions(TimeoutOptions.builder().timeoutCommands(true).fixedTimeout(settings.commandTimeout()).build())
        .autoReconnect(true)
        .build();
  }

  private static RedisURI uri(RedisEndpoint endpoint, ConnectionSettings settings) {
    RedisURI.Builder uri = RedisURI.Builder.redis(endpoint.host(), endpoint.port())
        .withDatabase(endpoint.database())
        .withTimeout(settings.connectTimeout());
    authenticate(uri, endpoint);
    if (endpoint.tls()) {
      uri.withSsl(true).withVerifyPeer(SslVerifyMode.FULL);
    }
    return uri.build();
  }

  /**
   * The URI's credentials; a password without a user authenticates as Redis's {@code default} user, as Jedis's
   * {@code HELLO 2 AUTH default …} does. The one-argument {@code AUTH <password>} Lettuce would send otherwise is
   * refused by a server without a password, while {@code AUTH default <password>} is accepted there (the default
   * user then has {@code nopass}) and means the same as {@code AUTH <password>} on a server with one, so both
   * drivers accept one URI against servers with and without a password.
   */
  static void authenticate(RedisURI.Builder uri, RedisEndpoint endpoint) {
    if (endpoint.password() != null) {
      uri.withAuthentication(endpoint.user() != null ? endpoint.user() : "default", endpoint.password());
    }
  }

  @Override
  public String toString() {
    return "LettuceDriver";
  }
}
