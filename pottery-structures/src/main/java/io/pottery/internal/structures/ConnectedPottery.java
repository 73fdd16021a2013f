package io.pottery.internal.structures;

import io.pottery.NextId;
import io.pottery.BloomFilter;
import io.pottery.CachedOrderedMap;
import io.pottery.HyperLogLog;
import io.pottery.MemoizedFunction;
import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.RedisCounter;
import io.pottery.RedisMap;
import io.pottery.Redlock;
import io.pottery.RedisSet;
import io.pottery.TypeRef;
import io.pottery.internal.cache.Caches;
import io.pottery.internal.collections.RedisCollections;
import io.pottery.internal.lock.RedlockBuilder;
import io.pottery.internal.nextid.NextIds;
import io.pottery.internal.probabilistic.Probabilistic;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link Pottery} users get: a factory of structures over one {@link Backend}. Creating a structure sends
 * nothing to Redis (except the {@code EXISTS} check of a random key); structures are light views that share
 * the backend's connections.
 */
final class ConnectedPottery implements Pottery {
  private final Backend backend;

  ConnectedPottery(Backend backend) {
    this.backend = backend;
  }

  @Override
  public <K, V> RedisMap<K, V> map(String key, Class<K> keyType, Class<V> valueType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return map(key, TypeRef.of(keyType), TypeRef.of(valueType));
  }

  @Override
  public <K, V> RedisMap<K, V> map(String key, TypeRef<K> keyType, TypeRef<V> valueType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return openMap(backend.redisKey(key), keyType, valueType);
  }

