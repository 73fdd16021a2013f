package io.pottery.internal.structures;

import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.TypeRef;
import io.pottery.internal.collections.RedisCollections;
import java.util.List;
import java.util.Objects;

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
