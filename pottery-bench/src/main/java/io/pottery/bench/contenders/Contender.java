package io.pottery.bench.contenders;

/**
 * Who does a benchmark's job: Pottery on either driver, the raw driver issuing the same Redis commands (the cost
 * floor), a faithful two-round NextId written from raw commands, or Redisson doing the same job where it has one.
 */
public enum Contender {
  /** Pottery's public API over {@code pottery-driver-jedis}. */
  POTTERY_JEDIS("pottery (jedis)", true),
  /** Pottery's public API over {@code pottery-driver-lettuce}. */
  POTTERY_LETTUCE("pottery (lettuce)", true),
  /** Jedis alone, the same commands and scripts, bytes encoded ahead of time; fan-out through an executor. */
  RAW_JEDIS("raw jedis", false),
  /** Lettuce alone (async API, byte-array codec), the same commands and scripts, bytes encoded ahead of time. */
  RAW_LETTUCE("raw lettuce", false),
  /** NextId as Python pottery runs it (a read quorum, then a raise-only write quorum), on raw Lettuce. */
  TWO_ROUND("two-round nextid (lettuce)", false),
  /** Redisson 3.52: RLock / RedissonRedLock, RAtomicLong, RMap, RSet, RBloomFilter, RMapCache. */
  REDISSON("redisson", false),
  /** Redisson's RIdGenerator, which reserves blocks of ids (NextId only). */
  REDISSON_ID_GENERATOR("redisson RIdGenerator", false);

  private final String label;
  private final boolean pottery;

  Contender(String label, boolean pottery) {
    this.label = label;
    this.pottery = pottery;
  }

  /** A short human name for tables and charts, e.g. {@code pottery (jedis)}. */
  public String label() {
    return label;
  }

  /** Whether this is Pottery itself (as opposed to a limit it is measured against). */
  public boolean isPottery() {
    return pottery;
  }

  /** The raw-driver contender on the same client as this Pottery contender. */
  public Contender rawCounterpart() {
    switch (this) {
      case POTTERY_JEDIS: return RAW_JEDIS;
      case POTTERY_LETTUCE: return RAW_LETTUCE;
      default: throw new IllegalArgumentException(this + " is not a Pottery contender");
    }
  }
}
