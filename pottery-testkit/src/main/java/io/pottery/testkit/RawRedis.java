package io.pottery.testkit;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A tiny RESP2 client over one socket, for tests that must reach Redis around Pottery: to write the layout a
 * Python pottery process would leave, or to read the exact bytes Pottery wrote. It depends on no driver.
 *
 * <pre>{@code
 * try (RawRedis raw = server.client()) {
 *   raw.call("HSET", "tel", "\"jack\"", "4098");
 *   assertThat(raw.call("HGET", "tel", "\"jack\"")).isEqualTo("4098".getBytes(UTF_8));
 * }
 * }</pre>
 *
 * <p>Replies map as: integer → {@link Long}; bulk string → {@code byte[]}; simple string → {@link String};
 * array → {@code List<Object>} of these; null bulk string or null array → {@code null}. An error reply is
 * thrown as {@link RedisErrorException} (its {@code serverMessage()} is the server's text); inside an array
 * (as in an {@code EXEC} reply) it is returned as an element instead. A lost connection or a reply slower
 * than the timeout throws {@link RedisConnectionException} and closes the connection, since the stream can
 * no longer be trusted to be in step.
 *
 * <p>Connected to a {@code redis-cluster://host1:port1,host2:port2} URI it is a cluster client: each call goes to
 * the node that owns the slot of its first key (see {@link #connect(String, Duration)}), following
 * {@code MOVED} and {@code ASK} redirections and retrying {@code CLUSTERDOWN}, {@code TRYAGAIN} and refused
 * connections (a failover in progress) until the timeout.
 *
 * <p>Calls are serialized (the methods are synchronized), one round trip each. Close it when done.
 *
 * @since 0.1
 */
public final class RawRedis implements AutoCloseable {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final String redactedUri;
  private final Transport transport;

  private RawRedis(String redactedUri, Transport transport) {
    this.redactedUri = redactedUri;
    this.transport = transport;
  }

  /** Where the calls go: one socket, or a router over one socket per cluster node. */
  interface Transport {
    /** Sends a command; error replies are thrown as {@link RedisErrorException}. */
    Object call(byte[][] args);

    boolean isClosed();

    void close();
  }

  /**
   * Connects with a 5 s connect and reply timeout; see {@link #connect(String, Duration)}.
   *
   * @throws IllegalArgumentException if the URI is not {@code redis://}, {@code rediss://} or
   *     {@code redis-cluster://}
   * @throws RedisConnectionException if the server cannot be reached
   * @throws RedisErrorException if {@code AUTH} or {@code SELECT} is refused
   */
  public static RawRedis connect(String uri) {
    return connect(uri, DEFAULT_TIMEOUT);
  }

  /**
   * Connects to {@code redis[s]://[[user]:password@]host[:port][/database]}: authenticates with {@code AUTH}
   * when the URI has a password and selects the database when it names one other than 0. {@code rediss}
   * uses the JVM's default TLS settings.
   *
   * <p>{@code redis-cluster://[[user]:password@]host1:port1[,host2:port2…]} (or {@code rediss-cluster://})
   * connects to a Redis Cluster through those seed nodes: the slot map comes from {@code CLUSTER SLOTS}, and
   * each call goes to the owner of the slot of its first key. The first key is the first argument
   * ({@code GET k}), the fourth for {@code EVAL}/{@code EVALSHA}/{@code FCALL} with keys, the third for
   * {@code OBJECT}/{@code MEMORY}/{@code XINFO} subcommands; keyless commands ({@code PING}, {@code INFO},
   * {@code CLUSTER …}, scripts without keys) go to the first seed that answers. A cluster has database 0
   * only, so a path other than {@code /0} is refused.
   *
   * @param timeout the connect timeout and the longest wait for any one reply (for a cluster, also the
   *     longest time a call keeps retrying through redirections and a failover)
   * @throws IllegalArgumentException if the URI is none of these forms
   * @throws RedisConnectionException if the server (for a cluster: every seed) cannot be reached
   * @throws RedisErrorException if {@code AUTH} or {@code SELECT} is refused
   */
  public static RawRedis connect(String uri, Duration timeout) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    if (ClusterEndpoint.isCluster(uri)) {
      ClusterEndpoint cluster = ClusterEndpoint.parse(uri);
      return new RawRedis(cluster.redacted(), ClusterRouter.connect(cluster, timeout));
    }
    Endpoint endpoint = Endpoint.parse(uri);
    RespConnection connection = RespConnection.open(endpoint.tls(), endpoint.host(), endpoint.port(), endpoint.user(),
        endpoint.password(), timeout, endpoint.redacted());
    if (endpoint.database() != 0) {
      try {
        connection.callOrThrow(new byte[][] {RespConnection.bytes("SELECT"),
            RespConnection.bytes(Integer.toString(endpoint.database()))});
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
    }
    return new RawRedis(endpoint.redacted(), connection);
  }

  /** A {@code redis://} or {@code redis-cluster://} URI without credentials, for messages. */
  static String redacted(String uri) {
    return ClusterEndpoint.isCluster(uri) ? ClusterEndpoint.parse(uri).redacted() : Endpoint.parse(uri).redacted();
  }

  /** Whether a server answers PING with PONG at {@code uri} within 500 ms; never throws. */
  static boolean answersPing(String uri) {
    try (RawRedis raw = connect(uri, Duration.ofMillis(500))) {
      return "PONG".equals(raw.call("PING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Sends one command whose arguments are UTF-8 text and returns the reply, mapped as the class describes.
   *
   * @throws RedisErrorException if the server answers with an error
   * @throws RedisConnectionException if the connection fails or no reply comes within the timeout
   */
  public synchronized Object call(String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = RespConnection.bytes(Objects.requireNonNull(args[i], "argument " + i));
    }
    return call(bytes);
  }

  /**
   * Sends one command with binary-safe arguments and returns the reply, mapped as the class describes.
   *
   * @throws RedisErrorException if the server answers with an error
   * @throws RedisConnectionException if the connection fails or no reply comes within the timeout
   */
  public synchronized Object call(byte[]... args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("a command needs at least its name");
    }
    if (transport.isClosed()) {
      throw new IllegalStateException("RawRedis to " + redactedUri + " is closed");
    }
    return transport.call(args);
  }

  /**
   * Like {@link #call(String...)}, with bulk strings decoded as UTF-8 text (also inside arrays), for replies
   * that are known to be text.
   *
   * @throws RedisErrorException if the server answers with an error
   * @throws RedisConnectionException if the connection fails or no reply comes within the timeout
   */
  public synchronized Object callText(String... args) {
    return asText(call(args));
  }

  static Object asText(Object reply) {
    if (reply instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (reply instanceof List<?> list) {
      List<Object> texts = new ArrayList<>(list.size());
      for (Object element : list) {
        texts.add(asText(element));
      }
      return texts;
    }
    return reply;
  }

  /** Closes the connection (for a cluster, every node's). Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  /** {@code RawRedis{redis://host:port/db}} or {@code RawRedis{redis-cluster://h1:p1,h2:p2}}, without credentials. */
  @Override
  public String toString() {
    return "RawRedis{" + redactedUri + (transport.isClosed() ? ", closed" : "") + "}";
  }

  /** The parts of a {@code redis://} URI a raw connection needs. */
  record Endpoint(boolean tls, String host, int port, String user, String password, int database) {

    static Endpoint parse(String text) {
      URI uri;
      try {
        uri = URI.create(text.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Not a redis:// URI: \"" + redact(text) + "\"", e);
      }
      String scheme = uri.getScheme();
      if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("Not a redis:// or rediss:// URI: \"" + redact(text) + "\"");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("No host in \"" + redact(text) + "\"");
      }
      String user = null;
      String password = null;
      if (uri.getUserInfo() != null) {
        String info = uri.getUserInfo();
        int colon = info.indexOf(':');
        if (colon < 0) {
          password = info;
        } else {
          user = info.substring(0, colon);
          password = info.substring(colon + 1);
        }
      }
      int database = 0;
      String path = uri.getPath();
      if (path != null && path.length() > 1) {
        try {
          database = Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("The path of \"" + redact(text) + "\" is not a database number", e);
        }
      }
      return new Endpoint("rediss".equalsIgnoreCase(scheme), uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
          user, password, database);
    }

    String redacted() {
      return (tls ? "rediss" : "redis") + "://" + host + ":" + port + "/" + database;
    }

    /** {@code uri} with its path replaced by {@code /database}; credentials kept as written. */
    static String withDatabase(String uri, int database) {
      URI parsed = URI.create(uri.trim());
      return parsed.getScheme() + "://" + parsed.getRawAuthority() + "/" + database;
    }

    /** Drops {@code user:password@} from a URI text for messages. */
    static String redact(String text) {
      return text.replaceFirst("//[^/@]*@", "//");
    }
  }
}
