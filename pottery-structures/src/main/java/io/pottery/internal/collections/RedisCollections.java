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
 * package-private. Creating a collection sends nothing to Redis (but {@code EXISTS} for a random key, and
 * {@code LLEN} for a bounded deque). As every feature's entry point, it takes the name the user gave and adds the
 * namespace itself (docs/design-notes.md, "Who adds the namespace and checks that Pottery is open").
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

  // Each structure has two entries: one for the name the user gave (the namespace is added here, with
  // Backend.redisKey) and one for a fresh random key (Backend.randomKey, namespace included). Neither is checked
  // for an open Pottery here: KeyedStructure's constructor does that for every structure.

  /**
   * A {@link RedisMap} over the Redis hash named {@code name} (the namespace is added).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   * @throws NullPointerException if an argument is null
   */
  public static <K, V> RedisMap<K, V> map(Backend backend, String name, TypeRef<K> keyType, TypeRef<V> valueType) {
    return hashMap(backend, backend.redisKey(name), keyType, valueType);
  }

  /**
   * A {@link RedisMap} under a fresh random key.
   *
   * @throws io.pottery.RandomKey if no unused key was found
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <K, V> RedisMap<K, V> randomMap(Backend backend, TypeRef<K> keyType, TypeRef<V> valueType) {
    return hashMap(backend, backend.randomKey(MAP), keyType, valueType);
  }

  private static <K, V> RedisMap<K, V> hashMap(Backend backend, String redisKey, TypeRef<K> keyType, TypeRef<V> valueType) {
    return new RedisHashMap<>(new KeyedStructure(backend, MAP, "hash", redisKey), keyType, valueType);
  }

  /**
   * A {@link RedisList} over the Redis list named {@code name} (the namespace is added).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisList<E> list(Backend backend, String name, TypeRef<E> elementType) {
    return redisList(backend, backend.redisKey(name), elementType);
  }

  /**
   * A {@link RedisList} under a fresh random key.
   *
   * @throws io.pottery.RandomKey if no unused key was found
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <E> RedisList<E> randomList(Backend backend, TypeRef<E> elementType) {
    return redisList(backend, backend.randomKey(LIST), elementType);
  }

  private static <E> RedisList<E> redisList(Backend backend, String redisKey, TypeRef<E> elementType) {
    return new RedisBackedList<>(new RedisListStore<>(
        new KeyedStructure(backend, LIST, "list", redisKey), elementType, RedisListStore.UNBOUNDED));
  }

  /**
   * A {@link RedisDeque} over the Redis list named {@code name} (the namespace is added); bounded if {@code
   * maxlen >= 0}, in which case the stored length is checked once (LLEN), as Python's {@code RedisDeque} does
   * when opened without data.
   *
   * @param maxlen the bound, or -1 for an unbounded deque
   * @throws IllegalArgumentException if the key holds a list longer than {@code maxlen}
   * @throws IllegalStateException if the {@code Pottery} was closed
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisDeque<E> deque(Backend backend, String name, TypeRef<E> elementType, int maxlen) {
    return redisDeque(backend, backend.redisKey(name), elementType, maxlen);
  }

  /**
   * An unbounded {@link RedisDeque} under a fresh random key.
   *
   * @throws io.pottery.RandomKey if no unused key was found
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <E> RedisDeque<E> randomDeque(Backend backend, TypeRef<E> elementType) {
    return redisDeque(backend, backend.randomKey(DEQUE), elementType, -1);
  }

  private static <E> RedisDeque<E> redisDeque(Backend backend, String redisKey, TypeRef<E> elementType, int maxlen) {
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
   * A {@link RedisSet} over the Redis set named {@code name} (the namespace is added).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisSet<E> set(Backend backend, String name, TypeRef<E> elementType) {
    return memberSet(backend, backend.redisKey(name), elementType);
  }

  /**
   * A {@link RedisSet} under a fresh random key.
   *
   * @throws io.pottery.RandomKey if no unused key was found
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <E> RedisSet<E> randomSet(Backend backend, TypeRef<E> elementType) {
    return memberSet(backend, backend.randomKey(SET), elementType);
  }

  private static <E> RedisSet<E> memberSet(Backend backend, String redisKey, TypeRef<E> elementType) {
    return new RedisMemberSet<>(new KeyedStructure(backend, SET, "set", redisKey), elementType);
  }

  /**
   * A {@link RedisCounter} over the Redis hash named {@code name} (the namespace is added).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   * @throws NullPointerException if an argument is null
   */
  public static <E> RedisCounter<E> counter(Backend backend, String name, TypeRef<E> elementType) {
    return hashCounter(backend, backend.redisKey(name), elementType);
  }

  /**
   * A {@link RedisCounter} under a fresh random key.
   *
   * @throws io.pottery.RandomKey if no unused key was found
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <E> RedisCounter<E> randomCounter(Backend backend, TypeRef<E> elementType) {
    return hashCounter(backend, backend.randomKey(COUNTER), elementType);
  }

  private static <E> RedisCounter<E> hashCounter(Backend backend, String redisKey, TypeRef<E> elementType) {
    return new RedisHashCounter<>(new KeyedStructure(backend, COUNTER, "hash", redisKey), elementType);
  }
}
