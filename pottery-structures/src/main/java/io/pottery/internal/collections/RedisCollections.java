package io.pottery.internal.collections;

import io.pottery.RedisCounter;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.TypeRef;
import io.pottery.internal.structures.Backend;
import io.pottery.internal.structures.KeyedStructure;

/**
 * Internal, may change: creates the collections of this package for {@code Pottery}; the implementations stay
 * package-private. Creating a collection sends nothing to Redis.
 */
public final class RedisCollections {
  /** The name messages give a {@link RedisMap}. */
  public static final String MAP = "RedisMap";

  /** The name messages give a {@link RedisSet}. */
  public static final String SET = "RedisSet";

  /** The name messages give a {@link RedisCounter}. */
  public static final String COUNTER = "RedisCounter";

  private RedisCollections() {}

  /**
   * A {@link RedisMap} over the Redis hash {@code redisKey} (the full key, namespace included).
   *
   * @throws NullPointerException if an argument is null
   */
  public static <K, V> RedisMap<K, V> map(Backend backend, String redisKey, TypeRef<K> keyType, TypeRef<V> valueType) {
    return new RedisHashMap<>(new KeyedStructure(backend, MAP, "hash", redisKey), keyType, valueType);
  }

  /**
   * A {@link RedisSet} over the Redis set {@code redisKey} (the full key, namespace included).
   *
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisSet<E> set(Backend backend, String redisKey, TypeRef<E> elementType) {
    return new RedisMemberSet<>(new KeyedStructure(backend, SET, "set", redisKey), elementType);
  }

  /**
   * A {@link RedisCounter} over the Redis hash {@code redisKey} (the full key, namespace included).
   *
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisCounter<E> counter(Backend backend, String redisKey, TypeRef<E> elementType) {
    return new RedisHashCounter<>(new KeyedStructure(backend, COUNTER, "hash", redisKey), elementType);
  }
}
