package io.pottery.internal.collections;

import java.util.Map;
import java.util.Objects;

/**
 * An entry returned by a {@link RedisHashMap}'s entry-set iterator: a snapshot of the key and value read,
 * whose {@link #setValue} writes the new value to Redis (one HSET) and to the snapshot, as
 * {@code ConcurrentHashMap}'s entries do. Equality and hash code follow {@link Map.Entry}.
 */
final class HashEntry<K, V> implements Map.Entry<K, V> {
  private final RedisHashMap<K, V> map;
  private final byte[] field;
  private final K key;
  private V value;

  HashEntry(RedisHashMap<K, V> map, byte[] field, K key, V value) {
    this.map = map;
    this.field = field;
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  /**
   * Writes {@code newValue} to the map (one HSET, whatever the field holds now) and returns the value this
   * entry held.
   *
   * @throws NullPointerException if {@code newValue} is null
   */
  @Override
  public V setValue(V newValue) {
    Objects.requireNonNull(newValue, "value");
    map.putField(field, map.encodeValue(newValue));
    V previous = value;
    value = newValue;
    return previous;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Map.Entry)) {
      return false;
    }
    Map.Entry<?, ?> other = (Map.Entry<?, ?>) o;
    return key.equals(other.getKey()) && value.equals(other.getValue());
  }

  @Override
  public int hashCode() {
    return key.hashCode() ^ value.hashCode();
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
