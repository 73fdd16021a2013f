package io.pottery.internal.collections;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;

/**
 * The live {@code keySet()} of a {@link RedisHashMap}: reads and removals go to Redis ({@code contains} is
 * HEXISTS, {@code remove} HDEL, {@code removeAll} one HDEL of every field, {@code clear} UNLINK); adding is
 * unsupported, as for any map's key set. Iterates with HSCAN, decoding only the fields.
 */
final class HashKeySet<K> extends AbstractSet<K> {
  private final RedisHashMap<K, ?> map;

  HashKeySet(RedisHashMap<K, ?> map) {
    this.map = map;
  }

  @Override
  public Iterator<K> iterator() {
    return map.scanIterator((field, value) -> map.decodeKey(field));
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
  public boolean contains(Object key) {
    return map.containsKey(key);
  }

  @Override
  public boolean remove(Object key) {
    return map.fastRemoveObject(key);
  }

  /** One HDEL of all of {@code keys}' fields (nulls and unencodable objects cannot be keys, and are skipped). */
  @Override
  public boolean removeAll(Collection<?> keys) {
    return map.removeKeys(keys);
  }

  @Override
  public void clear() {
    map.clear();
  }
}
