package io.pottery.internal.discovery;

import io.pottery.Pottery;
import io.pottery.PotteryConfigurationException;
import io.pottery.instrumentation.PotteryListener;
import io.pottery.spi.ClientSource;
import io.pottery.spi.Codec;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.StructuresContext;
import io.pottery.spi.StructuresProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Internal, may change: what {@code Pottery.Builder.build()} does — parse the URIs, pick the providers,
 * connect every master, hand everything to the structures implementation, and close what was opened if any
 * step fails.
 */
public final class PotteryAssembly {

  static final ProviderKind<RedisDriver> DRIVERS = new ProviderKind<>(
      RedisDriver.class, "driver", "pottery.driver",
      artifacts("lettuce", "io.pottery:pottery-driver-lettuce", "jedis", "io.pottery:pottery-driver-jedis"),
      RedisDriver::name, RedisDriver::priority, RedisDriver::spiVersion);

  static final ProviderKind<Codec> CODECS = new ProviderKind<>(
      Codec.class, "codec", "pottery.codec",
      artifacts("jackson", "io.pottery:pottery-codec-jackson", "gson", "io.pottery:pottery-codec-gson"),
      Codec::name, Codec::priority, Codec::spiVersion);

  static final ProviderKind<StructuresProvider> STRUCTURES = new ProviderKind<>(
      StructuresProvider.class, "structures implementation", null,
      artifacts("pottery-structures", "io.pottery:pottery-structures"),
      StructuresProvider::name, StructuresProvider::priority, StructuresProvider::spiVersion);

  private final List<String> uris;
  private final String driverChoice;
  private final String codecChoice;
  private final Duration connectTimeout;
  private final Duration commandTimeout;
  private final String namespace;
  private final ClassLoader loader;
  private final List<PotteryListener<?>> listeners;
  private ClientSource client;
  /** The user's async executor, or null for the structures' own threads. */
  private java.util.concurrent.Executor asyncExecutor;

  /** Captures the builder's settings, defaults already applied, without listeners given on the builder. */
  public PotteryAssembly(List<String> uris, String driverChoice, String codecChoice, Duration connectTimeout,
      Duration commandTimeout, String namespace, ClassLoader loader) {
    this(uris, driverChoice, codecChoice, connectTimeout, commandTimeout, namespace, loader, List.of());
  }

  /**
   * Captures the builder's settings, defaults already applied.
   *
   * @param listeners the listeners given to the builder, in order; discovered ones are added after them
   */
  public PotteryAssembly(List<String> uris, String driverChoice, String codecChoice, Duration connectTimeout,
      Duration commandTimeout, String namespace, ClassLoader loader, List<PotteryListener<?>> listeners) {
    this.listeners = List.copyOf(listeners);
    this.uris = uris;
    this.driverChoice = driverChoice;
    this.codecChoice = codecChoice;
    this.connectTimeout = connectTimeout;
    this.commandTimeout = commandTimeout;
    this.namespace = namespace;
    this.loader = loader;
  }

  /**
   * Connects through the application's own client settings ({@code Pottery.Builder.client}); {@code null} for
   * none. With a source that names its servers, the URIs given to the constructor must be empty.
   */
  public PotteryAssembly withClient(ClientSource source) {
    this.client = source;
    return this;
  }

  /**
   * Where the async views complete their stages ({@code Pottery.Builder.asyncExecutor}); {@code null} leaves it
   * to the structures' own threads.
   */
  public PotteryAssembly withAsyncExecutor(java.util.concurrent.Executor executor) {
    if (executor != null) {
      this.asyncExecutor = executor;
    }
    return this;
  }

