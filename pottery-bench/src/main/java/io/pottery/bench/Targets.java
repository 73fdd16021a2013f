package io.pottery.bench;

import io.pottery.bench.contenders.Contender;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The performance targets of issue 7, checked against one run's {@link Summary}. All but one are ratios (the
 * machine is shared and noisy); a target whose measurements are missing is reported as not measured.
 */
public final class Targets {
  private Targets() {}

  /**
   * One target's outcome.
   *
   * @param target what is required, e.g. {@code NextId, 5 masters, 1 thread: >= 5,000 ids/s}
   * @param met whether the run meets it
   * @param measured what the run gave, e.g. {@code 7,210 ids/s}
   */
  public record Outcome(String target, boolean met, String measured) {
    /** {@code | target | measured | met |} */
    String markdown() {
      return "| " + target + " | " + measured + " | " + (met ? "met" : "**missed**") + " |";
    }
  }

  /** Every target, in the order, from the JMH summary alone. */
  public static List<Outcome> check(Summary summary) {
    return check(summary, java.util.Map.of());
  }

  /**
   * Every target, in the order. A pottery/raw target whose pair was also measured interleaved (the gate's
   * way: both sides alternating in one JVM, see {@code Interleaved}) is judged on that ratio, which a shared
   * machine's load cannot tilt toward one side; JMH measures the two sides one after the other.
   *
   * @param interleaved gate pair name (e.g. {@code map get (jedis)}) to its pottery/raw ratio
   */
  public static List<Outcome> check(Summary summary, java.util.Map<String, Double> interleaved) {
    List<Outcome> out = new ArrayList<>();
    Summary.Row ids1 = summary.row(Measurement.quorumRow("nextid", 5, 1));
    if (ids1 != null) {
      OptionalDouble best = ids1.bestPottery();
      out.add(new Outcome("NextId, 5 masters, 1 thread: >= 5,000 ids/s", best.orElse(0) >= 5_000,
          Summary.ops(best) + " ids/s"));
    }
    Summary.Row ids4 = summary.row(Measurement.quorumRow("nextid", 5, 4));
    if (ids4 != null) {
      OptionalDouble ratio = ids4.bestPotteryOver(Contender.TWO_ROUND);
      out.add(new Outcome("NextId, 5 masters, 4 threads: >= 3x the two-round algorithm", ratio.orElse(0) >= 3,
          Summary.ratio(ratio) + "x"));
    }
    for (int threads : new int[] {1, 4}) {
      Summary.Row lock = summary.row(Measurement.quorumRow("redlock", 5, threads));
      if (lock == null) {
        continue;
      }
      OptionalDouble overRedisson = lock.bestPotteryOver(Contender.REDISSON);
      out.add(new Outcome("Redlock, 5 masters, " + threads + " thread" + (threads == 1 ? "" : "s")
          + ": >= 2x RedissonRedLock", overRedisson.orElse(0) >= 2, Summary.ratio(overRedisson) + "x"));
      for (Contender pottery : new Contender[] {Contender.POTTERY_JEDIS, Contender.POTTERY_LETTUCE}) {
        out.add(costWithin(lock, pottery, 1.3, threads == 1 ? interleaved.get("redlock 5 masters (" + driver(pottery) + ")") : null));
      }
    }
    for (String job : new String[] {"map get", "map put", "bloom containsMany(100)"}) {
      Summary.Row row = summary.row(job);
      if (row == null) {
        continue;
      }
      for (Contender pottery : new Contender[] {Contender.POTTERY_JEDIS, Contender.POTTERY_LETTUCE}) {
        out.add(costWithin(row, pottery, 1.2, interleaved.get(job + " (" + driver(pottery) + ")")));
      }
      OptionalDouble overRedisson = row.bestPotteryOver(Contender.REDISSON);
      out.add(new Outcome(job + ": >= 1.0x Redisson", overRedisson.orElse(0) >= 1.0, Summary.ratio(overRedisson) + "x"));
    }
    return out;
  }

  /** Pottery's cost per op at most {@code factor} times the raw driver's: pottery/raw throughput >= 1/factor. */
  private static Outcome costWithin(Summary.Row row, Contender pottery, double factor, Double interleaved) {
    OptionalDouble ratio = interleaved != null ? OptionalDouble.of(interleaved) : row.potteryOverRaw(pottery);
    return new Outcome(String.format(Locale.ROOT, "%s (%s): cost <= %.1fx raw (pottery/raw >= %.2f)", row.name(),
        driver(pottery), factor, 1 / factor), ratio.orElse(0) >= 1 / factor - 1e-9,
        Summary.ratio(ratio) + (interleaved != null ? " (interleaved)" : " (JMH)"));
  }

  private static String driver(Contender pottery) {
    return pottery == Contender.POTTERY_JEDIS ? "jedis" : "lettuce";
  }

  /** The outcomes as a Markdown table. */
  public static String markdown(List<Outcome> outcomes) {
    StringBuilder out = new StringBuilder("| target | measured | |\n|---|--:|---|\n");
    for (Outcome outcome : outcomes) {
      out.append(outcome.markdown()).append('\n');
    }
    return out.toString();
  }
}
