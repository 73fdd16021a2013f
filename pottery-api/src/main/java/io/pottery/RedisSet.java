package io.pottery;

import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A {@link Set} stored in one Redis set: Python pottery's {@code RedisSet}. Each element is a set member, the
 * codec's encoding of the element; with a JSON codec the bytes are exactly Python pottery's ({@code "jack"} is
 * the 6-byte member {@code "jack"}, quotes included), so both libraries read and write the same set.
 *
 * <pre>{@code
 * RedisSet<String> fruits = pottery.set("fruits", String.class);
 * fruits.addAll(List.of("apple", "banana"));          // one SADD
 * fruits.containsMany(List.of("apple", "cherry"));    // [true, false], one SMISMEMBER
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Nulls</b> are rejected: adding, removing or querying null, or a collection containing null, throws
 *       {@link NullPointerException}, except that {@code removeAll} and {@code retainAll} skip nulls in their
 *       argument, as {@link java.util.Collection} allows (null is never a member). An object the codec cannot encode is never an element: {@code
 *       contains} answers false and {@code remove} does nothing.
 *   <li><b>Equality of elements</b> is equality of their encodings: the codec is deterministic, so equal values
 *       are one member. ({@code 1}, {@code 1.0} and {@code "1"} are three members, as in Python pottery.)
 *   <li><b>Round trips:</b> {@code add} (SADD), {@code remove} (SREM), {@code contains} (SISMEMBER), {@code
 *       size} (SCARD), {@code clear} (UNLINK), {@code containsAll} and {@link #containsMany} (one SMISMEMBER),
 *       {@code addAll} (one SADD), {@code removeAll} (one SREM) are one command each. {@code retainAll} is one
 *       Lua script, atomic. With another {@code RedisSet} of the same {@code Pottery} as argument, {@code
 *       addAll}/{@code removeAll}/{@code retainAll} never move elements to the client: they are one script
 *       running SUNIONSTORE/SDIFFSTORE/SINTERSTORE on the server.
 *   <li><b>Iteration</b> pages through the set with {@code SSCAN} (about 1000 members a page), in constant
 *       memory; iterators are weakly consistent (they never throw {@code ConcurrentModificationException}, and
 *       may or may not show concurrent changes) and {@code remove()} writes through with SREM. As SSCAN, an
 *       iterator may return an element twice if Redis shrinks the set meanwhile.
 *   <li><b>{@code equals} and {@code hashCode}</b> follow {@link Set}: equal to any set with the same
 *       elements. {@code hashCode} and {@code toString} read the whole set.
 *   <li><b>Set algebra</b> with other {@code RedisSet}s ({@link #union}, {@link #intersection}, {@link
 *       #difference} and their {@code *Store} variants, {@link #isDisjoint}, {@link #isSubsetOf}, {@link
 *       #isSupersetOf}) runs on the server, on this set's connection. The other sets must come from the same
 *       {@code Pottery}; otherwise {@link IllegalArgumentException}. Unlike Python pottery's operators, a result
 *       is never written to a hidden connection or a random key: it is returned as a local set, or stored into
 *       a {@code RedisSet} the caller names.
 *   <li><b>Errors:</b> if the key holds another Redis type, operations throw {@link WrongTypeException};
 *       members that do not decode as the element type throw {@link CodecException}; both name the key.
 * </ul>
 * Instances are thread-safe.
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface RedisSet<E> extends Set<E> {

  /** The Redis key of the set (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * Whether each of {@code elements} is in the set, in the order given: one {@code SMISMEMBER} (on Redis
   * older than 6.2, which lacks it, one pipeline of {@code SISMEMBER}). An object the codec cannot encode
   * answers false.
   *
   * @return one answer per element, in order (duplicates answered each time)
   * @throws NullPointerException if {@code elements} or any element is null
   */
  List<Boolean> containsMany(Iterable<?> elements);

  /**
   * Removes and returns a random element: one {@code SPOP}, atomic (two clients never pop the same element).
   *
   * @throws NoSuchElementException if the set is empty
   * @throws CodecException if the member does not decode as the element type; it is removed all the same, and
   *     {@link CodecException#rawValue()} holds all its bytes, the only copy left
   */
  E pop();

  /**
   * Returns a random element without removing it: one {@code SRANDMEMBER}.
   *
   * @throws NoSuchElementException if the set is empty
   */
  E randomElement();

  /**
   * The elements in this set or in any of {@code others}: one {@code SUNION}, a consistent snapshot, decoded
   * as this set's element type into a new local set.
   *
   * @throws IllegalArgumentException if a set comes from another {@code Pottery}
   * @throws NullPointerException if {@code others} or any of its sets is null
   */
  Set<E> union(Collection<? extends RedisSet<? extends E>> others);

  /** The union with one other set; see {@link #union(Collection)}. */
  default Set<E> union(RedisSet<? extends E> other) {
    return union(List.of(other));
  }

  /**
   * The elements in this set and in every one of {@code others}: one {@code SINTER}, into a new local set.
   *
   * @throws IllegalArgumentException if a set comes from another {@code Pottery}
   * @throws NullPointerException if {@code others} or any of its sets is null
   */
  Set<E> intersection(Collection<? extends RedisSet<?>> others);

  /** The intersection with one other set; see {@link #intersection(Collection)}. */
  default Set<E> intersection(RedisSet<?> other) {
    return intersection(List.of(other));
  }

  /**
   * The elements in this set and in none of {@code others}: one {@code SDIFF}, into a new local set.
   *
   * @throws IllegalArgumentException if a set comes from another {@code Pottery}
   * @throws NullPointerException if {@code others} or any of its sets is null
   */
  Set<E> difference(Collection<? extends RedisSet<?>> others);

  /** The difference with one other set; see {@link #difference(Collection)}. */
  default Set<E> difference(RedisSet<?> other) {
    return difference(List.of(other));
  }

  /**
   * Replaces the contents of {@code destination} with the union of this set and {@code others}: one {@code
   * SUNIONSTORE}, atomic. {@code destination} may be this set or one of the others (an in-place update).
   *
   * @return the size of {@code destination} afterwards
   * @throws IllegalArgumentException if a set comes from another {@code Pottery}
   */
  long unionStore(RedisSet<? super E> destination, Collection<? extends RedisSet<? extends E>> others);

  /**
   * Replaces the contents of {@code destination} with the intersection of this set and {@code others}: one
   * {@code SINTERSTORE}, atomic.
   *
   * @return the size of {@code destination} afterwards
   * @throws IllegalArgumentException if a set comes from another {@code Pottery}
   */
  long intersectionStore(RedisSet<? super E> destination, Collection<? extends RedisSet<?>> others);

  /**
   * Replaces the contents of {@code destination} with this set minus {@code others}: one {@code SDIFFSTORE},
   * atomic.
   *
   * @return the size of {@code destination} afterwards
   * @throws IllegalArgumentException if a set comes from another {@code Pottery}
   */
  long differenceStore(RedisSet<? super E> destination, Collection<? extends RedisSet<?>> others);

  /**
   * Whether this set and {@code other} have no element in common. One Lua script: with a {@code RedisSet} of
   * the same {@code Pottery}, it compares the two Redis sets on the server; with any other collection, its
   * encoded elements are sent.
   *
   * @throws NullPointerException if {@code other} or any of its elements is null
   */
  boolean isDisjoint(Collection<?> other);

  /**
   * Whether every element of this set is in {@code other} (Python's {@code issubset}, {@code <=}). One Lua
   * script, as {@link #isDisjoint}.
   *
   * @throws NullPointerException if {@code other} or any of its elements is null
   */
  boolean isSubsetOf(Collection<?> other);

  /**
   * Whether every element of {@code other} is in this set (Python's {@code issuperset}, {@code >=}), i.e.
   * {@link #containsAll}. One Lua script, as {@link #isDisjoint}.
   *
   * @throws NullPointerException if {@code other} or any of its elements is null
   */
  boolean isSupersetOf(Collection<?> other);
}
