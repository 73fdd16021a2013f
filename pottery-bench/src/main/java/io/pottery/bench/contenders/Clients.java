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
      case POTTERY_JEDIS: return new PotteryClient("jedis", masters);
      case POTTERY_LETTUCE: return new PotteryClient("lettuce", masters);
      case RAW_JEDIS: return new RawJedisClient(masters);
      case RAW_LETTUCE: return new RawLettuceClient(masters);
      case REDISSON: return new RedissonClients(masters, false);
      case REDISSON_ID_GENERATOR: return new RedissonClients(masters, true);
      case TWO_ROUND: return new TwoRoundClient(masters);
      default: throw new IllegalArgumentException(contender.toString());
    }
  }

  /**
   * Connects a Pottery contender with an instrumentation listener registered (the gate's {@code --listener-cost}).
   *
   * @throws IllegalArgumentException if {@code contender} is not a Pottery one
   */
  public static BenchClient openWithListener(Contender contender, List<String> masters,
      io.pottery.instrumentation.PotteryListener<?> listener) {
    switch (contender) {
      case POTTERY_JEDIS: return new PotteryClient("jedis", masters, listener);
      case POTTERY_LETTUCE: return new PotteryClient("lettuce", masters, listener);
      default: throw new IllegalArgumentException(contender + " takes no Pottery listener");
    }
  }
}
