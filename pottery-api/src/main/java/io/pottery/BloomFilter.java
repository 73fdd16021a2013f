package io.pottery;

import java.util.List;

/**
 * A Bloom filter stored in one Redis string used as a bitmap: Python pottery's {@code BloomFilter}. It answers
 * "possibly added" or "definitely not added" in constant space: {@link #contains} never says {@code false} for an
 * element that was added, and says {@code true} for one that was not with about the configured false-positive
 * rate, as long as no more than the configured number of elements were added.
 *
 * <pre>{@code
 * BloomFilter<String> dilberts = pottery.bloomFilter("dilberts", 100, 0.01, String.class);
 * dilberts.add("rajiv");            // BITFIELD dilberts SET u1 183 1 SET u1 319 1 … (7 bits)
 * dilberts.contains("rajiv");       // true
 * dilberts.contains("dan");         // false (with 99% probability)
 * }</pre>
 *
 * <h2>Layout: the same bits as Python pottery</h2>
 * Only the bits are stored, so every client must use the same {@code numElements} n and {@code falsePositives} p:
 * <ul>
 *   <li>bit-array size m = ceil(−n·ln p / (ln 2)²) and number of hash functions k = ceil((m / n)·ln 2), in IEEE
 *       doubles, exactly as Python computes them ({@link #bitSize()}, {@link #hashCount()});
 *   <li>an element's offsets: for seed 0 … k−1, MurmurHash3 x86 32-bit of the codec's bytes of the element, with
 *       that seed, as a signed int, floor-modulo m. Bit o is Redis's bit o ({@code SETBIT}/{@code GETBIT} order,
 *       most significant bit of each byte first). The string grows only to the highest bit set; it is never
 *       pre-sized.
 * </ul>
 * With a JSON codec, Java and Python set and test the same bits of the same key.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Round trips:</b> {@link #add}, {@link #addAll}, {@link #contains} and {@link #containsMany} are one round
 *       trip each: a pipeline of {@code BITFIELD} commands for a few elements; for so many elements that a bit
 *       operation each would cost more than the bitmap itself, {@code containsMany} reads the bitmap with one
 *       {@code GET} and {@code addAll} ORs a bitmap of the new bits in with one script ({@code BITOP} through a
 *       temporary key in the same hash slot, with a 10-second TTL). {@link #approximateSize} is one
 *       {@code BITCOUNT}; {@link #clear} is one {@code UNLINK}.
 *   <li><b>Atomicity:</b> adding an element sets all its bits in one atomic command; {@code addAll} of many
 *       elements is one atomic script. Concurrent adds never lose bits (setting a bit is idempotent).
 *   <li><b>No removal, no iteration:</b> a Bloom filter cannot tell which elements it holds.
 *   <li><b>Nulls</b> are rejected with {@link NullPointerException}.
 *   <li><b>Errors:</b> if the key holds another Redis type, operations throw {@link WrongTypeException}; an element
 *       the codec cannot encode throws {@link CodecException}; connection failures throw
 *       {@link RedisConnectionException}.
 * </ul>
 * Instances are thread-safe.
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface BloomFilter<E> {

  /** The Redis key of the bitmap (including the {@code Pottery} namespace, if one is set). */
  String key();

  /** The configured number of elements n the filter is sized for. */
  long numElements();

  /** The configured false-positive rate p at n elements. */
  double falsePositives();

  /** The number of bits m = ceil(−n·ln p / (ln 2)²), as Python pottery computes it. */
  long bitSize();

  /** The number of hash functions (bits per element) k = ceil((m / n)·ln 2), as Python pottery computes it. */
  int hashCount();

  /**
   * Adds an element: sets its k bits in one {@code BITFIELD} command (one round trip, atomic).
   *
   * @return {@code true} if at least one of its bits was clear before, so the element was certainly not
   *     contained; {@code false} if all were already set (it was added before, or is a false positive)
   * @throws NullPointerException if {@code element} is null
   */
  boolean add(E element);

  /**
   * Adds every element in one round trip: a pipeline of {@code BITFIELD} commands (then another client may see
   * some elements added before others), or for many elements one atomic script.
   *
   * @return {@code true} if any bit changed
   * @throws NullPointerException if {@code elements} or any element is null (then nothing is sent)
   */
  boolean addAll(Iterable<? extends E> elements);

  /**
   * Whether the element may have been added: {@code true} if all its k bits are set. One round trip. Never
   * {@code false} for an added element; {@code true} for another one with about the configured probability.
   *
   * @throws NullPointerException if {@code element} is null
   */
  boolean contains(E element);

  /**
   * {@link #contains} for many elements in one round trip.
   *
   * @return one answer per element, in the order given (duplicates answered each time)
   * @throws NullPointerException if {@code elements} or any element is null
   */
  List<Boolean> containsMany(Iterable<? extends E> elements);

  /**
   * An estimate of the number of distinct elements added: floor((−m / k)·ln(1 − X / m)) with X the number of set
   * bits ({@code BITCOUNT}, one round trip), as Python pottery computes it. A missing key gives 0. When every bit
   * is set, the estimate is unbounded and this returns {@link Long#MAX_VALUE} (Python pottery raises a math
   * domain error there).
   */
  long approximateSize();

  /** Removes every element: {@code UNLINK} of the key. */
  void clear();

  /**
   * The asynchronous view of this BloomFilter: add, contains and approximateSize returning {@link
   * java.util.concurrent.CompletionStage}s, with the same commands, atomicity and errors. Sends nothing.
   *
   * @since 0.1
   */
  AsyncBloomFilter<E> async();
}
