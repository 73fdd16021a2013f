package io.pottery.internal.collections;

import java.util.AbstractCollection;
import java.util.Iterator;

/**
 * The live {@code values()} of a {@link RedisHashMap}: {@code contains} streams the hash (see
 * {@link RedisHashMap#containsValue}); removals go through the iterator (one HDEL per removed entry);
 * {@code clear} is UNLINK; adding is unsupported. Iterates with HSCAN, decoding only the values.
 */
final class HashValues<V> extends AbstractCollection<V> {
  private final RedisHashMap<?, V> map;

  HashValues(RedisHashMap<?, V> map) {
    this.map = map;
  }

  @Override
  public Iterator<V> iterator() {
    return map.scanIterator(map::decodeValue);
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
  public boolean contains(Object value) {
    return map.containsValue(value);
  }

  @Override
  public void clear() {
    map.clear();
  }
}
