package io.pottery.bench;

import io.pottery.bench.contenders.BenchClient;
import io.pottery.bench.contenders.Clients;
import io.pottery.bench.contenders.Contender;
import io.pottery.bench.contenders.Job;
import io.pottery.bench.contenders.Op;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The regression gate: for each pair below, Pottery's throughput over the raw driver's doing the same commands,
 * measured {@link Interleaved interleaved} in this JVM against the bench's own servers, compared with the committed
 * {@link Baseline}. A pair below its limit is measured once more, and fails only if it is below again. Absolute
 * numbers are never compared.
 *
 * <p>Modes: {@code --short} (CI: about 2 minutes for the 20 pairs), {@code --full} (longer slices; rewrites the baseline instead of
 * comparing), {@code --self-test} (the short gate with every Pottery operation run three times per count: the gate
 * must then fail, catching at least half of the pairs, which proves it can fail). {@code --only REGEX} limits any
 * mode to the pairs whose name matches; with {@code --full} it rewrites only their entries and keeps the others.
 */
final class Gate {
  /** What a pair measures. */
  enum Kind { LOCK, NEXTID, JOB }

  /** One gated ratio: Pottery on one driver against the raw driver on the same client. */
  record Pair(String name, Kind kind, int masters, Contender pottery, Job job) {
    Op op(BenchClient client, String key) {
      switch (kind) {
        case LOCK: return client.lockUnlock(key);
        case NEXTID: return client.nextId(key);
        default: return client.job(job, key);
      }
    }
  }

  static final List<Pair> PAIRS = List.of(
      new Pair("redlock 5 masters (lettuce)", Kind.LOCK, 5, Contender.POTTERY_LETTUCE, null),
      new Pair("redlock 5 masters (jedis)", Kind.LOCK, 5, Contender.POTTERY_JEDIS, null),
      new Pair("redlock 1 master (lettuce)", Kind.LOCK, 1, Contender.POTTERY_LETTUCE, null),
      new Pair("redlock 1 master (jedis)", Kind.LOCK, 1, Contender.POTTERY_JEDIS, null),
      new Pair("nextid 1 master (lettuce)", Kind.NEXTID, 1, Contender.POTTERY_LETTUCE, null),
      new Pair("nextid 1 master (jedis)", Kind.NEXTID, 1, Contender.POTTERY_JEDIS, null),
      new Pair("nextid 5 masters (lettuce)", Kind.NEXTID, 5, Contender.POTTERY_LETTUCE, null),
      new Pair("nextid 5 masters (jedis)", Kind.NEXTID, 5, Contender.POTTERY_JEDIS, null),
      new Pair("map get (lettuce)", Kind.JOB, 1, Contender.POTTERY_LETTUCE, Job.MAP_GET),
      new Pair("map get (jedis)", Kind.JOB, 1, Contender.POTTERY_JEDIS, Job.MAP_GET),
      new Pair("map put (lettuce)", Kind.JOB, 1, Contender.POTTERY_LETTUCE, Job.MAP_PUT),
      new Pair("map put (jedis)", Kind.JOB, 1, Contender.POTTERY_JEDIS, Job.MAP_PUT),
      new Pair("set containsMany(100) (lettuce)", Kind.JOB, 1, Contender.POTTERY_LETTUCE, Job.SET_CONTAINS_MANY),
      new Pair("set containsMany(100) (jedis)", Kind.JOB, 1, Contender.POTTERY_JEDIS, Job.SET_CONTAINS_MANY),
      new Pair("bloom add (lettuce)", Kind.JOB, 1, Contender.POTTERY_LETTUCE, Job.BLOOM_ADD),
      new Pair("bloom add (jedis)", Kind.JOB, 1, Contender.POTTERY_JEDIS, Job.BLOOM_ADD),
      new Pair("bloom containsMany(100) (lettuce)", Kind.JOB, 1, Contender.POTTERY_LETTUCE, Job.BLOOM_CONTAINS_MANY),
      new Pair("bloom containsMany(100) (jedis)", Kind.JOB, 1, Contender.POTTERY_JEDIS, Job.BLOOM_CONTAINS_MANY),
      new Pair("memoized hit (lettuce)", Kind.JOB, 1, Contender.POTTERY_LETTUCE, Job.MEMO_HIT),
      new Pair("memoized hit (jedis)", Kind.JOB, 1, Contender.POTTERY_JEDIS, Job.MEMO_HIT));

  /** How many times the self-test runs each Pottery operation per counted operation. */
  static final int SELF_TEST_SLOWDOWN = 3;

  private Gate() {}

