package io.pottery.instrumentation;

import java.util.Objects;

/**
 * One user-visible operation of a structure, as {@link PotteryListener#started} sees it: a lock acquisition,
 * a NextId draw, a memoized call, or one Redis round trip of a collection.
 *
 * @param structure the structure's Java type: {@code Redlock}, {@code NextId}, {@code MemoizedFunction},
 *     {@code CachedOrderedMap}, {@code RedisMap}, {@code RedisSet}, {@code RedisList}, {@code RedisDeque},
 *     {@code RedisCounter}, {@code BloomFilter}, {@code HyperLogLog}; a short, fixed set
 * @param name what it does: {@code acquire}, {@code release}, {@code extend}, {@code locked} (Redlock);
 *     {@code next}, {@code reset} (NextId); {@code apply}, {@code clear} (MemoizedFunction); for a collection's
 *     round trip, the Redis command ({@code HSET}), the Lua script's name ({@code map-put}) or, for a pipeline,
 *     the distinct command names joined by {@code +} ({@code HGET+PEXPIRE}). A short set fixed by the code,
 *     never derived from user data
 * @param key the full Redis key (namespace included). It is user data of unbounded cardinality: a listener
 *     must not turn it into a metric tag unless its user asked for that
 * @since 0.3
 */
public record Operation(String structure, String name, String key) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public Operation {
    Objects.requireNonNull(structure, "structure");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
  }
}
