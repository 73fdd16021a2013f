package io.pottery.internal.collections;

import io.pottery.RedisDeque;
import io.pottery.RedisList;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@link RedisDeque} over one Redis list, laid out as Python pottery's {@code RedisDeque}: head = left end.
 *
 * <p>How each operation talks to Redis: pushes are one LPUSH/RPUSH when unbounded, one {@code deque-push.lua}
 * (push, then trim the other end) when bounded; pops are LPOP/RPOP; peeks LINDEX 0 / -1; {@code
 * removeFirstOccurrence}/{@code removeLastOccurrence} LREM 1 / -1; {@code rotate} is {@code deque-rotate.lua};
 * {@code contains} LPOS; {@code size} LLEN; {@code clear} UNLINK; {@code removeAll}/{@code retainAll} one
 * script each; iteration LRANGE pages.
 *
 * @param <E> the type of elements
 */
final class RedisBackedDeque<E> extends AbstractCollection<E> implements RedisDeque<E> {
  private final RedisListStore<E> store;
  private final RedisBackedList<E> list;

  RedisBackedDeque(RedisListStore<E> store) {
    this.store = Objects.requireNonNull(store, "store");
    this.list = new RedisBackedList<>(store);
  }

  @Override
  public String key() {
    return store.key();
  }

  @Override
  public OptionalInt maxlen() {
    return store.bounded() ? OptionalInt.of(store.maxlen()) : OptionalInt.empty();
  }

  @Override
  public RedisList<E> asList() {
    return list;
  }

  // ---- Adding ----------------------------------------------------------------------------------------------

  private void push(boolean left, E element) {
    store.push(left, List.of(store.encode(element)));
  }

  /** {@inheritDoc} One LPUSH (bounded: one push-and-trim script, dropping from the tail). */
  @Override
  public void addFirst(E element) {
    push(true, element);
  }

  /** {@inheritDoc} One RPUSH (bounded: one push-and-trim script, dropping from the head). */
  @Override
  public void addLast(E element) {
    push(false, element);
  }

  /** {@inheritDoc} As {@link #addFirst}; always {@code true}, also when bounded (see the type's contract). */
  @Override
  public boolean offerFirst(E element) {
    addFirst(element);
    return true;
  }

  /** {@inheritDoc} As {@link #addLast}; always {@code true}, also when bounded (see the type's contract). */
  @Override
  public boolean offerLast(E element) {
    addLast(element);
    return true;
  }

  /** {@inheritDoc} As {@link #addLast}. */
  @Override
  public boolean add(E element) {
    addLast(element);
    return true;
  }

  /** {@inheritDoc} As {@link #addLast}. */
  @Override
  public boolean offer(E element) {
    addLast(element);
    return true;
  }

  /** {@inheritDoc} As {@link #addFirst}. */
  @Override
  public void push(E element) {
    addFirst(element);
  }

  @Override
  public boolean addAll(Collection<? extends E> elements) {
    return store.push(false, store.encodeAll(elements, "addAll"));
  }

  @Override
  public void extendLeft(Iterable<? extends E> elements) {
    store.push(true, store.encodeAll(elements, "extendLeft"));
  }

  // ---- Removing and peeking --------------------------------------------------------------------------------

  /** {@inheritDoc} One LPOP. */
  @Override
  public E pollFirst() {
    return store.pop(true);
  }

  /** {@inheritDoc} One RPOP. */
  @Override
  public E pollLast() {
    return store.pop(false);
  }

  /** {@inheritDoc} One LPOP. */
  @Override
  public E removeFirst() {
    return orEmpty(pollFirst());
  }

  /** {@inheritDoc} One RPOP. */
  @Override
  public E removeLast() {
    return orEmpty(pollLast());
  }

  /** {@inheritDoc} One LINDEX 0. */
  @Override
  public E peekFirst() {
    return store.indexOrNull(0);
  }

