package io.pottery.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The masters a benchmark fork talks to: {@link BenchMain} starts them and passes their URIs to each JMH fork as
 * system properties {@code pottery.bench.masters1} and {@code pottery.bench.masters5} (comma-separated).
 */
public final class BenchMasters {
  private BenchMasters() {}

  /** The system property holding the URIs of the {@code count}-master group. */
  public static String property(int count) {
    return "pottery.bench.masters" + count;
  }

  /**
   * The URIs of the {@code count}-master group.
   *
   * @throws IllegalStateException if the property is missing: the benchmarks were started without BenchMain
   */
  public static List<String> uris(int count) {
    String value = System.getProperty(property(count));
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property(count) + " is not set: run the benchmarks through "
          + "java -jar pottery-bench/target/benchmarks.jar, which starts the servers and sets it");
    }
    List<String> uris = Arrays.asList(value.split(","));
    if (uris.size() != count) {
      throw new IllegalStateException(property(count) + " lists " + uris.size() + " URIs, expected " + count);
    }
    return uris;
  }
}
