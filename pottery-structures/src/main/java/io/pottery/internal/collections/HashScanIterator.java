package io.pottery.internal.collections;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;

/**
 * Iterates a {@link RedisHashMap} page by page with HSCAN: holds one page (about
 * {@value RedisHashMap#SCAN_COUNT} entries) at a time, so a hash of millions of entries streams in constant
 * memory. Creating the iterator sends nothing; the first {@code hasNext()} fetches the first page.
 *
 * <p>Weakly consistent, as HSCAN is: entries present for the whole iteration are returned; entries added or
 * removed meanwhile may or may not be; an entry may come twice if Redis shrinks the hash table meanwhile.
 * {@link #remove()} deletes the last returned field with one HDEL. Not thread-safe (like any iterator).
 *
 * @param <T> what each (field, value) pair is turned into
 */
final class HashScanIterator<T> implements Iterator<T> {
  private static final byte[] START = {'0'};

  private final RedisHashMap<?, ?> map;
  private final BiFunction<byte[], byte[], T> convert;
  private byte[] cursor = START;
  private boolean lastPage;
  private List<?> page = List.of();
  private int index;
  private byte[] lastField;

  HashScanIterator(RedisHashMap<?, ?> map, BiFunction<byte[], byte[], T> convert) {
    this.map = map;
    this.convert = convert;
  }

  @Override
  public boolean hasNext() {
    while (index >= page.size()) {
      if (lastPage) {
        return false;
      }
      fetch();
    }
    return true;
  }

  private void fetch() {
    List<?> reply = map.scan(cursor);
    cursor = cursorBytes(reply.get(0));
    page = (List<?>) reply.get(1);
    index = 0;
    lastPage = Arrays.equals(cursor, START);
  }

  private static byte[] cursorBytes(Object cursor) {
    return cursor instanceof byte[] ? (byte[]) cursor : cursor.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more entries in " + map.key());
    }
    byte[] field = (byte[]) page.get(index);
    byte[] value = (byte[]) page.get(index + 1);
    index += 2;
    lastField = null;
    T converted = convert.apply(field, value);
    lastField = field;
    return converted;
  }

  /** Removes the last returned entry from the map: one HDEL, whatever value it holds now. */
  @Override
  public void remove() {
    if (lastField == null) {
      throw new IllegalStateException("remove() needs a preceding next(), and may follow it only once");
    }
    byte[] field = lastField;
    lastField = null;
    map.removeField(field);
  }
}
