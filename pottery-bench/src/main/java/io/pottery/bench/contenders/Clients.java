package io.pottery.bench.contenders;

import java.util.List;

/** Opens a contender on a set of masters. */
public final class Clients {
  private Clients() {}

  /**
   * Connects {@code contender} to {@code masters} ({@code redis://} URIs); the caller closes the client. Jobs a
   * contender cannot do throw {@link UnsupportedOperationException} when asked for.
   */
  public static BenchClient open(Contender contender, List<String> masters) {
    switch (contender) {
      case POTTERY_JEDIS:
      case POTTERY_LETTUCE: return new PotteryClient(driver(contender), masters);
      case RAW_JEDIS: return new RawJedisClient(masters);
      case RAW_LETTUCE: return new RawLettuceClient(masters);
      case REDISSON: return new RedissonClients(masters, false);
      case REDISSON_ID_GENERATOR: return new RedissonClients(masters, true);
      case TWO_ROUND: return new TwoRoundClient(masters);
      default: throw new IllegalArgumentException(contender.toString());
    }
  }

  /**
   * A builder of the {@code Pottery} a Pottery contender measures (its driver, the Jackson codec, default
   * settings), for benchmarks of API that {@link BenchClient} does not cover (the async calls); the caller may
   * add settings, builds it and closes what it built.
   *
   * @throws IllegalArgumentException if {@code contender} is not a Pottery one
   */
  public static io.pottery.Pottery.Builder potteryBuilder(Contender contender, List<String> masters) {
    return PotteryClient.builder(driver(contender), masters);
  }

  private static String driver(Contender contender) {
    switch (contender) {
      case POTTERY_JEDIS: return "jedis";
      case POTTERY_LETTUCE: return "lettuce";
      default: throw new IllegalArgumentException(contender + " is not a Pottery contender");
    }
  }

  /**
   * Connects a Pottery contender with an instrumentation listener registered (the gate's {@code --listener-cost}).
   *
   * @throws IllegalArgumentException if {@code contender} is not a Pottery one
   */
  public static BenchClient openWithListener(Contender contender, List<String> masters,
      io.pottery.instrumentation.PotteryListener<?> listener) {
    if (!contender.isPottery()) {
      throw new IllegalArgumentException(contender + " takes no Pottery listener");
    }
    return new PotteryClient(driver(contender), masters, listener);
  }
}
