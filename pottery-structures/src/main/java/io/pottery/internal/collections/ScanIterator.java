package io.pottery.internal.collections;

import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Iterates a hash or a set page by page with HSCAN or SSCAN: holds one page (about {@value #COUNT} entries or
 * members) at a time, so a structure of millions streams in constant memory. Creating the iterator sends
 * nothing; the first {@code hasNext()} fetches the first page.
 *
 * <p>Weakly consistent, as SCAN is: items present for the whole iteration are returned; items added or removed
 * meanwhile may or may not be; an item may come twice if Redis shrinks the hash table meanwhile.
 * {@link #remove()} deletes the last returned field or member with one command, whatever it holds now. Not
 * thread-safe (like any iterator).
 *
 * @param <T> what each field and value (hash) or member (set, value {@code null}) is turned into
 */
final class ScanIterator<T> implements Iterator<T> {
  /** The COUNT hint of each page: items per page, roughly. */
  static final int COUNT = 1000;

  private static final byte[] START = {'0'};

  /** A cursor: a string as Redis sends it (an integer from a driver that parses it is accepted too). */
  private static final Reply<byte[]> CURSOR = Reply.of("a cursor (a string)", reply -> reply instanceof Long
      ? reply.toString().getBytes(StandardCharsets.US_ASCII)
      : Reply.BYTES.from(reply));

  /** The reply of HSCAN and SSCAN: {@code [next cursor, [item, …]]}. */
  private static final Reply<Page> PAGE = Reply.of("an array [cursor, [string, …]]", reply -> {
    List<?> array = Reply.ARRAY.from(reply);
    return new Page(CURSOR.at(array, 0), Reply.BYTES_LIST.at(array, 1));
  });

  /** One page: the cursor of the next, and the items (fields and values alternating, for HSCAN). */
  private record Page(byte[] cursor, List<byte[]> items) {}

  private final KeyedStructure redis;
  private final String command;
  private final int width;
  private final BiFunction<byte[], byte[], T> convert;
  private final Consumer<byte[]> remove;
  private final String noun;
  private byte[] cursor = START;
  private boolean lastPage;
  private List<byte[]> page = List.of();
  private int index;
  private byte[] last;

  private ScanIterator(KeyedStructure redis, String command, int width, BiFunction<byte[], byte[], T> convert,
      Consumer<byte[]> remove, String noun) {
    this.redis = redis;
    this.command = command;
    this.width = width;
    this.convert = convert;
    this.remove = remove;
    this.noun = noun;
  }

  /**
   * Iterates a hash with HSCAN.
   *
   * @param convert turns a field and its value into what {@code next()} returns
   * @param remove deletes a field (one HDEL), for {@link #remove()}
   */
  static <T> ScanIterator<T> hash(KeyedStructure redis, BiFunction<byte[], byte[], T> convert, Consumer<byte[]> remove) {
    return new ScanIterator<>(redis, "HSCAN", 2, convert, remove, "entries");
  }

  /**
   * Iterates a set with SSCAN.
   *
   * @param convert turns a member into what {@code next()} returns (its second argument is {@code null})
   * @param remove deletes a member (one SREM), for {@link #remove()}
   */
  static <T> ScanIterator<T> set(KeyedStructure redis, BiFunction<byte[], byte[], T> convert, Consumer<byte[]> remove) {
    return new ScanIterator<>(redis, "SSCAN", 1, convert, remove, "members");
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
    Page next = redis.execute(redis.command(command).arg(cursor).arg("COUNT").arg(COUNT).idempotent().build(), PAGE);
    cursor = next.cursor();
    page = next.items();
    index = 0;
    lastPage = Arrays.equals(cursor, START);
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more " + noun + " in " + redis.description());
    }
    byte[] item = page.get(index);
    byte[] value = width == 2 ? page.get(index + 1) : null;
    index += width;
    last = null;
    T converted = convert.apply(item, value);
    last = item;
    return converted;
  }

  /** Removes the last returned field or member: one HDEL or SREM. */
  @Override
  public void remove() {
    if (last == null) {
      throw new IllegalStateException("remove() needs a preceding next(), and may follow it only once");
    }
    byte[] item = last;
    last = null;
    remove.accept(item);
  }
}
