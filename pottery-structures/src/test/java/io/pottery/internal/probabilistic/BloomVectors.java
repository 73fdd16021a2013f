package io.pottery.internal.probabilistic;

import io.pottery.TypeRef;
import io.pottery.internal.testing.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The golden Bloom filter vectors of {@code shared/interop/bloom-vectors.jsonl} (Python pottery's sizes, hashes and
 * offsets), from the identical copy in the test resources, {@code interop/bloom-vectors.jsonl}.
 */
final class BloomVectors {
  private static final TypeRef<Map<String, Object>> LINE = new TypeRef<>() {};

  private BloomVectors() {}

  /** A {@code kind: sizing} line. */
  record Sizing(long numElements, double falsePositives, long sizeBits, int numHashes) {}

  /** A {@code kind: offsets} line. */
  record Offsets(String encoded, long numElements, double falsePositives, List<Integer> hashes, List<Long> offsets) {}

  static List<Sizing> sizings() {
    List<Sizing> sizings = new ArrayList<>();
    for (Map<String, Object> line : lines()) {
      if ("sizing".equals(line.get("kind"))) {
        sizings.add(new Sizing(number(line, "num_elements").longValue(), number(line, "false_positives").doubleValue(),
            number(line, "size_bits").longValue(), number(line, "num_hashes").intValue()));
      }
    }
    return sizings;
  }

  static List<Offsets> offsets() {
    List<Offsets> all = new ArrayList<>();
    for (Map<String, Object> line : lines()) {
      if ("offsets".equals(line.get("kind"))) {
        List<Integer> hashes = new ArrayList<>();
        for (Object hash : (List<?>) line.get("hashes")) {
          hashes.add(((Number) hash).intValue());
        }
        List<Long> offsets = new ArrayList<>();
        for (Object offset : (List<?>) line.get("offsets")) {
          offsets.add(((Number) offset).longValue());
        }
        all.add(new Offsets((String) line.get("encoded"), number(line, "num_elements").longValue(),
            number(line, "false_positives").doubleValue(), hashes, offsets));
      }
    }
    return all;
  }

  private static Number number(Map<String, Object> line, String name) {
    return (Number) line.get(name);
  }

  private static List<Map<String, Object>> lines() {
    try (InputStream in = BloomVectors.class.getResourceAsStream("/interop/bloom-vectors.jsonl")) {
      if (in == null) {
        throw new IllegalStateException("interop/bloom-vectors.jsonl is missing from the test resources");
      }
      List<Map<String, Object>> lines = new ArrayList<>();
      for (String text : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!text.isBlank()) {
          lines.add(Providers.codec("jackson").decode(text.getBytes(StandardCharsets.UTF_8), LINE));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
