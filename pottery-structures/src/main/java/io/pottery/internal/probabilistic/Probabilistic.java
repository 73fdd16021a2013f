package io.pottery.internal.probabilistic;

import io.pottery.BloomFilter;
import io.pottery.HyperLogLog;
import io.pottery.TypeRef;
import io.pottery.internal.structures.Backend;
import io.pottery.internal.structures.KeyedStructure;
import java.util.Objects;

/**
 * Internal, may change: creates the probabilistic structures for {@code Pottery}; the implementations stay
 * package-private. Creating one sends nothing to Redis. As every feature's entry point, it takes the name the user
 * gave and adds the namespace itself; {@link KeyedStructure} refuses a closed {@code Pottery}
 * (docs/design-notes.md, "Who adds the namespace and checks that Pottery is open").
 */
public final class Probabilistic {
  /** The name messages give a {@link BloomFilter}. */
  public static final String BLOOM_FILTER = "BloomFilter";
  /** The name messages give a {@link HyperLogLog}. */
  public static final String HYPER_LOG_LOG = "HyperLogLog";

  private Probabilistic() {}

  /**
   * A {@link BloomFilter} over the Redis string named {@code name} (the namespace is added). The element type
   * only documents what callers add: the filter never decodes.
   *
   * @throws IllegalArgumentException if the sizing arguments are out of range
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <E> BloomFilter<E> bloomFilter(
      Backend backend, String name, long numElements, double falsePositives, TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return new RedisBloomFilter<>(
        new KeyedStructure(backend, BLOOM_FILTER, "string", backend.redisKey(name)), numElements, falsePositives);
  }

  /**
   * A {@link HyperLogLog} over the Redis key named {@code name} (the namespace is added).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <E> HyperLogLog<E> hyperLogLog(Backend backend, String name, TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return hyperLogLogAt(backend, backend.redisKey(name), elementType);
  }

  /** {@code union} opens its destination by its full key, which already carries the namespace. */
  private static <E> HyperLogLog<E> hyperLogLogAt(Backend backend, String redisKey, TypeRef<E> elementType) {
    return new RedisHyperLogLog<E>(
        new KeyedStructure(backend, HYPER_LOG_LOG, "string", redisKey),
        destination -> hyperLogLogAt(backend, destination, elementType));
  }
}