  @Override
  public <K, V> RedisMap<K, V> map(TypeRef<K> keyType, TypeRef<V> valueType) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return openMap(backend.randomKey(RedisCollections.MAP), keyType, valueType);
  }

  private <K, V> RedisMap<K, V> openMap(String redisKey, TypeRef<K> keyType, TypeRef<V> valueType) {
    backend.requireOpen(RedisCollections.MAP + " \"" + redisKey + "\"");
    return RedisCollections.map(backend, redisKey, keyType, valueType);
  }

  // ---- Quorum primitives: Redlock, synchronize, NextId ----

  @Override
  public Redlock redlock(String key) {
    return RedlockBuilder.redlock(backend, key);
  }

  @Override
  public Redlock.Builder redlockBuilder(String key) {
    return RedlockBuilder.builder(backend, key);
  }

  @Override
  public <T> T synchronize(String key, java.util.function.Supplier<T> body) {
    Objects.requireNonNull(body, "body");
    return RedlockBuilder.builder(backend, key).synchronize(body);
  }

  @Override
  public void synchronize(String key, Runnable body) {
    Objects.requireNonNull(body, "body");
    RedlockBuilder.builder(backend, key).synchronize(() -> {
      body.run();
      return null;
    });
  }

  @Override
  public NextId nextId(String key) {
    return NextIds.nextId(backend, key);
  }

  @Override
  public NextId nextId() {
    return NextIds.nextId(backend, NextIds.DEFAULT_KEY);
  }

  @Override
  public NextId.Builder nextIdBuilder(String key) {
    return NextIds.builder(backend, key);
  }

  // ---- RedisList and RedisDeque -------------------------------------------------------------------------------

  @Override
  public <E> RedisList<E> list(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return list(key, TypeRef.of(elementType));
  }

  @Override
  public <E> RedisList<E> list(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return openList(backend.redisKey(key), elementType);
  }

  @Override
  public <E> RedisList<E> list(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return openList(backend.randomKey(RedisCollections.LIST), elementType);
  }

  private <E> RedisList<E> openList(String redisKey, TypeRef<E> elementType) {
    backend.requireOpen(RedisCollections.LIST + " \"" + redisKey + "\"");
    return RedisCollections.list(backend, redisKey, elementType);
  }

  @Override
  public <E> RedisDeque<E> deque(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return deque(key, TypeRef.of(elementType));
  }

  @Override
  public <E> RedisDeque<E> deque(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return openDeque(backend.redisKey(key), elementType, -1);
  }

  @Override
  public <E> RedisDeque<E> deque(String key, Class<E> elementType, int maxlen) {
    Objects.requireNonNull(elementType, "elementType");
    return deque(key, TypeRef.of(elementType), maxlen);
  }

  @Override
  public <E> RedisDeque<E> deque(String key, TypeRef<E> elementType, int maxlen) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    if (maxlen < 0) {
      throw new IllegalArgumentException("RedisDeque \"" + backend.redisKey(key) + "\": maxlen must be >= 0, was "
          + maxlen + "; use deque(key, type) for an unbounded deque");
    }
    return openDeque(backend.redisKey(key), elementType, maxlen);
  }

  @Override
  public <E> RedisDeque<E> deque(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return openDeque(backend.randomKey(RedisCollections.DEQUE), elementType, -1);
  }

  private <E> RedisDeque<E> openDeque(String redisKey, TypeRef<E> elementType, int maxlen) {
    backend.requireOpen(RedisCollections.DEQUE + " \"" + redisKey + "\"");
    return RedisCollections.deque(backend, redisKey, elementType, maxlen);
  }

  @Override
  public <E> RedisSet<E> set(String key, Class<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return set(key, TypeRef.of(elementType));
  }

  @Override
  public <E> RedisSet<E> set(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return openSet(backend.redisKey(key), elementType);
  }

  @Override
  public <E> RedisSet<E> set(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return openSet(backend.randomKey(RedisCollections.SET), elementType);
  }

  private <E> RedisSet<E> openSet(String redisKey, TypeRef<E> elementType) {
    backend.requireOpen(RedisCollections.SET + " \"" + redisKey + "\"");
    return RedisCollections.set(backend, redisKey, elementType);
  }

  @Override
  public <E> RedisCounter<E> counter(String key, Class<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return counter(key, TypeRef.of(elementType));
  }

  @Override
  public <E> RedisCounter<E> counter(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return openCounter(backend.redisKey(key), elementType);
  }

  @Override
  public <E> RedisCounter<E> counter(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return openCounter(backend.randomKey(RedisCollections.COUNTER), elementType);
  }

  private <E> RedisCounter<E> openCounter(String redisKey, TypeRef<E> elementType) {
    backend.requireOpen(RedisCollections.COUNTER + " \"" + redisKey + "\"");
    return RedisCollections.counter(backend, redisKey, elementType);
  }

  // ---- Probabilistic structures and caches -------------------------------------------------------------------

  @Override
  public <E> BloomFilter<E> bloomFilter(String key, long numElements, double falsePositives, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return bloomFilter(key, numElements, falsePositives, TypeRef.of(elementType));
  }

  @Override
  public <E> BloomFilter<E> bloomFilter(String key, long numElements, double falsePositives, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    String redisKey = backend.redisKey(key);
    backend.requireOpen(Probabilistic.BLOOM_FILTER + " \"" + redisKey + "\"");
    return Probabilistic.bloomFilter(backend, redisKey, numElements, falsePositives, elementType);
  }

  @Override
  public <E> HyperLogLog<E> hyperLogLog(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return hyperLogLog(key, TypeRef.of(elementType));
  }

  @Override
  public <E> HyperLogLog<E> hyperLogLog(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    String redisKey = backend.redisKey(key);
    backend.requireOpen(Probabilistic.HYPER_LOG_LOG + " \"" + redisKey + "\"");
    return Probabilistic.hyperLogLog(backend, redisKey, elementType);
  }

  @Override
  public <A, R> MemoizedFunction<A, R> memoize(String key, Function<A, R> function, TypeRef<R> resultType) {
    return memoize(key, function, resultType, Caches.DEFAULT_TIMEOUT);
  }

  @Override
  public <A, R> MemoizedFunction<A, R> memoize(String key, Function<A, R> function, TypeRef<R> resultType, Duration timeout) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(resultType, "resultType");
    String redisKey = backend.redisKey(key);
    backend.requireOpen(Caches.MEMOIZED_FUNCTION + " \"" + redisKey + "\"");
    return Caches.memoize(backend, redisKey, function, resultType, timeout);
  }

  @Override
  public <R> MemoizedFunction<List<?>, R> memoizeArgs(
      String key, Function<List<?>, R> function, TypeRef<R> resultType, Duration timeout) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(resultType, "resultType");
    String redisKey = backend.redisKey(key);
    backend.requireOpen(Caches.MEMOIZED_FUNCTION + " \"" + redisKey + "\"");
    return Caches.memoizeArgs(backend, redisKey, function, resultType, timeout);
  }

  @Override
  public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, Class<K> keyType, Class<V> valueType, Iterable<? extends K> keys) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return cachedOrderedMap(key, TypeRef.of(keyType), TypeRef.of(valueType), keys, Caches.DEFAULT_TIMEOUT);
  }

  @Override
  public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, TypeRef<K> keyType, TypeRef<V> valueType, Iterable<? extends K> keys, Duration timeout) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(keys, "keys");
    String redisKey = backend.redisKey(key);
    backend.requireOpen(Caches.CACHED_ORDERED_MAP + " \"" + redisKey + "\"");
    return Caches.cachedOrderedMap(backend, redisKey, keyType, valueType, keys, timeout);
  }

  @Override
  public List<String> masters() {
    return backend.masters();
  }

  @Override
  public String driverName() {
    return backend.driverName();
  }

  @Override
  public String codecName() {
    return backend.codec().name();
  }

  @Override
  public void close() {
    backend.close();
  }

  /**
   * {@code Pottery{masters=[redis://app:***@10.0.0.3:6379/1], driver=lettuce, codec=jackson}}, plus the
   * namespace if one is set and {@code closed} once closed. Passwords never show.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Pottery{masters=").append(backend.masters())
        .append(", driver=").append(backend.driverName())
        .append(", codec=").append(backend.codec().name());
    if (!backend.namespace().isEmpty()) {
      sb.append(", namespace=\"").append(backend.namespace()).append('"');
    }
    if (backend.isClosed()) {
      sb.append(", closed");
    }
    return sb.append('}').toString();
  }
}
