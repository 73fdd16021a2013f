package io.pottery;

import java.util.List;

/**
 * A HyperLogLog stored in one Redis HLL string: Python pottery's {@code HyperLogLog}. It estimates the number of
 * distinct elements added (standard error 0.81%) in at most 12 KB, whatever that number.
 *
 * <pre>{@code
 * HyperLogLog<String> google = pottery.hyperLogLog("google", String.class);
 * google.addAll(List.of("sergey", "larry", "sergey"));   // PFADD google "\"sergey\"" "\"larry\"" "\"sergey\""
 * google.approximateSize();                              // 2 (PFCOUNT)
 * }</pre>
 *
 * <h2>Layout: the same as Python pottery</h2>
 * Elements go to {@code PFADD} as the codec's bytes, so with a JSON codec the string {@code snake} is added as
 * {@code "snake"} (quotes included) and the integer 1 as {@code 1}, exactly as Python pottery adds them; both
 * libraries count the same registers of the same key.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Round trips:</b> {@link #add}, {@link #addAll} ({@code PFADD}), {@link #approximateSize}
 *       ({@code PFCOUNT}), {@link #merge} ({@code PFMERGE}), {@link #contains}, {@link #containsMany} (one script)
 *       and {@link #clear} ({@code UNLINK}) are one round trip each, and atomic.
 *   <li><b>Membership</b> is approximate, with Python pottery's trick: the script copies the HLL to a temporary key
 *       in the same hash slot, adds the element there and reports whether any register changed, then deletes the
 *       copy. {@code false} is certain; {@code true} may be a false positive (more likely as the HLL fills). The
 *       temporary key is declared in the script's keys and carries a 10-second TTL, so nothing is left behind even
 *       if the script fails half-way.
 *   <li><b>Merging</b> happens on the server: the other HyperLogLogs must live on the same Redis (and, on a
 *       cluster, in the same hash slot).
 *   <li><b>Nulls</b> are rejected with {@link NullPointerException}.
 *   <li><b>Errors:</b> if the key holds a string that is not an HLL, or another type, operations throw
 *       {@link RedisErrorException} or {@link WrongTypeException}; connection failures throw
 *       {@link RedisConnectionException}.
 * </ul>
 * Instances are thread-safe.
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface HyperLogLog<E> {

  /** The Redis key of the HLL (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * Adds an element ({@code PFADD}).
   *
   * @return {@code true} if a register changed (the element was certainly not added before)
   * @throws NullPointerException if {@code element} is null
   */
  boolean add(E element);

  /**
   * Adds every element in one {@code PFADD}, atomically. Adding nothing still creates the key, as {@code PFADD}
   * with no element does.
   *
   * @return {@code true} if a register changed
   * @throws NullPointerException if {@code elements} or any element is null (then nothing is sent)
   */
  boolean addAll(Iterable<? extends E> elements);

  /** The estimated number of distinct elements added ({@code PFCOUNT}); 0 for a missing key. */
  long approximateSize();

  /**
   * Whether the element may have been added (one script; see the type's contract). {@code false} for a missing
   * key.
   *
   * @throws NullPointerException if {@code element} is null
   */
  boolean contains(E element);

  /**
   * {@link #contains} for many elements, in one script: each element is tested against the HLL as it is, not
   * as the earlier elements would change it.
   *
   * @return one answer per element, in the order given
   * @throws NullPointerException if {@code elements} or any element is null
   */
  List<Boolean> containsMany(Iterable<? extends E> elements);

  /**
   * Merges the others into this HyperLogLog, on the server ({@code PFMERGE this others…}, one round trip): this
   * then counts the union. The others are unchanged. They must be on the same Redis.
   *
   * @throws NullPointerException if an argument is null
   */
  void merge(HyperLogLog<?>... others);

  /**
   * A new HyperLogLog at {@code destinationKey} holding the union of this one and the others ({@code PFMERGE
   * destination this others…}, one round trip). An existing destination is merged into, as {@code PFMERGE} does.
   *
   * @param destinationKey the Redis key of the result, before the {@code Pottery} namespace is added
   * @throws NullPointerException if an argument is null
   */
  HyperLogLog<E> union(String destinationKey, HyperLogLog<?>... others);

  /** Removes every element: {@code UNLINK} of the key. */
  void clear();

  /**
   * The asynchronous view of this HyperLogLog: add, contains and approximateSize returning {@link
   * java.util.concurrent.CompletionStage}s, with the same commands, atomicity and errors. Sends nothing.
   *
   * @since 0.1
   */
  AsyncHyperLogLog<E> async();
}
