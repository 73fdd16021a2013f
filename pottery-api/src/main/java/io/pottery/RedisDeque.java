package io.pottery;

import java.util.Deque;
import java.util.OptionalInt;

/**
 * A {@link Deque} stored in one Redis list: Python pottery's {@code RedisDeque}. The first (head) element is
 * the left end of the Redis list, index 0; {@code addFirst} is {@code LPUSH}, {@code addLast} is {@code RPUSH},
 * exactly Python's {@code appendleft} and {@code append}. Elements are the codec's bytes, so with a JSON codec
 * a Python {@code RedisDeque} or {@code RedisList} and a Java {@code RedisDeque} or {@link RedisList} on the
 * same key see the same elements in the same order.
 *
 * <pre>{@code
 * RedisDeque<String> recent = pottery.deque("recent", String.class, 3);  // at most 3 elements
 * recent.addAll(List.of("a", "b", "c"));   // [a, b, c]
 * recent.addLast("d");                     // [b, c, d]: the left end was dropped, atomically
 * recent.extendLeft(List.of("x", "y"));    // [y, x, b]: as Python's extendleft
 * recent.rotate(1);                        // [b, y, x]
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Nulls</b> are rejected with {@link NullPointerException}.
 *   <li><b>Bounded deques</b> ({@link #maxlen()} present) behave as Python's {@code deque(maxlen=n)}, not as a
 *       capacity-restricted {@link java.util.concurrent.BlockingDeque}: adding at one end never fails, it drops
 *       elements from the other end in the same atomic step (a push and its trim are one script). So every
 *       {@code add*}, {@code offer*}, {@code push} and {@code addAll} succeeds and {@code offer*} return
 *       {@code true}; the list never holds more than {@code maxlen} elements. {@code maxlen} is not stored in
 *       Redis (as in Python): every client of the key must use the same value. Inserting in the middle through
 *       {@link #asList()} fails with {@link IllegalStateException} when the deque is full (as Python's
 *       {@code insert}).
 *   <li><b>Atomicity:</b> every method that changes the deque is one command or one Lua script: pushes
 *       (LPUSH/RPUSH, or a push-and-trim script when bounded), pops (LPOP/RPOP), {@code
 *       removeFirstOccurrence}/{@code removeLastOccurrence} (LREM with count 1 / −1), {@link #rotate} and
 *       {@link #extendLeft} (one script or command each, whatever the number of elements), {@code clear}
 *       (UNLINK). Peeks are one LINDEX.
 *   <li><b>Iterators</b> ({@code iterator()}, {@link #descendingIterator()}) page with {@code LRANGE} and are
 *       weakly consistent by position, as {@link RedisList}'s; their {@code remove()} removes by index, in one
 *       script.
 *   <li><b>{@code equals} and {@code hashCode}</b> are not content-based, as for every {@link Deque} in the
 *       JDK: two {@code RedisDeque} objects are equal when they view the same key on the same Redis. Compare
 *       contents with {@code asList().equals(…)}. {@code toString} lists the elements, head first.
 *   <li><b>Errors:</b> if the key holds another Redis type, operations throw {@link WrongTypeException};
 *       stored bytes that do not decode throw {@link CodecException}; both name the key. The pops ({@code
 *       pollFirst}, {@code pollLast}, {@code removeFirst}, {@code removeLast}, {@code pop}, {@code poll},
 *       {@code remove()}) stay one atomic command, so an element that does not decode is removed all the same:
 *       the exception's {@link CodecException#rawValue()} then holds all its bytes, the only copy left.
 * </ul>
 * Instances are thread-safe. Nothing blocks: this is not a {@link java.util.concurrent.BlockingDeque}.
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface RedisDeque<E> extends Deque<E> {

  /** The Redis key of the list (including the {@code Pottery} namespace, if one is set). */
  String key();

  /** The maximum number of elements, if the deque is bounded; as Python's {@code deque.maxlen}. */
  OptionalInt maxlen();

  /**
   * Rotates the deque {@code n} steps to the right (towards the tail), or {@code -n} steps to the left if
   * {@code n} is negative, as Python's {@code collections.deque.rotate}: with {@code [0, 1, 2]},
   * {@code rotate(1)} gives {@code [2, 0, 1]} and {@code rotate(-1)} gives {@code [1, 2, 0]}. Rotates by
   * {@code n} modulo the size, so {@code rotate(4)} on three elements is {@code rotate(1)} (Python pottery
   * instead leaves the deque unchanged whenever {@code |n|} exceeds its length). Moves at most half the
   * elements.
   *
   * <p>One Lua script: atomic.
   */
  void rotate(long n);

  /**
   * Adds the elements at the head, one after the other, as Python's {@code extendleft}: the last element
   * given ends up first, so {@code extendLeft(List.of("a", "b", "c"))} on an empty deque gives
   * {@code [c, b, a]}. A bounded deque drops elements from the tail as needed.
   *
   * <p>One {@code LPUSH} (or one push-and-trim script when bounded): atomic, one round trip. Every element is
   * encoded before anything is sent.
   *
   * @throws NullPointerException if {@code elements} or any element is null; nothing is added
   */
  void extendLeft(Iterable<? extends E> elements);

  /**
   * {@inheritDoc}
   *
   * <p>Adds at the tail, in order, as Python's {@code extend}: one {@code RPUSH} (or one push-and-trim script
   * when bounded), atomic. A bounded deque drops elements from the head as needed.
   *
   * @throws NullPointerException if any element is null; nothing is added
   */
  @Override
  boolean addAll(java.util.Collection<? extends E> elements);

  /**
   * A {@link RedisList} view of the same Redis list, head at index 0: index access, {@code subList}, {@code
   * sort}, content {@code equals}. Live and write-through. On a bounded deque, insertions through the view
   * that would exceed {@code maxlen} throw {@link IllegalStateException} rather than drop elements (a
   * {@code List} has no "other end").
   */
  RedisList<E> asList();
}
