package io.pottery.internal.probabilistic;

/**
 * The size m and hash count k of a Bloom filter for n elements at false-positive rate p, computed in IEEE doubles
 * in Python pottery's order, so both libraries agree to the bit: m = ceil((−n·ln p) / (ln 2)²), then
 * k = ceil((m / n)·ln 2).
 *
 * @param bits m, the number of bits
 * @param hashes k, the number of hash functions (bits per element)
 */
record BloomSizing(long bits, int hashes) {
  private static final double LN2 = Math.log(2);

  /**
   * Sizes a filter.
   *
   * @throws IllegalArgumentException if n is not positive, p not strictly between 0 and 1, or the filter would
   *     exceed Redis's 2^32-bit string limit
   */
  static BloomSizing of(long numElements, double falsePositives) {
    if (numElements <= 0) {
      throw new IllegalArgumentException("numElements must be positive, was " + numElements);
    }
    if (!(falsePositives > 0 && falsePositives < 1)) {
      throw new IllegalArgumentException("falsePositives must be strictly between 0 and 1, was " + falsePositives);
    }
    double n = numElements;
    double m = Math.ceil(-(n * Math.log(falsePositives)) / (LN2 * LN2));
    double k = Math.ceil(m / n * LN2);
    if (m > 4_294_967_296.0) {
      throw new IllegalArgumentException("a Bloom filter for " + numElements + " elements at " + falsePositives
          + " false positives needs " + (long) m + " bits, more than a Redis string holds (2^32 bits, 512 MB); "
          + "use a higher falsePositives or several filters");
    }
    return new BloomSizing((long) m, (int) k);
  }
}
