package io.pottery.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A group of real Redis servers for one test class, started together and closed together: one for
 * collection tests, five for Redlock quorum tests. Get one from {@link RedisExtension}.
 *
 * @since 0.1
 */
public final class RedisServers implements AutoCloseable {
  private final List<RedisServer> servers;

  private RedisServers(List<RedisServer> servers) {
    this.servers = Collections.unmodifiableList(servers);
  }

  /**
   * Starts {@code count} servers, closing the ones already started if a later one fails.
   *
   * @throws IllegalStateException if no {@code redis-server} can be found; the message says how to install one
   */
  public static RedisServers start(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    Path executable = findExecutable().orElseThrow(() -> new IllegalStateException(
        "No redis-server found for the tests: none on the PATH (" + System.getenv("PATH") + "). "
            + "Install one (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) "
            + "or set POTTERY_TEST_REDIS to a redis:// URL the tests may use."));
    List<RedisServer> started = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        started.add(RedisServer.start(executable));
      }
    } catch (RuntimeException e) {
      started.forEach(RedisServer::close);
      throw e;
    }
    return new RedisServers(started);
  }

  static Optional<Path> findExecutable() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The servers, in start order. */
  public List<RedisServer> all() {
    return servers;
  }

  /** The first server. */
  public RedisServer first() {
    return servers.get(0);
  }

  /** The server at {@code index}. */
  public RedisServer get(int index) {
    return servers.get(index);
  }

  /** How many servers there are. */
  public int size() {
    return servers.size();
  }

  /** Every server's {@code redis://} URI, in order. */
  public String[] uris() {
    return servers.stream().map(RedisServer::uri).toArray(String[]::new);
  }

  /** Stops every server. Idempotent. */
  @Override
  public void close() {
    for (RedisServer server : servers) {
      server.close();
    }
  }

  @Override
  public String toString() {
    return "RedisServers" + servers;
  }
}
