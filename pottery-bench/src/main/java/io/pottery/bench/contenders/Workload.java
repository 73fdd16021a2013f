package io.pottery.bench.contenders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The data every contender works on, so that they all do the same job: the same field and value sizes, the same
 * set and lookups, the same Bloom filter sizing. Raw contenders send the bytes Pottery's JSON codec writes
 * (a string is its JSON text, quotes included), encoded once ahead of time.
 */
final class Workload {
  /** Fields in the benchmark hash. */
  static final int MAP_FIELDS = 1_000;
  /** Members in the benchmark set; containsMany asks for 100, half of them members. */
  static final int SET_MEMBERS = 1_000;
  static final int LOOKUPS = 100;
  /** The Bloom filter's sizing: 10,000 elements at 1% false positives (95,851 bits, 7 hashes). */
  static final long BLOOM_ELEMENTS = 10_000;
  static final double BLOOM_FALSE_POSITIVES = 0.01;
  /** The lock's auto-release time, as Pottery's default. */
  static final long LOCK_MILLIS = 10_000;

  private Workload() {}

  static String field(int i) {
    return "field-" + i;
  }

  static String value(int i) {
    return "value-" + i + "-abcdefghijklmnopqrstuvwxyz";
  }

  static String member(int i) {
    return "member-" + i;
  }

  /** Half members, half not, interleaved. */
  static List<String> lookups() {
    List<String> out = new ArrayList<>(LOOKUPS);
    for (int i = 0; i < LOOKUPS; i++) {
      out.add(member(i % 2 == 0 ? i * 7 : SET_MEMBERS + i));
    }
    return out;
  }

  static String bloomElement(int i) {
    return "element-" + i;
  }

  /** The JSON text of a plain ASCII string, as Pottery's codecs (and Python's json.dumps) write it. */
  static byte[] json(String text) {
    return ('"' + text + '"').getBytes(StandardCharsets.UTF_8);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] ascii(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  /** The number of bits of the benchmark filter: m = ceil(-n ln p / ln(2)^2), as Pottery and Python pottery size it. */
  static long bloomBits() {
    double ln2 = Math.log(2);
    return (long) Math.ceil(-(BLOOM_ELEMENTS * Math.log(BLOOM_FALSE_POSITIVES)) / (ln2 * ln2));
  }

  /** The number of hashes: k = ceil(m / n ln 2). */
  static int bloomHashes() {
    return (int) Math.ceil((double) bloomBits() / BLOOM_ELEMENTS * Math.log(2));
  }

  /**
   * {@code GET u1 <offset>} (or {@code SET u1 <offset> 1}) for {@code elements} elements of k bits each, at spread
   * offsets in the filter: the BITFIELD arguments of the same size Pottery sends. (Which bits is irrelevant to
   * the cost; raw contenders skip hashing, which is Pottery's own work.)
   */
  static byte[][] bitfieldArgs(int elements, boolean set) {
    int k = bloomHashes();
    long m = bloomBits();
    List<byte[]> args = new ArrayList<>();
    long offset = 12_345;
    for (int i = 0; i < elements * k; i++) {
      offset = (offset * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L) & Long.MAX_VALUE;
      args.add(ascii(set ? "SET" : "GET"));
      args.add(ascii("u1"));
      args.add(ascii(offset % m));
      if (set) {
        args.add(ascii("1"));
      }
    }
    return args.toArray(new byte[0][]);
  }
}