  private static Map<String, String> artifacts(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** Builds the {@link Pottery}; see {@code Pottery.Builder.build()}. */
  public Pottery assemble() {
    List<RedisEndpoint> endpoints = new ArrayList<>(uris.size());
    List<URI> parsed = new ArrayList<>(uris.size());
    for (String uri : uris) {
      RedisEndpoint endpoint = RedisEndpoint.parse(uri);
      endpoints.add(endpoint);
      parsed.add(forSupports(uri, endpoint));
    }
    if (client != null && !client.endpoints().isEmpty()) {
      endpoints.addAll(client.endpoints());
    }
    StructuresProvider structures = ProviderSelection.select(STRUCTURES, loader, null, p -> true, "");
    boolean anyCluster = endpoints.stream().anyMatch(RedisEndpoint::cluster);
    // With a client, its own driver: it is the only one that understands the source's types.
    String choice = driverChoice;
    if (client != null) {
      String owner = client.driverName();
      if (driverChoice != null && !driverChoice.equals(owner)) {
        throw new PotteryConfigurationException("driver is \"" + driverChoice + "\" but the client (" + client
            + ") belongs to the " + owner + " driver; drop the driver setting or give a " + driverChoice + " client");
      }
      choice = owner;
    }
    RedisDriver driver = ProviderSelection.select(DRIVERS, loader, choice,
        d -> parsed.stream().allMatch(d::supports) && (!anyCluster || d.supportsCluster()),
        (anyCluster ? "does not support Redis Cluster, needed for " : "does not support ") + redactedList(endpoints));
    Codec codec = ProviderSelection.select(CODECS, loader, codecChoice, c -> true, "");

    List<RedisConnection> connections = new ArrayList<>(endpoints.size());
    try {
      for (RedisEndpoint endpoint : endpoints) {
        Duration timeout = endpoint.commandTimeout() != null ? endpoint.commandTimeout() : commandTimeout;
        ConnectionSettings settings = new ConnectionSettings(connectTimeout, timeout);
        connections.add(client == null ? driver.connect(endpoint, settings) : driver.connect(endpoint, settings, client));
      }
      MasterTopology.check(connections);
      return structures.open(new StructuresContext(connections, driver.name(), codec, commandTimeout, namespace,
          listeners(listeners, loader), asyncExecutor));
    } catch (RuntimeException | Error e) {
      for (RedisConnection connection : connections) {
        try {
          connection.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * The builder's listeners, then those {@link ServiceLoader} finds in {@code loader}. A discovered listener that
   * cannot be instantiated fails the build, naming it: instrumentation that silently does nothing is worse than
   * none.
   *
   * @throws PotteryConfigurationException naming the broken listener and its cause
   */
  @SuppressWarnings("rawtypes")
  static List<PotteryListener<?>> listeners(List<PotteryListener<?>> given, ClassLoader loader) {
    List<PotteryListener<?>> all = new ArrayList<>(given);
    try {
      for (PotteryListener discovered : ServiceLoader.load(PotteryListener.class, loader)) {
        all.add(discovered);
      }
    } catch (ServiceConfigurationError e) {
      throw new PotteryConfigurationException("a io.pottery.instrumentation.PotteryListener listed in "
          + "META-INF/services could not be loaded: " + e.getMessage() + "; fix or remove that jar", e);
    }
    return all;
  }

  /**
   * The URI a driver's {@code supports} looks at. A cluster URI is parsed by hand and may hold characters
   * {@link URI} refuses (in a password, say); {@code URI.create}'s exception would then quote it, password
   * included, so such a URI is given to the driver in its redacted form, which has the same scheme and hosts.
   */
  private static URI forSupports(String uri, RedisEndpoint endpoint) {
    try {
      return new URI(uri);
    } catch (URISyntaxException e) {
      return URI.create(endpoint.redacted());
    }
  }

  private static String redactedList(List<RedisEndpoint> endpoints) {
    List<String> shown = new ArrayList<>();
    for (RedisEndpoint endpoint : endpoints) {
      shown.add(endpoint.redacted());
    }
    return String.join(", ", shown);
  }

  /** A URI text with its password hidden, even if it does not parse. */
  public static String redact(String uri) {
    try {
      return RedisEndpoint.parse(uri).redacted();
    } catch (PotteryConfigurationException | IllegalArgumentException e) {
      // Unparseable: hide all that precedes the last '@' after the scheme (or all of it without a scheme).
      int at = uri.lastIndexOf('@');
      if (at < 0) {
        return uri;
      }
      int scheme = uri.indexOf("://");
      return (scheme >= 0 && scheme < at ? uri.substring(0, scheme + 3) : "") + "***" + uri.substring(at);
    }
  }
}
