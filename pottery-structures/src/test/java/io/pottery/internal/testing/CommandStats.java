package io.pottery.internal.testing;

import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;

/**
 * How many times a server ran a command, from {@code INFO commandstats}: tests use it to check that an
 * operation is one round trip (one HSET, one HMGET) and that a script ran with EVALSHA rather than EVAL. On a
 * matrix cluster cell the counts are summed over the cluster's nodes ({@link EveryNode}), so "one HSET" means
 * one on the whole cluster, wherever the key lives.
 */
public final class CommandStats {
  private CommandStats() {}

  /** The {@code calls} count of {@code command} (lower case, e.g. {@code "hset"}) since the last reset. */
  public static long calls(RawRedis raw, String command) {
    return callsTogether(raw, command)[0];
  }

  /**
   * The {@code calls} counts of {@code commands}, in order, from one {@code INFO commandstats}: a script that
   * runs between two separate reads would count in one and not the other (a quorum round's slowest master may
   * still be running scripts when a test reads).
   */
  public static long[] callsTogether(RawRedis raw, String... commands) {
    String info = (String) raw.callText("INFO", "commandstats");
    long[] counts = new long[commands.length];
    for (int i = 0; i < commands.length; i++) {
      String prefix = "cmdstat_" + commands[i] + ":calls=";
      for (String line : info.split("\r\n")) {
        if (line.startsWith(prefix)) {
          int end = line.indexOf(',', prefix.length());
          counts[i] = Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
        }
      }
    }
    return counts;
  }

  /** The {@code calls} count of {@code command} on {@code server}, summed over its nodes if it is a cluster. */
  public static long calls(RedisServer server, String command) {
    return EveryNode.ask(server, raw -> calls(raw, command)).stream().mapToLong(Long::longValue).sum();
  }

  /** {@code CONFIG RESETSTAT} on {@code server}, or on every node if it is a cluster. */
  public static void reset(RedisServer server) {
    EveryNode.ask(server, raw -> raw.call("CONFIG", "RESETSTAT"));
  }
}
