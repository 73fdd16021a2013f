package io.pottery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gate's committed baseline, {@code pottery-bench/baseline.json}: the pottery/raw ratio of each gated pair,
 * the tolerance, and where and when it was measured. {@code pottery-bench/gate --full} rewrites it.
 *
 * @param tolerance the allowed relative drop of a ratio before the gate fails, e.g. 0.40
 * @param measuredOn the machine and date, for people
 * @param ratios pair name to pottery/raw ratio, in gate order
 */
public record Baseline(double tolerance, String measuredOn, Map<String, Double> ratios) {
  /** The tolerance a fresh baseline gets: noisy 2-core machines move interleaved ratios by up to ~20%. */
  public static final double DEFAULT_TOLERANCE = 0.40;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public Baseline {
    ratios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
  }

  /** The ratio of {@code pair}, or NaN if the baseline has none. */
  public double ratio(String pair) {
    Double ratio = ratios.get(pair);
    return ratio == null ? Double.NaN : ratio;
  }

  /**
   * Reads a baseline file.
   *
   * @throws UncheckedIOException if it cannot be read
   * @throws IllegalArgumentException if it is not a baseline (the message names the file and what is wrong)
   */
  public static Baseline read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the gate baseline " + file, e);
    }
    if (root == null || !root.path("tolerance").isNumber() || !root.path("ratios").isObject()) {
      throw new IllegalArgumentException(file + " is not a gate baseline: it needs a number \"tolerance\" and an "
          + "object \"ratios\"; rewrite it with pottery-bench/gate --full");
    }
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("ratios").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isNumber() || !(entry.getValue().doubleValue() > 0)) {
        throw new IllegalArgumentException(file + ": ratio \"" + entry.getKey() + "\" must be a number above 0, was "
            + entry.getValue());
      }
      ratios.put(entry.getKey(), entry.getValue().doubleValue());
    }
    return new Baseline(root.get("tolerance").doubleValue(), root.path("measuredOn").asText(""), ratios);
  }

  /** Writes this baseline as JSON, ratios rounded to three decimals. */
  public void write(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("tolerance", tolerance);
    root.put("measuredOn", measuredOn);
    root.put("meaning", "pottery/raw throughput ratio per pair, measured interleaved in one JVM by "
        + "pottery-bench/gate --full; the gate fails when a ratio drops below ratio * (1 - tolerance)");
    ObjectNode values = root.putObject("ratios");
    ratios.forEach((name, ratio) -> values.put(name, Math.round(ratio * 1000) / 1000.0));
    try {
      Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the gate baseline " + file, e);
    }
  }
}
