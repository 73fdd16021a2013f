package io.pottery.internal.testing;

import io.pottery.testkit.RawRedis;

/**
 * How many times a server ran a command, from {@code INFO commandstats}: tests use it to check that an
 * operation is one round trip (one HSET, one HMGET) and that a script ran with EVALSHA rather than EVAL.
 */
public final class CommandStats {
  private CommandStats() {}

  /** The {@code calls} count of {@code command} (lower case, e.g. {@code "hset"}) since the last reset. */
  public static long calls(RawRedis raw, String command) {
    String info = (String) raw.callText("INFO", "commandstats");
    String prefix = "cmdstat_" + command + ":calls=";
    for (String line : info.split("\r\n")) {
      if (line.startsWith(prefix)) {
        int end = line.indexOf(',', prefix.length());
        return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
      }
    }
    return 0;
  }
}
