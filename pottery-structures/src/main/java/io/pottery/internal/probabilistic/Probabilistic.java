package io.pottery.internal.probabilistic;

import io.pottery.BloomFilter;
import io.pottery.HyperLogLog;
import io.pottery.TypeRef;
import io.pottery.internal.structures.Backend;
import io.pottery.internal.structures.KeyedStructure;
import java.util.Objects;

/**
 * Internal, may change: creates the probabilistic structures for {@code Pottery}; the implementations stay
 * package-private. Creating one sends nothing to Redis.
 */
public final class Probabilistic {
  /** The name messages give a {@link BloomFilter}. */
  public static final String BLOOM_FILTER = "BloomFilter";
  /** The name messages give a {@link HyperLogLog}. */
  public static final String HYPER_LOG_LOG = "HyperLogLog";

  private Probabilistic() {}

  /**
   * A {@link BloomFilter} over the Redis string {@code redisKey} (the full key, namespace included). The element
   * type only documents what callers add: the filter never decodes.
   *
   * @throws IllegalArgumentException if the sizing arguments are out of range
   */
  public static <E> BloomFilter<E> bloomFilter(
      Backend backend, String redisKey, long numElements, double falsePositives, TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return new RedisBloomFilter<>(new KeyedStructure(backend, BLOOM_FILTER, "string", redisKey), numElements, falsePositives);
  }

  /** A {@link HyperLogLog} over the Redis key {@code redisKey} (the full key, namespace included). */
  public static <E> HyperLogLog<E> hyperLogLog(Backend backend, String redisKey, TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return new RedisHyperLogLog<E>(
        new KeyedStructure(backend, HYPER_LOG_LOG, "string", redisKey),
        destination -> hyperLogLog(backend, destination, elementType));
  }
}
