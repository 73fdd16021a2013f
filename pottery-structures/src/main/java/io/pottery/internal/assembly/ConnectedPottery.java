package io.pottery.internal.assembly;

import io.pottery.NextId;
import io.pottery.BloomFilter;
import io.pottery.CachedOrderedMap;
import io.pottery.HyperLogLog;
import io.pottery.MasterStatus;
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
import io.pottery.internal.probe.MasterProbe;
import io.pottery.internal.probabilistic.Probabilistic;
import io.pottery.internal.structures.Backend;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link Pottery} users get: a factory of structures over one {@link Backend}. Creating a structure sends
 * nothing to Redis (except the {@code EXISTS} check of a random key); structures are light views that share
 * the backend's connections.
 *
 * <p>This class implements only the {@link TypeRef} forms of the factories; the {@code Class} forms are
 * {@code Pottery}'s default methods over them. It checks its own arguments (nulls, the deque bound) and hands the
 * name the user gave to the feature's factory, which adds the namespace and refuses a closed {@code Pottery}
 * (docs/design-notes.md, "Who adds the namespace and checks that Pottery is open").
 */
final class ConnectedPottery implements Pottery {
  private final Backend backend;

  ConnectedPottery(Backend backend) {
    this.backend = backend;
  }

  // ---- Collections: RedisMap, RedisList, RedisDeque, RedisSet, RedisCounter -------------------------------------

  @Override
  public <K, V> RedisMap<K, V> map(String key, TypeRef<K> keyType, TypeRef<V> valueType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return RedisCollections.map(backend, key, keyType, valueType);
  }

  @Override
  public <K, V> RedisMap<K, V> map(TypeRef<K> keyType, TypeRef<V> valueType) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return RedisCollections.randomMap(backend, keyType, valueType);
  }

  @Override
  public <E> RedisList<E> list(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.list(backend, key, elementType);
  }

  @Override
  public <E> RedisList<E> list(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.randomList(backend, elementType);
  }

  @Override
  public <E> RedisDeque<E> deque(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.deque(backend, key, elementType, -1);
  }

  @Override
  public <E> RedisDeque<E> deque(String key, TypeRef<E> elementType, int maxlen) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    if (maxlen < 0) {
      throw new IllegalArgumentException("RedisDeque \"" + backend.redisKey(key) + "\": maxlen must be >= 0, was "
          + maxlen + "; use deque(key, type) for an unbounded deque");
    }
    return RedisCollections.deque(backend, key, elementType, maxlen);
  }

  @Override
  public <E> RedisDeque<E> deque(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.randomDeque(backend, elementType);
  }

  @Override
  public <E> RedisSet<E> set(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.set(backend, key, elementType);
  }

  @Override
  public <E> RedisSet<E> set(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.randomSet(backend, elementType);
  }

  @Override
  public <E> RedisCounter<E> counter(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.counter(backend, key, elementType);
  }

  @Override
  public <E> RedisCounter<E> counter(TypeRef<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return RedisCollections.randomCounter(backend, elementType);
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
  public <T> T synchronize(String key, Supplier<T> body) {
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

  // ---- Probabilistic structures and caches -------------------------------------------------------------------

  @Override
  public <E> BloomFilter<E> bloomFilter(String key, long numElements, double falsePositives, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return Probabilistic.bloomFilter(backend, key, numElements, falsePositives, elementType);
  }

  @Override
  public <E> HyperLogLog<E> hyperLogLog(String key, TypeRef<E> elementType) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(elementType, "elementType");
    return Probabilistic.hyperLogLog(backend, key, elementType);
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
    return Caches.memoize(backend, key, function, resultType, timeout);
  }

  @Override
  public <R> MemoizedFunction<List<?>, R> memoizeArgs(String key, Function<List<?>, R> function, TypeRef<R> resultType) {
    return memoizeArgs(key, function, resultType, Caches.DEFAULT_TIMEOUT);
  }

  @Override
  public <R> MemoizedFunction<List<?>, R> memoizeArgs(
      String key, Function<List<?>, R> function, TypeRef<R> resultType, Duration timeout) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(resultType, "resultType");
    return Caches.memoizeArgs(backend, key, function, resultType, timeout);
  }

  @Override
  public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, TypeRef<K> keyType, TypeRef<V> valueType, Iterable<? extends K> keys) {
    return cachedOrderedMap(key, keyType, valueType, keys, Caches.DEFAULT_TIMEOUT);
  }

  @Override
  public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, TypeRef<K> keyType, TypeRef<V> valueType, Iterable<? extends K> keys, Duration timeout) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(keys, "keys");
    return Caches.cachedOrderedMap(backend, key, keyType, valueType, keys, timeout);
  }

  @Override
  public io.pottery.ExpiringCache expiringCache(String name) {
    Objects.requireNonNull(name, "name");
    return Caches.expiringCache(backend, name);
  }

  // ---- What this Pottery is connected to ---------------------------------------------------------------------

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
  public List<MasterStatus> probe() {
    return MasterProbe.probe(backend);
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
