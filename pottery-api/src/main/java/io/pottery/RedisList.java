package io.pottery;

import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

/**
 * A {@link List} stored in one Redis list: Python pottery's {@code RedisList}. Element {@code i} of the Java
 * list is Redis index {@code i} (index 0 is the left end, the head); each element is the codec's encoding of
 * the value, so with a JSON codec the bytes are exactly Python pottery's and both libraries read and write the
 * same list.
 *
 * <pre>{@code
 * RedisList<String> squares = pottery.list("squares", String.class);
 * squares.addAll(List.of("a", "b", "d"));  // RPUSH squares "\"a\"" "\"b\"" "\"d\"": one round trip
 * squares.add(2, "c");                     // one Lua script: atomic
 * squares.get(3);                          // LINDEX squares 3 → "d"
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Nulls</b> are rejected with {@link NullPointerException}, also as queries ({@code contains(null)},
 *       {@code indexOf(null)}).
 *   <li><b>Indexes</b> follow {@link List}, not Python: a negative index or one past the end throws {@link
 *       IndexOutOfBoundsException} naming the index and the size (Python's {@code insert(-1, x)} prepends and
 *       {@code insert(99, x)} appends; Java's {@code add(int, E)} does neither).
 *   <li><b>Atomicity:</b> {@code get} (LINDEX), {@code add} (RPUSH), {@code addAll} (one RPUSH), {@code
 *       remove(Object)} (LREM), {@code contains}/{@code indexOf}/{@code lastIndexOf} (LPOS; Redis ≥ 6.0.6) and
 *       {@code clear} (UNLINK) are one command each; {@code set}, {@code add(int, E)}, {@code remove(int)},
 *       {@code addAll(int, Collection)}, {@code removeAll}, {@code retainAll} and {@code subList(…).clear()} are
 *       one Lua script each, so no other client sees a half-done change. {@link #sort} and {@link #replaceAll}
 *       read the list, compute locally, and write the result back only if the list did not change meanwhile
 *       (checked inside one script), retrying a few times.
 *   <li><b>Iteration</b> pages through the list with {@code LRANGE} (about 1,000 elements per round trip),
 *       by index. Iterators are weakly consistent: they never throw {@link
 *       java.util.ConcurrentModificationException}; a change by another client before the iterator's
 *       position shifts what it returns next (an element may be skipped or seen twice). {@code ListIterator}
 *       supports {@code set}, {@code add} and {@code remove}, each one atomic script by index.
 *   <li><b>{@code subList}</b> views are live and write through, as {@link List#subList} specifies; like any
 *       sub-list, their behaviour is undefined once the list changes size other than through the view.
 *   <li><b>{@code equals} and {@code hashCode}</b> follow {@link List}: equal to any list with equal elements
 *       in the same order; both read the whole list, page by page.
 *   <li><b>Nothing extra is stored:</b> no marker ever stays in the list. Scripts that remove by index
 *       mark the slot with a random value that no codec can produce and remove it within the same script
 *       (Python pottery's slice assignment marks with {@code 0}, which can delete a real {@code 0}).
 *   <li><b>Errors:</b> if the key holds another Redis type, operations throw {@link WrongTypeException};
 *       stored bytes that do not decode as the element type throw {@link CodecException}; both name the key.
 *       {@code remove(int)} and {@code set(int, e)} stay one atomic script, so an element they remove or
 *       overwrite that does not decode is gone all the same: the exception's {@link CodecException#rawValue()}
 *       then holds all its bytes, the only copy left.
 * </ul>
 * Instances are thread-safe. {@link RandomAccess} because {@code get(i)} is one round trip; Redis itself
 * walks to index {@code i} (O(min(i, size − i))).
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface RedisList<E> extends List<E>, RandomAccess {

  /** The Redis key of the list (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * {@inheritDoc}
   *
   * <p>Reads the whole list, sorts it locally with {@code comparator} (stable; {@code null} means natural
   * order), and replaces the list in one script that first checks that the list still holds what was read
   * (same length and SHA-1 of the stored bytes). If another client changed it meanwhile, reads and sorts again,
   * up to 10 times. Unlike Python pottery's {@code sort()}, which is Redis's numeric {@code SORT}, any element
   * type sorts.
   *
   * @throws java.util.ConcurrentModificationException if the list changed during each of the 10 tries; the
   *     list is left as the other clients made it
   * @throws ClassCastException if {@code comparator} is null and the elements are not {@link Comparable}
   */
  @Override
  void sort(Comparator<? super E> comparator);

  /**
   * {@inheritDoc}
   *
   * <p>Atomic for the whole list, as {@link #sort}: read, apply {@code operator} locally, write back only if
   * unchanged, up to 10 tries; {@code operator} may run more than once per element under contention.
   *
   * @throws NullPointerException if {@code operator} returns null; the list is left unchanged
   * @throws java.util.ConcurrentModificationException if the list changed during each of the 10 tries
   */
  @Override
  void replaceAll(UnaryOperator<E> operator);
}
