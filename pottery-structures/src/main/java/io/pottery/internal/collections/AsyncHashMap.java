package io.pottery.internal.collections;

import io.pottery.AsyncRedisMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Internal, may change: {@link RedisHashMap#async()}. Each method is its blocking twin's async form in {@link
 * RedisHashMap}, which shares the command, script, shape and decoding with the blocking method; this class only
 * gives them the interface's names.
 */
final class AsyncHashMap<K, V> implements AsyncRedisMap<K, V> {
  private final RedisHashMap<K, V> map;

  AsyncHashMap(RedisHashMap<K, V> map) {
    this.map = map;
  }

  @Override
  public String key() {
    return map.key();
  }

  @Override
  public CompletionStage<V> get(Object key) {
    return map.getAsync(key);
  }

  @Override
  public CompletionStage<V> put(K key, V value) {
    return map.putAsync(key, value);
  }

  @Override
  public CompletionStage<Boolean> fastPut(K key, V value) {
    return map.fastPutAsync(key, value);
  }

  @Override
  public CompletionStage<V> remove(Object key) {
    return map.removeAsync(key);
  }

  @Override
  public CompletionStage<V> putIfAbsent(K key, V value) {
    return map.putIfAbsentAsync(key, value);
  }

  @Override
  public CompletionStage<V> replace(K key, V value) {
    return map.replaceAsync(key, value);
  }

  @Override
  public CompletionStage<Map<K, V>> getAll(Iterable<? extends K> keys) {
    return map.getAllAsync(keys);
  }

  @Override
  public CompletionStage<Void> putAll(Map<? extends K, ? extends V> entries) {
    return map.putAllAsync(entries);
  }

  /** {@code AsyncRedisMap "tel"}. */
  @Override
  public String toString() {
    return "AsyncRedisMap \"" + map.key() + "\"";
  }
}
