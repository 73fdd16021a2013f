package io.pottery.internal.collections;

import io.pottery.RedisList;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;

/**
 * {@link RedisList} over one Redis list, laid out as Python pottery's {@code RedisList}; also the {@code
 * asList()} view of a {@link RedisBackedDeque}, which passes its bound so that insertions cannot overflow it.
 *
 * <p>How each operation talks to Redis:
 * <ul>
 *   <li>one command: {@code size}/{@code isEmpty} (LLEN), {@code get} (LINDEX), {@code add}/{@code addAll}
 *       (one RPUSH when unbounded), {@code remove(Object)} (LREM 1), {@code contains}/{@code indexOf}/{@code
 *       lastIndexOf} (LPOS), {@code clear} (UNLINK);
 *   <li>one Lua script: {@code set}, {@code add(int, E)}, {@code addAll(int, …)}, {@code remove(int)},
 *       {@code removeAll}, {@code retainAll}, {@code removeRange} (so {@code subList(…).clear()}), and the
 *       appends of a bounded view;
 *   <li>read, then one compare-and-replace script, retried: {@code sort}, {@code replaceAll};
 *   <li>one LRANGE per page of {@value RedisListStore#PAGE}: iteration, {@code equals}, {@code hashCode},
 *       {@code toString}, {@code toArray}.
 * </ul>
 * {@code subList} is {@link AbstractList}'s view, which forwards every call to this list with an offset.
 *
 * @param <E> the type of elements
 */
final class RedisBackedList<E> extends AbstractList<E> implements RedisList<E> {
  private final RedisListStore<E> store;

  RedisBackedList(RedisListStore<E> store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public String key() {
    return store.key();
  }

  // ---- Reads -----------------------------------------------------------------------------------------------

  /** {@inheritDoc} One LLEN; a list of more than {@code Integer.MAX_VALUE} elements reports that maximum. */
  @Override
  public int size() {
    return (int) Math.min(store.size(), Integer.MAX_VALUE);
  }

  /** {@inheritDoc} One LLEN. */
  @Override
  public boolean isEmpty() {
    return store.size() == 0;
  }

  /** {@inheritDoc} One LINDEX. */
  @Override
  public E get(int index) {
    return store.get(index);
  }

  /** {@inheritDoc} One LPOS. */
  @Override
  public boolean contains(Object element) {
    return indexOf(element) >= 0;
  }

  /** {@inheritDoc} One LPOS. */
  @Override
  public int indexOf(Object element) {
    byte[] bytes = store.encodeOrNull(element);
    return bytes == null ? -1 : (int) store.position(bytes, false);
  }

  /** {@inheritDoc} One LPOS with RANK -1. */
  @Override
  public int lastIndexOf(Object element) {
    byte[] bytes = store.encodeOrNull(element);
    return bytes == null ? -1 : (int) store.position(bytes, true);
  }

  // ---- Writes ----------------------------------------------------------------------------------------------

  /** {@inheritDoc} One script, returning the replaced element. */
  @Override
  public E set(int index, E element) {
    return store.set(index, element);
  }

  /**
   * {@inheritDoc} One RPUSH (on a bounded deque's view: one script that refuses to overflow).
   *
   * @throws IllegalStateException if this is the view of a full bounded deque
   */
  @Override
  public boolean add(E element) {
    List<byte[]> bytes = List.of(store.encode(element));
    return store.bounded() ? store.append(bytes) : store.push(false, bytes);
  }

  /**
   * {@inheritDoc} One script, atomic.
   *
   * @throws IllegalStateException if this is the view of a full bounded deque
   */
  @Override
  public void add(int index, E element) {
    store.insert(index, List.of(store.encode(element)));
  }

  /**
   * {@inheritDoc} One RPUSH of every element: atomic, one round trip. Every element is encoded first, so a
   * null leaves the list unchanged.
   */
  @Override
  public boolean addAll(Collection<? extends E> elements) {
    List<byte[]> bytes = store.encodeAll(elements, "addAll");
    return store.bounded() ? store.append(bytes) : store.push(false, bytes);
  }

  /** {@inheritDoc} One script, atomic: the elements appear together, in order. */
  @Override
  public boolean addAll(int index, Collection<? extends E> elements) {
    return store.insert(index, store.encodeAll(elements, "addAll"));
  }

  /** {@inheritDoc} One script, returning the removed element. */
  @Override
  public E remove(int index) {
    if (index < 0) {
      throw store.outOfBounds(index, store.size());
    }
    return store.removeAt(index);
  }

  /** {@inheritDoc} One LREM of the first occurrence. */
  @Override
  public boolean remove(Object element) {
    return store.removeOccurrence(element, 1);
  }

  /** {@inheritDoc} One script removing every occurrence of each element. */
  @Override
  public boolean removeAll(Collection<?> elements) {
    return store.removeAll(elements);
  }

  /** {@inheritDoc} One script. */
  @Override
  public boolean retainAll(Collection<?> elements) {
    return store.retainAll(elements);
  }

  /** {@inheritDoc} One UNLINK. */
  @Override
  public void clear() {
    store.clear();
  }

  /** One script (what {@code subList(from, to).clear()} calls). */
  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    store.removeRange(fromIndex, toIndex);
  }

  @Override
  public void sort(Comparator<? super E> comparator) {
    store.rewrite(elements -> {
      elements.sort(comparator);
      return elements;
    }, "sort");
  }

  @Override
  public void replaceAll(UnaryOperator<E> operator) {
    Objects.requireNonNull(operator, "operator");
    store.rewrite(elements -> {
      elements.replaceAll(element -> Objects.requireNonNull(operator.apply(element), "replaceAll: the operator returned null"));
      return elements;
    }, "replaceAll");
  }

  // ---- Iteration -------------------------------------------------------------------------------------------

  /** {@inheritDoc} Pages with LRANGE; weakly consistent (see {@link ListPageIterator}). */
  @Override
  public Iterator<E> iterator() {
    return ListPageIterator.forward(store, 0);
  }

  @Override
  public ListIterator<E> listIterator() {
    return ListPageIterator.forward(store, 0);
  }

  /** {@inheritDoc} One LLEN to check the index, then pages with LRANGE. */
  @Override
  public ListIterator<E> listIterator(int index) {
    if (index != 0) {
      long size = store.size();
      if (index < 0 || index > size) {
        throw store.outOfBounds(index, size);
      }
    }
    return ListPageIterator.forward(store, index);
  }

  /** Over the paged iterator, not {@code get(i)} per element as {@link AbstractList}'s would be. */
  @Override
  public Spliterator<E> spliterator() {
    return Spliterators.spliterator(this, Spliterator.ORDERED | Spliterator.NONNULL);
  }

  // ---- Object methods --------------------------------------------------------------------------------------

  /**
   * {@inheritDoc} Reads the list page by page. After the {@code Pottery} is closed it returns {@code RedisList
   * "key" (Pottery closed)} rather than throw, so that logs and debuggers still work.
   */
  @Override
  public String toString() {
    if (store.redis().backend().isClosed()) {
      return store.redis().description() + " (Pottery closed)";
    }
    return super.toString();
  }
}