  /**
   * Runs the gate; returns the process exit code: 0 passed (or baseline written, or self-test saw the gate
   * fail on at least half of the pairs), 1 a ratio worsened beyond tolerance (or the self-test's gate caught too
   * few).
   *
   * @param only the pairs to measure (names matching), or {@code null} for all; a full run then rewrites only
   *     their ratios in {@code baselineFile}, which must exist
   */
  static int run(boolean full, boolean selfTest, Path baselineFile, java.util.regex.Pattern only) {
    Baseline baseline = full ? null : Baseline.read(baselineFile);
    // Read before measuring, so a partial rewrite fails at once on a missing or broken baseline, not minutes later.
    Baseline kept = full && only != null ? Baseline.read(baselineFile) : null;
    List<Pair> pairs = selected(only);
    if (pairs.isEmpty()) {
      System.out.println("gate: no pair matches " + only);
      return 2;
    }
    int slowdown = selfTest ? SELF_TEST_SLOWDOWN : 1;
    Interleaved.Plan plan = full ? Interleaved.FULL : Interleaved.SHORT;
    Map<String, Double> measured = new LinkedHashMap<>();
    List<GateCheck> checks = new ArrayList<>();
    long start = System.nanoTime();
    try (BenchServers servers = BenchServers.start()) {
      servers.setProperties();
      System.out.println("gate: " + (full ? "full, rewriting " + baselineFile : "short" + (selfTest
          ? ", self-test (Pottery slowed " + SELF_TEST_SLOWDOWN + "x on purpose)" : ""))
          + (only == null ? "" : ", pairs matching /" + only + "/") + " on " + servers.describe());
      for (Pair pair : pairs) {
        double ratio = measure(pair, plan, slowdown);
        if (baseline != null) {
          GateCheck check = new GateCheck(pair.name(), baseline.ratio(pair.name()), ratio, baseline.tolerance());
          if (!check.passes()) {
            System.out.println("  " + check.describe() + "; measuring once more");
            check = new GateCheck(pair.name(), check.baseline(), Math.max(ratio, measure(pair, plan, slowdown)),
                check.tolerance());
          }
          checks.add(check);
          System.out.println("  " + check.describe());
        }
        measured.put(pair.name(), ratio);
      }
    }
    System.out.printf(Locale.ROOT, "gate: %d pairs in %d s%n", pairs.size(), (System.nanoTime() - start) / 1_000_000_000L);
    if (full) {
      String measuredOn = Machine.describe() + ", " + LocalDate.now();
      (kept == null ? new Baseline(Baseline.DEFAULT_TOLERANCE, measuredOn, measured) : merged(kept, measured, only, measuredOn))
          .write(baselineFile);
      System.out.println("gate: wrote " + baselineFile);
      return 0;
    }
    long failed = checks.stream().filter(check -> !check.passes()).count();
    if (selfTest) {
      // A loaded machine can compress one pair's ratio by chance; the gate must still fail, and catch most pairs.
      if (failed * 2 >= checks.size()) {
        System.out.println("gate self-test: passed: the gate failed, catching " + failed + " of " + checks.size()
            + " pairs slowed " + SELF_TEST_SLOWDOWN + "x");
        return 0;
      }
      System.out.println("gate self-test: FAILED: only " + failed + " of " + checks.size() + " slowed pairs were caught");
      return 1;
    }
    if (failed > 0) {
      System.out.println("gate: FAILED: " + failed + " pottery/raw ratio(s) dropped more than "
          + Math.round(baseline.tolerance() * 100) + "% below " + baselineFile + " (measured twice). If the slowdown is "
          + "intended, run pottery-bench/gate --full and commit the new baseline.");
      return 1;
    }
    System.out.println("gate: passed (tolerance " + Math.round(baseline.tolerance() * 100) + "%)");
    return 0;
  }

  /** The pairs whose name matches {@code only} (all if {@code null}), in gate order. */
  static List<Pair> selected(java.util.regex.Pattern only) {
    return PAIRS.stream().filter(pair -> only == null || only.matcher(pair.name()).find()).toList();
  }

  /**
   * {@code kept} with the ratios of {@code measured} put in, in gate order; ratios of pairs the gate no longer has
   * are dropped. {@code measuredOn} says which pairs were measured when, since the others keep their old date.
   */
  static Baseline merged(Baseline kept, Map<String, Double> measured, java.util.regex.Pattern only, String measuredOn) {
    Map<String, Double> ratios = new LinkedHashMap<>();
    for (Pair pair : PAIRS) {
      Double ratio = measured.containsKey(pair.name()) ? measured.get(pair.name()) : kept.ratios().get(pair.name());
      if (ratio != null) {
        ratios.put(pair.name(), ratio);
      }
    }
    return new Baseline(kept.tolerance(), kept.measuredOn() + "; pairs matching /" + only + "/: " + measuredOn, ratios);
  }

