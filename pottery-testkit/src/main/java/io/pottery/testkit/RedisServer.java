package io.pottery.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One Redis server for tests: a {@code redis-server} process on a free loopback port (from the {@code PATH} or
 * the embedded 6.2 binary), a Docker container, or an external server from {@code POTTERY_TEST_REDIS}; see
 * {@link RedisSource}. Servers the testkit starts keep nothing on disk ({@code --save '' --appendonly no}) and
 * are stopped by {@link #close()}, or at the latest when the JVM exits.
 *
 * <p>Fault tests use {@link #kill()} (SIGKILL), {@link #pause()} (SIGSTOP), {@link #resume()} (SIGCONT) and
 * {@link #restart()}. On an external server, which other tests share, these (and {@link #pid()}) abort the
 * calling test: JUnit reports it skipped, with the reason. Declare {@code @WithRedis(controllable = true)} to
 * skip such a test class before it starts.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class RedisServer implements AutoCloseable {
  private final RedisSource source;
  private final RedisNode node;
  private volatile RedisVersion version;

  RedisServer(RedisSource source, RedisNode node) {
    this.source = Objects.requireNonNull(source, "source");
    this.node = Objects.requireNonNull(node, "node");
  }

  /**
   * Starts a server from the given {@code redis-server} executable on a free loopback port and waits until it
   * answers. Its {@link #source()} is {@link RedisSource#PATH}.
   *
   * @throws IllegalStateException if it does not start within 10 s; the message holds its log
   */
  public static RedisServer start(Path executable) {
    return new RedisServer(RedisSource.PATH, RedisProcess.start(Objects.requireNonNull(executable, "executable")));
  }

  /**
   * Whether this server stands for a Redis Cluster: the first master of a {@link MatrixTest} cluster cell, whose
   * {@link #uri()} is the shared cluster's {@code redis-cluster://} seed URI and whose {@link #client()} routes
   * each call by its first key.
   */
  public boolean isCluster() {
    return node instanceof SharedClusterNode;
  }

  /** Where this server comes from. */
  public RedisSource source() {
    return source;
  }

  /**
   * A new raw RESP2 connection to this server (database 0), for reading and writing bytes around Pottery; for
   * a {@linkplain #isCluster() cluster} a client that sends each call to the node owning its first key.
   * The caller closes it.
   *
   * @throws io.pottery.RedisConnectionException if the server cannot be reached
   */
  public RawRedis client() {
    return RawRedis.connect(uri());
  }

  /**
   * The server's version, from {@code redis_version} in {@code INFO server}; asked once, then remembered.
   *
   * @throws io.pottery.RedisConnectionException if the server cannot be reached
   * @throws IllegalStateException if {@code INFO server} has no {@code redis_version}
   */
  public RedisVersion version() {
    RedisVersion known = version;
    if (known == null) {
      try (RawRedis raw = client()) {
        String info = (String) raw.callText("INFO", "server");
        known = info.lines()
            .filter(line -> line.startsWith("redis_version:"))
            .map(line -> RedisVersion.parse(line.substring("redis_version:".length())))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("INFO server of " + this + " has no redis_version: " + info));
      }
      version = known;
    }
    return known;
  }

  /** The server's log so far, for failure messages (empty of content for external servers). */
  public String log() {
    return node.log();
  }

  /**
   * {@code redis://<host>:<port>/0}, with the credentials of an external URL; for a {@linkplain #isCluster()
   * cluster} its {@code redis-cluster://h1:p1,h2:p2,h3:p3} seed URI.
   */
  public String uri() {
    return uri(0);
  }

  /**
   * {@code redis://<host>:<port>/<database>}, with the credentials of an external URL.
   *
   * @throws IllegalArgumentException for a {@linkplain #isCluster() cluster} and a database other than 0
   */
  public String uri(int database) {
    return node.uri(database);
  }

  /** The host to connect to: {@code 127.0.0.1} for processes; for a cluster, its first master's. */
  public String host() {
    return node.host();
  }

  /** The TCP port the server listens on; for a cluster, its first master's. */
  public int port() {
    return node.port();
  }

  /**
   * The operating-system process id.
   *
   * @throws org.opentest4j.TestAbortedException for external servers and containers, which have none to use
   * @throws UnsupportedOperationException for the shared cluster of a cluster cell
   */
  public long pid() {
    return node.pid();
  }

  /** Whether the process or container is alive (a paused one is); always {@code true} for external servers. */
  public boolean isRunning() {
    return node.isRunning();
  }

  /**
   * Kills the server with SIGKILL and waits until it is gone. Idempotent.
   *
   * @throws org.opentest4j.TestAbortedException for external servers
   * @throws UnsupportedOperationException for the shared cluster of a cluster cell, which every test uses
   */
  public void kill() {
    node.kill();
  }

  /**
   * Starts the server again on the same port (after {@link #kill()}, or killing it first); it comes back empty.
   *
   * @throws org.opentest4j.TestAbortedException for external servers
   * @throws UnsupportedOperationException for the shared cluster of a cluster cell, which every test uses
   * @throws IllegalStateException if it does not come back within the start timeout
   */
  public void restart() {
    node.restart();
  }

  /**
   * Freezes the server with SIGSTOP: it accepts connections but answers nothing until {@link #resume()}.
   *
   * @throws org.opentest4j.TestAbortedException for external servers
   * @throws UnsupportedOperationException for the shared cluster of a cluster cell, which every test uses
   * @throws IllegalStateException if the server is not running
   */
  public void pause() {
    node.pause();
  }

  /**
   * Thaws a server frozen by {@link #pause()} with SIGCONT.
   *
   * @throws org.opentest4j.TestAbortedException for external servers
   * @throws UnsupportedOperationException for the shared cluster of a cluster cell, which every test uses
   * @throws IllegalStateException if the server is not running
   */
  public void resume() {
    node.resume();
  }

  /**
   * Stops the server (even a paused one) and deletes its files; leaves an external server and the shared
   * cluster alone. Idempotent.
   */
  @Override
  public void close() {
    node.close();
  }

  /** {@code RedisServer{redis://127.0.0.1:6380/0, path}}, never with credentials. */
  @Override
  public String toString() {
    String redacted = RawRedis.redacted(uri());
    boolean external = source == RedisSource.EXTERNAL;
    return "RedisServer{" + redacted + ", " + source.name().toLowerCase(java.util.Locale.ROOT)
        + (external || isRunning() ? "" : ", stopped") + "}";
  }

  /**
   * Stops every server in order, even if stopping one fails: the first failure is thrown after all were tried,
   * the others suppressed into it. What {@link RedisServers#close()} and {@link RedisCluster#close()} do.
   */
  static void closeAll(List<RedisServer> servers) {
    RuntimeException failure = null;
    for (RedisServer server : servers) {
      try {
        server.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The redacted URIs of servers, for messages. */
  static List<String> redacted(List<RedisServer> servers) {
    return servers.stream().map(server -> RawRedis.redacted(server.uri())).toList();
  }
}
