package io.pottery.internal.collections;

import io.pottery.RedisDeque;
import io.pottery.RedisList;
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
  /** The name messages give a {@link RedisList}. */
  public static final String LIST = "RedisList";
  /** The name messages give a {@link RedisDeque}. */
  public static final String DEQUE = "RedisDeque";

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
   * A {@link RedisList} over the Redis list {@code redisKey} (the full key, namespace included).
   *
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisList<E> list(Backend backend, String redisKey, TypeRef<E> elementType) {
    return new RedisBackedList<>(new RedisListStore<>(
        new KeyedStructure(backend, LIST, "list", redisKey), elementType, RedisListStore.UNBOUNDED));
  }

  /**
   * A {@link RedisDeque} over the Redis list {@code redisKey}; bounded if {@code maxlen >= 0}, in which case the
   * stored length is checked once (LLEN), as Python's {@code RedisDeque} does when opened without data.
   *
   * @param maxlen the bound, or -1 for an unbounded deque
   * @throws IllegalArgumentException if the key holds a list longer than {@code maxlen}
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisDeque<E> deque(Backend backend, String redisKey, TypeRef<E> elementType, int maxlen) {
    RedisListStore<E> store = new RedisListStore<>(
        new KeyedStructure(backend, DEQUE, "list", redisKey), elementType, maxlen < 0 ? RedisListStore.UNBOUNDED : maxlen);
    if (store.bounded()) {
      long size = store.size();
      if (size > maxlen) {
        throw new IllegalArgumentException(store.redis().description() + ": holds " + size
            + " elements, more than maxlen " + maxlen + " (on " + backend.collectionMaster()
            + "); open it with a larger maxlen or none, or trim the list first");
      }
    }
    return new RedisBackedDeque<>(store);
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
