package io.pottery.internal.testing;

import io.pottery.testkit.RawRedis;
import java.util.List;

/**
 * Fills a large collection inside Redis with one Lua script, for the {@code *LargeTest}s: a million elements sent
 * from the client would take longer than the test itself. Elements go in batches of 1,000 (Lua's {@code unpack}
 * has a stack limit), numbered {@code i} = 1 … N.
 */
public final class ServerSideFill {
  private ServerSideFill() {}

  /**
   * Runs the fill on {@code key} and returns the collection's size as Redis reports it.
   *
   * @param raw a connection with a timeout long enough for the whole fill (seconds for a million)
   * @param key the key to fill
   * @param count how many elements, N
   * @param write the command adding a batch, e.g. {@code RPUSH}, {@code SADD}, {@code HSET}
   * @param size the command counting the result, e.g. {@code LLEN}, {@code SCARD}, {@code HLEN}
   * @param argumentsOfI the Lua expressions of one element's arguments in terms of {@code i}, e.g.
   *     {@code tostring(i)} for the JSON integer i, or a field expression and a value expression for a hash
   * @return the size after the fill
   */
  public static long fill(RawRedis raw, String key, int count, String write, String size, List<String> argumentsOfI) {
    StringBuilder script = new StringBuilder()
        .append("local n = tonumber(ARGV[1])\n")
        .append("for first = 1, n, 1000 do\n")
        .append("  local args = {}\n")
        .append("  for i = first, math.min(first + 999, n) do\n");
    for (String argument : argumentsOfI) {
      script.append("    args[#args + 1] = ").append(argument).append('\n');
    }
    script.append("  end\n")
        .append("  redis.call('").append(write).append("', KEYS[1], unpack(args))\n")
        .append("end\n")
        .append("return redis.call('").append(size).append("', KEYS[1])");
    return (Long) raw.call("EVAL", script.toString(), "1", key, Integer.toString(count));
  }
}