  /** {@inheritDoc} One LINDEX -1. */
  @Override
  public E peekLast() {
    return store.indexOrNull(-1);
  }

  /** {@inheritDoc} One LINDEX 0. */
  @Override
  public E getFirst() {
    return orEmpty(peekFirst());
  }

  /** {@inheritDoc} One LINDEX -1. */
  @Override
  public E getLast() {
    return orEmpty(peekLast());
  }

  private E orEmpty(E element) {
    if (element == null) {
      throw new NoSuchElementException(store.redis().description() + " is empty");
    }
    return element;
  }

  /** {@inheritDoc} As {@link #pollFirst}. */
  @Override
  public E poll() {
    return pollFirst();
  }

  /** {@inheritDoc} As {@link #removeFirst}. */
  @Override
  public E remove() {
    return removeFirst();
  }

  /** {@inheritDoc} As {@link #removeFirst}. */
  @Override
  public E pop() {
    return removeFirst();
  }

  /** {@inheritDoc} As {@link #peekFirst}. */
  @Override
  public E peek() {
    return peekFirst();
  }

  /** {@inheritDoc} As {@link #getFirst}. */
  @Override
  public E element() {
    return getFirst();
  }

  /** {@inheritDoc} One LREM with count 1: atomic; as the list view's {@code remove(Object)}. */
  @Override
  public boolean removeFirstOccurrence(Object element) {
    return list.remove(element);
  }

  /** {@inheritDoc} One LREM with count -1: atomic. */
  @Override
  public boolean removeLastOccurrence(Object element) {
    return store.removeOccurrence(element, -1);
  }

  /** {@inheritDoc} As {@link #removeFirstOccurrence}. */
  @Override
  public boolean remove(Object element) {
    return removeFirstOccurrence(element);
  }

  @Override
  public void rotate(long n) {
    store.rotate(n);
  }

  // ---- Bulk removal: what the list view does, written once there ----------------------------------------

  /** {@inheritDoc} One script; as the list view's. */
  @Override
  public boolean removeAll(Collection<?> elements) {
    return list.removeAll(elements);
  }

  /** {@inheritDoc} One script; as the list view's. */
  @Override
  public boolean retainAll(Collection<?> elements) {
    return list.retainAll(elements);
  }

  /** {@inheritDoc} One UNLINK; as the list view's. */
  @Override
  public void clear() {
    list.clear();
  }

  // ---- Reads -----------------------------------------------------------------------------------------------

  /** {@inheritDoc} One LLEN. */
  @Override
  public int size() {
    return list.size();
  }

  /** {@inheritDoc} One LLEN. */
  @Override
  public boolean isEmpty() {
    return list.isEmpty();
  }

  /** {@inheritDoc} One LPOS. */
  @Override
  public boolean contains(Object element) {
    return list.contains(element);
  }

  /** {@inheritDoc} Head first, LRANGE pages; weakly consistent; {@code remove()} is one script. */
  @Override
  public Iterator<E> iterator() {
    return list.iterator();
  }

  /** {@inheritDoc} Tail first, LRANGE pages from the right; weakly consistent; {@code remove()} is one script. */
  @Override
  public Iterator<E> descendingIterator() {
    return ListPageIterator.descending(store);
  }

  // ---- Object methods --------------------------------------------------------------------------------------

  /** Equal to a {@code RedisDeque} on the same key and Redis (not content equality; see the type's doc). */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof RedisBackedDeque)) {
      return false;
    }
    RedisBackedDeque<?> other = (RedisBackedDeque<?>) o;
    return store.key().equals(other.store.key())
        && store.redis().backend().collectionMaster().equals(other.store.redis().backend().collectionMaster());
  }

  @Override
  public int hashCode() {
    return store.key().hashCode();
  }

  /** The elements, head first, read page by page; {@code RedisDeque "key" (Pottery closed)} once closed. */
  @Override
  public String toString() {
    return list.toString();
  }
}
