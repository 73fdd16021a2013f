package io.pottery.internal.collections;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The live {@code entrySet()} of a {@link RedisHashMap}: {@code contains} is one HGET and a comparison,
 * {@code remove(entry)} is the atomic {@code remove(key, value)}, {@code clear} is UNLINK; adding is
 * unsupported. Iterates with HSCAN; each entry's {@code setValue} writes through with one HSET.
 */
final class HashEntrySet<K, V> extends AbstractSet<Map.Entry<K, V>> {
  private final RedisHashMap<K, V> map;

  HashEntrySet(RedisHashMap<K, V> map) {
    this.map = map;
  }

  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    return map.scanIterator(map::entry);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public boolean contains(Object o) {
    if (!(o instanceof Map.Entry)) {
      return false;
    }
    Map.Entry<?, ?> entry = (Map.Entry<?, ?>) o;
    Object key = entry.getKey();
    Object value = entry.getValue();
    if (key == null || value == null) {
      return false;
    }
    return Objects.equals(value, map.get(key));
  }

  @Override
  public boolean remove(Object o) {
    if (!(o instanceof Map.Entry)) {
      return false;
    }
    Map.Entry<?, ?> entry = (Map.Entry<?, ?>) o;
    Object key = entry.getKey();
    return key != null && map.remove(key, entry.getValue());
  }

  @Override
  public void clear() {
    map.clear();
  }
}
