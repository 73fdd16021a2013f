package io.pottery.internal.collections;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A {@link ListIterator} over a Redis list that reads it in pages of {@value RedisListStore#PAGE} elements
 * with {@code LRANGE}, by index, from the left end, or (as a descending iterator) from the right end with
 * negative indexes.
 *
 * <p>Weakly consistent: it remembers a position, not the elements seen, so it never throws {@link
 * java.util.ConcurrentModificationException}; a change by another client at or before the position shifts
 * what comes next. Its own {@code set}, {@code add} and {@code remove} are one script each, by index, and
 * keep the position and the page read right, so removing while iterating costs no extra read.
 *
 * <p>Not thread-safe, as iterators generally are not.
 *
 * @param <E> the type of elements
 */
final class ListPageIterator<E> implements ListIterator<E> {
  private final RedisListStore<E> store;
  private final boolean fromRight;
  /** Position of the next element, counted from the end this iterator starts at. */
  private int cursor;
  /** Position of the element last returned, or -1 if there is none to set or remove. */
  private int lastReturned = -1;
  /** Elements at positions {@code pageStart …}, in position order; null if none read. */
  private List<byte[]> page;
  private int pageStart;
  /** Whether the list ended right after the page when it was read (the read returned fewer than asked). */
  private boolean pageReachesEnd;

  private ListPageIterator(RedisListStore<E> store, int index, boolean fromRight) {
    this.store = Objects.requireNonNull(store, "store");
    this.cursor = index;
    this.fromRight = fromRight;
  }

  /** From the left end, starting before {@code index} (already checked to be in bounds). */
  static <E> ListPageIterator<E> forward(RedisListStore<E> store, int index) {
    return new ListPageIterator<>(store, index, false);
  }

  /** From the right end: the last element first. Supports {@code remove()} only. */
  static <E> ListPageIterator<E> descending(RedisListStore<E> store) {
    return new ListPageIterator<>(store, 0, true);
  }

  /** The stored bytes at {@code position}, or null past the end; reads a page when needed. */
  private byte[] at(int position, boolean forward) {
    if (page != null && position >= pageStart) {
      int offset = position - pageStart;
      if (offset < page.size()) {
        return page.get(offset);
      }
      if (pageReachesEnd && offset < RedisListStore.PAGE) {
        return null;
      }
    }
    int first = forward ? position : Math.max(0, position - RedisListStore.PAGE + 1);
    int last = forward ? position + RedisListStore.PAGE - 1 : position;
    List<byte[]> read;
    if (fromRight) {
      read = store.range(-(long) last - 1, -(long) first - 1);
      Collections.reverse(read);
    } else {
      read = store.range(first, last);
    }
    page = new ArrayList<>(read);
    pageStart = first;
    pageReachesEnd = read.size() < last - first + 1;
    int offset = position - first;
    return offset < read.size() ? read.get(offset) : null;
  }

  private long redisIndex(int position) {
    return fromRight ? -(long) position - 1 : position;
  }

  @Override
  public boolean hasNext() {
    return at(cursor, true) != null;
  }

  @Override
  public E next() {
    byte[] bytes = at(cursor, true);
    if (bytes == null) {
      throw new NoSuchElementException(store.redis().description() + ": no element at position " + cursor);
    }
    lastReturned = cursor++;
    return store.decode(bytes, redisIndex(lastReturned));
  }

  @Override
  public boolean hasPrevious() {
    return cursor > 0 && at(cursor - 1, false) != null;
  }

  @Override
  public E previous() {
    byte[] bytes = cursor > 0 ? at(cursor - 1, false) : null;
    if (bytes == null) {
      throw new NoSuchElementException(store.redis().description() + ": no element before position " + cursor);
    }
    lastReturned = --cursor;
    return store.decode(bytes, redisIndex(lastReturned));
  }

  @Override
  public int nextIndex() {
    return cursor;
  }

  @Override
  public int previousIndex() {
    return cursor - 1;
  }

  /** {@inheritDoc} One script: removes by index, whatever is there now. */
  @Override
  public void remove() {
    if (lastReturned < 0) {
      throw new IllegalStateException("remove() needs a preceding next() or previous(), with no add() or remove() since");
    }
    store.removeAtRaw(redisIndex(lastReturned));
    if (page != null) {
      int offset = lastReturned - pageStart;
      if (offset < 0) {
        pageStart--;
      } else if (offset < page.size()) {
        page.remove(offset);
      }
    }
    if (lastReturned < cursor) {
      cursor--;
    }
    lastReturned = -1;
  }

  /** {@inheritDoc} One script: replaces by index. */
  @Override
  public void set(E element) {
    Objects.requireNonNull(element, "element");
    requireForward("set");
    if (lastReturned < 0) {
      throw new IllegalStateException("set() needs a preceding next() or previous(), with no add() or remove() since");
    }
    byte[] bytes = store.encode(element);
    store.setRaw(lastReturned, bytes); // what it replaced was already returned by next(): no need to decode it again
    if (page != null && lastReturned >= pageStart && lastReturned - pageStart < page.size()) {
      page.set(lastReturned - pageStart, bytes);
    }
  }

  /** {@inheritDoc} One script: inserts by index, before the next element. */
  @Override
  public void add(E element) {
    Objects.requireNonNull(element, "element");
    requireForward("add");
    byte[] bytes = store.encode(element);
    store.insert(cursor, List.of(bytes));
    if (page != null) {
      int offset = cursor - pageStart;
      if (offset < 0) {
        pageStart++;
      } else if (offset <= page.size()) {
        page.add(offset, bytes);
      }
    }
    cursor++;
    lastReturned = -1;
  }

  private void requireForward(String operation) {
    if (fromRight) {
      throw new UnsupportedOperationException(operation + "() on a descending iterator; use the deque's methods");
    }
  }
}
