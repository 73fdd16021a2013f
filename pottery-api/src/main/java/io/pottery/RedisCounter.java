package io.pottery;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A multiset of counts stored in one Redis hash: Python pottery's {@code RedisCounter}, with the semantics of
 * Python's {@code collections.Counter}. Each element is a hash field, the codec's encoding of the element, whose
 * value is the count as a plain decimal integer ({@code "a"} → {@code 11}), so {@code HINCRBY} works and Python
 * pottery reads and writes the same counter.
 *
 * <pre>{@code
 * RedisCounter<String> letters = pottery.counter("letters", String.class);
 * letters.add(List.of("g", "a", "l", "a", "h", "a", "d"));  // one script: HINCRBY per distinct letter
 * letters.count("a");         // 3
 * letters.count("z");         // 0: a missing element counts 0
 * letters.mostCommon(1);      // [a=3]
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Not a {@code Map}</b>, on purpose: a counter answers 0 for a missing element, and Python (3.10+)
 *       counts a missing element and a zero count as equal, while {@link Map#get} must return null and
 *       {@link Map#equals} must tell them apart. {@link #asMap()} is the live {@code Map<E, Long>} view, with
 *       the full {@code Map} contract.
 *   <li><b>Counts</b> are signed 64-bit. Zero and negative counts may be stored (by {@link #subtract}, {@link
 *       #increment} or the map view), as in Python; {@link #elements()} skips counts below 1, {@link
 *       #mostCommon()} lists them. An update that would take a count outside that range fails with {@link
 *       ArithmeticException} naming the key and the field, as {@link #total()} does.
 *   <li><b>Atomicity, all or nothing:</b> {@link #increment} is one {@code HINCRBY}; {@link #add} and {@link
 *       #subtract} are one Lua script each, computing old + delta on the server (never Python pottery's
 *       read-then-write, which counts the old value twice and loses concurrent updates). The in-place arithmetic
 *       ({@link #plusInPlace} …) is one script each. Every script reads and checks every count it needs (the
 *       in-place ones the whole hash, since they delete counts of 0 and below anywhere) and computes every new
 *       count exactly before its first write: if one stored count is not a 64-bit decimal integer, or one new
 *       count would not fit, the call throws and the hash is exactly as it was. Other clients see all of an
 *       update or none of it.
 *   <li><b>Reads</b> of the whole counter ({@link #mostCommon}, {@link #total}, the binary arithmetic, {@code
 *       equals}) take one consistent snapshot with one command ({@code HGETALL}, {@code HVALS}).
 *   <li><b>Nulls</b> are rejected with {@link NullPointerException}, elements and counts alike.
 *   <li><b>Errors:</b> if the key holds another Redis type, operations throw {@link WrongTypeException};
 *       fields or counts that do not decode throw {@link CodecException} (naming the field, with the stored bytes
 *       in {@link CodecException#rawValue()}); both name the key.
 * </ul>
 * Instances are thread-safe.
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface RedisCounter<E> {

  /** The Redis key of the hash (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * The live {@code Map<E, Long>} view of the counts: a {@link RedisMap} over the same hash, so {@code get} of
   * a missing element is null there, {@code put} sets a count, {@code remove} deletes one. Its {@code size()}
   * is the number of distinct elements stored, zero and negative counts included (Python's {@code len}).
   */
  RedisMap<E, Long> asMap();

  /**
   * The asynchronous view of this counter: count, increment and add returning {@link
   * java.util.concurrent.CompletionStage}s, with the same commands, atomicity and errors. Sends nothing.
   *
   * @since 0.1
   */
  AsyncRedisCounter<E> async();

  /**
   * The count of {@code element}, 0 if it is missing: one {@code HGET}. An object the codec cannot encode
   * counts 0.
   *
   * @throws NullPointerException if {@code element} is null
   */
  long count(Object element);

  /**
   * Adds 1 to the count of {@code element}: one {@code HINCRBY}, atomic.
   *
   * @return the new count
   * @throws NullPointerException if {@code element} is null
   * @throws ArithmeticException if the count would overflow a signed 64-bit integer; it is left unchanged
   * @throws CodecException if the stored count is not a 64-bit decimal integer; it is left unchanged
   */
  long increment(E element);

  /**
   * Adds {@code delta} (which may be zero or negative) to the count of {@code element}: one {@code HINCRBY},
   * atomic. A missing element starts at 0, and is stored even when the result is 0, as Python's {@code
   * c[e] += n} does.
   *
   * @return the new count
   * @throws NullPointerException if {@code element} is null
   * @throws ArithmeticException if the count would overflow a signed 64-bit integer; it is left unchanged
   * @throws CodecException if the stored count is not a 64-bit decimal integer; it is left unchanged
   */
  long increment(E element, long delta);

  /**
   * Counts each of {@code elements} once more (Python's {@code update(iterable)}): one Lua script, atomic,
   * with one {@code HGET} and one {@code HSET} per distinct element inside it, all checks before any write.
   *
   * @throws NullPointerException if {@code elements} or any element is null; nothing is written
   * @throws ArithmeticException if a count would overflow a signed 64-bit integer; nothing is written
   * @throws CodecException if a count it updates is stored as something else than a 64-bit decimal integer;
   *     nothing is written
   */
  void add(Iterable<? extends E> elements);

  /**
   * Adds each count of {@code counts} (Python's {@code update(mapping)}): one Lua script, atomic, all or
   * nothing.
   *
   * @throws NullPointerException if {@code counts}, a key or a count is null; nothing is written
   * @throws ArithmeticException if a count would overflow a signed 64-bit integer; nothing is written
   * @throws CodecException if a count it updates is not stored as a 64-bit decimal integer; nothing is written
   */
  void add(Map<? extends E, ? extends Long> counts);

  /**
   * Counts each of {@code elements} once less (Python's {@code subtract(iterable)}); counts may go to zero or
   * below and stay stored. One Lua script, atomic, all or nothing.
   *
   * @throws NullPointerException if {@code elements} or any element is null; nothing is written
   * @throws ArithmeticException if a count would overflow a signed 64-bit integer; nothing is written
   * @throws CodecException if a count it updates is not stored as a 64-bit decimal integer; nothing is written
   */
  void subtract(Iterable<? extends E> elements);

  /**
   * Subtracts each count of {@code counts} (Python's {@code subtract(mapping)}). One Lua script, atomic, all or
   * nothing.
   *
   * @throws NullPointerException if {@code counts}, a key or a count is null; nothing is written
   * @throws ArithmeticException if a count would overflow a signed 64-bit integer; nothing is written
   * @throws CodecException if a count it updates is not stored as a 64-bit decimal integer; nothing is written
   */
  void subtract(Map<? extends E, ? extends Long> counts);

  /**
   * Every element with its count, most common first: one {@code HGETALL}. Counts of zero and below are
   * included, as by Python's {@code most_common()}. Ties keep a stable, documented order: Python orders ties by
   * insertion, which a Redis hash does not keep, so Java orders equal counts by the codec's bytes of the
   * element, compared as unsigned bytes (with a JSON codec, {@code "a"} before {@code "b"}, {@code 10} before
   * {@code 9}).
   */
  List<Map.Entry<E, Long>> mostCommon();

  /**
   * The {@code n} most common elements and their counts, ordered as {@link #mostCommon()}.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  List<Map.Entry<E, Long>> mostCommon(int n);

  /**
   * Each element repeated as many times as its count, as Python's {@code elements()}: elements with a count
   * below 1 are left out; order is that of the hash scan. Streams the hash with {@code HSCAN}, one page per
   * round trip, so a large counter does not load at once; weakly consistent.
   */
  Iterator<E> elements();

  /** The sum of all counts, negative ones included (Python's {@code total()}): one {@code HVALS}. */
  long total();

  /** Removes every count: one {@code UNLINK}. */
  void clear();

  /**
   * {@code this + other}, as Python's {@code Counter.__add__}: a new local map of the elements whose summed
   * count is positive. Reads this counter with one {@code HGETALL}.
   *
   * @throws NullPointerException if {@code other}, a key or a count in it is null
   */
  Map<E, Long> plus(Map<? extends E, ? extends Long> other);

  /**
   * {@code this - other}, as Python's {@code Counter.__sub__}: a new local map of the elements whose count
   * minus the other's is positive (an element only in {@code other}, with a negative count, gets its
   * negation).
   */
  Map<E, Long> minus(Map<? extends E, ? extends Long> other);

  /** {@code this | other}, as Python's {@code Counter.__or__}: the maximum of the counts, positive ones only. */
  Map<E, Long> union(Map<? extends E, ? extends Long> other);

  /** {@code this & other}, as Python's {@code Counter.__and__}: the minimum of the counts, positive ones only. */
  Map<E, Long> intersection(Map<? extends E, ? extends Long> other);

  /**
   * {@code this += other}, as Python's {@code Counter.__iadd__}: adds the counts of {@code other}, then deletes
   * every field whose count is 0 or below. One Lua script, atomic, all or nothing.
   *
   * @throws ArithmeticException if a count would overflow a signed 64-bit integer; nothing is written
   * @throws CodecException if any stored count of the hash is not a 64-bit decimal integer; nothing is written
   */
  void plusInPlace(Map<? extends E, ? extends Long> other);

  /**
   * {@code this -= other}: subtracts, then deletes counts of 0 or below. One Lua script, atomic, all or nothing.
   *
   * @throws ArithmeticException if a count would overflow a signed 64-bit integer; nothing is written
   * @throws CodecException if any stored count of the hash is not a 64-bit decimal integer; nothing is written
   */
  void minusInPlace(Map<? extends E, ? extends Long> other);

  /**
   * {@code this |= other}: keeps the maximum of the counts, then deletes counts of 0 or below. One Lua script,
   * atomic, all or nothing.
   *
   * @throws CodecException if any stored count of the hash is not a 64-bit decimal integer; nothing is written
   */
  void unionInPlace(Map<? extends E, ? extends Long> other);

  /**
   * {@code this &= other}: keeps the minimum of the counts (a missing element counts 0), then deletes counts of
   * 0 or below. One Lua script, atomic, all or nothing.
   *
   * @throws CodecException if any stored count of the hash is not a 64-bit decimal integer; nothing is written
   */
  void intersectionInPlace(Map<? extends E, ? extends Long> other);

  /**
   * Equal to another {@code RedisCounter} with the same count for every element, a missing element counting
   * as 0 (Python 3.10's {@code Counter.__eq__}). Reads both counters.
   */
  @Override
  boolean equals(Object other);

  /** Consistent with {@link #equals}: the sum over non-zero counts of {@code element.hashCode() ^ Long.hashCode(count)}. */
  @Override
  int hashCode();
}
