package io.pottery.bench;

import io.pottery.testkit.RedisServers;
import io.pottery.testkit.RedisSource;

/**
 * The bench's own Redis servers: fresh {@code redis-server} processes from the {@code PATH} on free loopback
 * ports, else the Redis 6.2 binary bundled with the testkit; never a server someone else runs (not
 * {@code POTTERY_TEST_REDIS}, not Docker, never 127.0.0.1:6379).
 */
final class BenchServers implements AutoCloseable {
  final RedisServers one;
  final RedisServers five;

  private BenchServers(RedisServers one, RedisServers five) {
    this.one = one;
    this.five = five;
  }

  static BenchServers start() {
    RedisServers one = start(1);
    try {
      return new BenchServers(one, start(5));
    } catch (RuntimeException e) {
      one.close();
      throw e;
    }
  }

  private static RedisServers start(int count) {
    try {
      return RedisServers.start(count, RedisSource.PATH);
    } catch (IllegalStateException onPath) {
      try {
        return RedisServers.start(count, RedisSource.EMBEDDED);
      } catch (RuntimeException embedded) {
        embedded.addSuppressed(onPath);
        throw embedded;
      }
    }
  }

  /**
   * The JVM arguments that hand the servers to a JMH fork (see {@link BenchMasters}), after {@code others} (JMH
   * keeps only the last {@code jvmArgsAppend} call, so all go in one).
   */
  String[] jvmArgs(String... others) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(others));
    args.add("-D" + BenchMasters.property(1) + "=" + String.join(",", one.uris()));
    args.add("-D" + BenchMasters.property(5) + "=" + String.join(",", five.uris()));
    return args.toArray(String[]::new);
  }

  /** Sets the same properties in this JVM, for the gate, which measures in-process. */
  void setProperties() {
    System.setProperty(BenchMasters.property(1), String.join(",", one.uris()));
    System.setProperty(BenchMasters.property(5), String.join(",", five.uris()));
  }

  /** E.g. {@code Redis 7.0.15 (path)}. */
  String describe() {
    return "Redis " + one.version() + " (" + one.source().name().toLowerCase(java.util.Locale.ROOT) + ")";
  }

  @Override
  public void close() {
    try {
      one.close();
    } finally {
      five.close();
    }
  }
}
