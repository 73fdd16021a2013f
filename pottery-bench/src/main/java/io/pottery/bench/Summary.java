package io.pottery.bench;

import io.pottery.bench.contenders.Contender;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The measurements of one run, by row, with the ratios the project tracks: Pottery over the raw driver on the
 * same client (1.0 = no overhead; 0.8 = Pottery runs at 80% of the floor), Pottery over Redisson, and for NextId
 * Pottery over the two-round algorithm. Ratios come only from measurements of the same run.
 */
public final class Summary {
  private final Map<String, Row> rows = new LinkedHashMap<>();

  /** One benchmark row: each contender's ops/s. */
  public static final class Row {
    private final String family;
    private final String name;
    private final Map<Contender, Double> ops = new EnumMap<>(Contender.class);

    Row(String family, String name) {
      this.family = family;
      this.name = name;
    }

    public String family() {
      return family;
    }

    public String name() {
      return name;
    }

    /** The contender's ops/s in this row, if measured. */
    public OptionalDouble ops(Contender contender) {
      Double value = ops.get(contender);
      return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Pottery on {@code pottery}'s driver over the raw driver on the same client; empty if either is missing. */
    public OptionalDouble potteryOverRaw(Contender pottery) {
      return ratio(pottery, pottery.rawCounterpart());
    }

    /** The faster Pottery driver's ops/s, if any was measured. */
    public OptionalDouble bestPottery() {
      OptionalDouble jedis = ops(Contender.POTTERY_JEDIS);
      OptionalDouble lettuce = ops(Contender.POTTERY_LETTUCE);
      if (jedis.isEmpty()) {
        return lettuce;
      }
      return lettuce.isEmpty() ? jedis : OptionalDouble.of(Math.max(jedis.getAsDouble(), lettuce.getAsDouble()));
    }

    /** The faster Pottery driver over {@code other}; empty if either is missing. */
    public OptionalDouble bestPotteryOver(Contender other) {
      OptionalDouble best = bestPottery();
      OptionalDouble them = ops(other);
      return best.isEmpty() || them.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(best.getAsDouble() / them.getAsDouble());
    }

    /** {@code a}'s ops/s over {@code b}'s; empty if either is missing. */
    public OptionalDouble ratio(Contender a, Contender b) {
      OptionalDouble x = ops(a);
      OptionalDouble y = ops(b);
      return x.isEmpty() || y.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(x.getAsDouble() / y.getAsDouble());
    }
  }

  /** A summary of {@code measurements}, rows in first-seen order. */
  public static Summary of(List<Measurement> measurements) {
    Summary summary = new Summary();
    for (Measurement m : measurements) {
      Row row = summary.rows.computeIfAbsent(m.row(), name -> new Row(m.family(), name));
      if (!row.family.equals(m.family())) {
        throw new IllegalArgumentException("row " + m.row() + " is in two families: " + row.family + " and " + m.family());
      }
      row.ops.put(m.contender(), m.opsPerSecond());
    }
    return summary;
  }

  /** The rows, in order. */
  public List<Row> rows() {
    return new ArrayList<>(rows.values());
  }

  /** The row named {@code name}, or null. */
  public Row row(String name) {
    return rows.get(name);
  }

  /** The rows of one family, in order. */
  public List<Row> family(String family) {
    return rows.values().stream().filter(row -> row.family.equals(family)).toList();
  }

  /** The families, in first-seen order. */
  public List<String> families() {
    return rows.values().stream().map(Row::family).distinct().toList();
  }

  /**
   * The Markdown table: absolute ops/s of each contender, then the ratios. A dash where a contender has no such
   * job or was not measured.
   */
  public String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| benchmark | pottery jedis | pottery lettuce | raw jedis | raw lettuce | redisson | other | "
        + "jedis: pottery/raw | lettuce: pottery/raw | pottery/redisson |\n");
    out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Row row : rows.values()) {
      String other = "–";
      if (row.ops(Contender.TWO_ROUND).isPresent()) {
        other = "two-round " + ops(row.ops(Contender.TWO_ROUND));
      }
      if (row.ops(Contender.REDISSON_ID_GENERATOR).isPresent()) {
        other = "RIdGenerator " + ops(row.ops(Contender.REDISSON_ID_GENERATOR));
      }
      out.append("| ").append(row.name)
          .append(" | ").append(ops(row.ops(Contender.POTTERY_JEDIS)))
          .append(" | ").append(ops(row.ops(Contender.POTTERY_LETTUCE)))
          .append(" | ").append(ops(row.ops(Contender.RAW_JEDIS)))
          .append(" | ").append(ops(row.ops(Contender.RAW_LETTUCE)))
          .append(" | ").append(ops(row.ops(Contender.REDISSON)))
          .append(" | ").append(other)
          .append(" | ").append(ratio(row.potteryOverRaw(Contender.POTTERY_JEDIS)))
          .append(" | ").append(ratio(row.potteryOverRaw(Contender.POTTERY_LETTUCE)))
          .append(" | ").append(ratio(row.bestPotteryOver(Contender.REDISSON)))
          .append(" |\n");
    }
    return out.toString();
  }

  /** Ops/s rounded to three significant digits, with thousands separators: {@code 12,300}. */
  static String ops(OptionalDouble value) {
    if (value.isEmpty()) {
      return "–";
    }
    double v = value.getAsDouble();
    double magnitude = Math.pow(10, Math.max(0, Math.floor(Math.log10(v)) - 2));
    return String.format(Locale.ROOT, "%,d", Math.round(Math.round(v / magnitude) * magnitude));
  }

  /** A ratio with two decimals: {@code 0.93}. */
  static String ratio(OptionalDouble value) {
    return value.isEmpty() ? "–" : String.format(Locale.ROOT, "%.2f", value.getAsDouble());
  }
}