  /**
   * Measures every pair once (no baseline involved): pair name to its interleaved result, in gate order. Needs the
   * {@link BenchMasters} properties set.
   */
  static Map<String, Interleaved.Result> measureAll(Interleaved.Plan plan) {
    Map<String, Interleaved.Result> results = new LinkedHashMap<>();
    for (Pair pair : PAIRS) {
      results.put(pair.name(), measureResult(pair, plan, 1));
    }
    return results;
  }

  /** The interleaved pottery/raw results as a Markdown table. */
  static String markdown(Map<String, Interleaved.Result> results) {
    StringBuilder out = new StringBuilder("| pair (1 thread) | pottery ops/s | raw ops/s | pottery/raw |\n|---|--:|--:|--:|\n");
    results.forEach((name, result) -> out.append("| ").append(name)
        .append(" | ").append(Summary.ops(java.util.OptionalDouble.of(result.aOpsPerSecond())))
        .append(" | ").append(Summary.ops(java.util.OptionalDouble.of(result.bOpsPerSecond())))
        .append(" | ").append(String.format(Locale.ROOT, "%.2f", result.ratio())).append(" |\n"));
    return out.toString();
  }

  private static double measure(Pair pair, Interleaved.Plan plan, int slowdown) {
    return measureResult(pair, plan, slowdown).ratio();
  }

  private static Interleaved.Result measureResult(Pair pair, Interleaved.Plan plan, int slowdown) {
    List<String> masters = BenchMasters.uris(pair.masters());
    String key = "gate:" + UUID.randomUUID();
    try (BenchClient pottery = Clients.open(pair.pottery(), masters);
        BenchClient raw = Clients.open(pair.pottery().rawCounterpart(), masters)) {
      Op potteryOp = pair.op(pottery, key + ":pottery");
      Op rawOp = pair.op(raw, key + ":raw");
      Op timed = slowdown == 1 ? potteryOp : () -> {
        Object last = null;
        for (int i = 0; i < slowdown; i++) {
          last = potteryOp.run();
        }
        return last;
      };
      Interleaved.Result result = Interleaved.measure(timed, rawOp, plan);
      System.out.printf(Locale.ROOT, "  %-36s pottery %,9.0f ops/s  raw %,9.0f ops/s  ratio %.3f%n", pair.name(),
          result.aOpsPerSecond(), result.bOpsPerSecond(), result.ratio());
      return result;
    }
  }

  /**
   * What the Micrometer listener costs, pair by pair, in one run: the gate's pottery/raw ratio with no listener
   * (Pottery without listener against the raw driver, interleaved), then Pottery with {@code PotteryMetrics} on a
   * {@code SimpleMeterRegistry} against Pottery without, interleaved the same way; pottery/raw with the listener is
   * their product. Compares nothing with the baseline; prints a Markdown table. Needs the {@link BenchMasters}
   * properties set (done here).
   *
   * @param only the pairs to measure (names matching), or {@code null} for all
   */
  static int listenerCost(Interleaved.Plan plan, java.util.regex.Pattern only) {
    StringBuilder table = new StringBuilder("| pair (1 thread) | pottery/raw, no listener | with Micrometer / without |"
        + " pottery/raw, Micrometer on |\n|---|--:|--:|--:|\n");
    long start = System.nanoTime();
    try (BenchServers servers = BenchServers.start()) {
      servers.setProperties();
      System.out.println("gate --listener-cost on " + servers.describe() + "; " + Machine.describe());
      for (Pair pair : selected(only)) {
        double off = measure(pair, plan, 1);
        double onOverOff = measureListener(pair, plan);
        table.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", pair.name(), off, onOverOff, off * onOverOff));
      }
    }
    System.out.printf(Locale.ROOT, "gate --listener-cost: %d s%n%n%s", (System.nanoTime() - start) / 1_000_000_000L, table);
    return 0;
  }

  private static double measureListener(Pair pair, Interleaved.Plan plan) {
    List<String> masters = BenchMasters.uris(pair.masters());
    String key = "gate:" + UUID.randomUUID();
    io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    try (BenchClient on = Clients.openWithListener(pair.pottery(), masters, io.pottery.micrometer.PotteryMetrics.of(registry));
        BenchClient off = Clients.open(pair.pottery(), masters)) {
      Interleaved.Result result = Interleaved.measure(pair.op(on, key + ":on"), pair.op(off, key + ":off"), plan);
      System.out.printf(Locale.ROOT, "  %-36s micrometer %,9.0f ops/s  none %,9.0f ops/s  ratio %.3f (%d meters)%n",
          pair.name(), result.aOpsPerSecond(), result.bOpsPerSecond(), result.ratio(), registry.getMeters().size());
      return result.ratio();
    }
  }
}
