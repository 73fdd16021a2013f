package io.pottery.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The entry point of {@code benchmarks.jar}. From the repository root:
 *
 * <pre>
 * java -jar pottery-bench/target/benchmarks.jar                 # the full bench: pottery-bench/results/
 * java -jar pottery-bench/target/benchmarks.jar --short         # a quick pass: pottery-bench/target/bench-short/
 * java -jar pottery-bench/target/benchmarks.jar --only nextid   # only the parts whose name matches
 * java -jar pottery-bench/target/benchmarks.jar gate --short    # the regression gate (pottery-bench/gate)
 * java -jar pottery-bench/target/benchmarks.jar gate --full     # rewrite pottery-bench/baseline.json
 * java -jar pottery-bench/target/benchmarks.jar gate --full --only 'nextid 1 master'   # rewrite only those ratios
 * java -jar pottery-bench/target/benchmarks.jar gate --self-test
 * java -jar pottery-bench/target/benchmarks.jar gate --listener-cost [--only REGEX]   # Micrometer listener on vs off
 * java -jar pottery-bench/target/benchmarks.jar async          # async vs blocking, 5 masters: results/async.md
 * java -jar pottery-bench/target/benchmarks.jar async --executor-threads 4   # Pottery on a fixed async pool: results/async-pool-4.md
 * java -jar pottery-bench/target/benchmarks.jar operator-chart   # docs/observability.png, a master frozen and resumed
 * java -jar pottery-bench/target/benchmarks.jar --charts-only   # redraw results/*.png from results/jmh-*.json
 * </pre>
 *
 * Every mode starts its own Redis servers (see {@link BenchServers}) and stops them at the end.
 */
public final class BenchMain {
  /** The README's command for the full bench, as reports quote it. */
  static final String COMMAND = "java -jar pottery-bench/target/benchmarks.jar";

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    Path root = Files.isDirectory(Path.of("pottery-bench")) ? Path.of("pottery-bench") : Path.of(".");
    if (!rest.isEmpty() && rest.get(0).equals("gate")) {
      rest.remove(0);
      boolean full = rest.remove("--full");
      boolean selfTest = rest.remove("--self-test");
      boolean listenerCost = rest.remove("--listener-cost");
      rest.remove("--short");
      Path baseline = root.resolve("baseline.json");
      int at = rest.indexOf("--baseline");
      if (at >= 0 && at + 1 < rest.size()) {
        baseline = Path.of(rest.get(at + 1));
        rest.subList(at, at + 2).clear();
      }
      Pattern pairs = null;
      at = rest.indexOf("--only");
      if (at >= 0 && at + 1 < rest.size()) {
        pairs = Pattern.compile(rest.get(at + 1));
        rest.subList(at, at + 2).clear();
      }
      if (!rest.isEmpty() || (full && selfTest) || (listenerCost && selfTest)) {
        return usage("gate: unexpected " + (rest.isEmpty() ? "combination of modes" : rest));
      }
      if (listenerCost) {
        return Gate.listenerCost(full ? Interleaved.FULL : Interleaved.SHORT, pairs);
      }
      return Gate.run(full, selfTest, baseline, pairs);
    }
    if (!rest.isEmpty() && rest.get(0).equals("async")) {
      rest.remove(0);
      boolean shortMode = rest.remove("--short");
      Path out = shortMode ? root.resolve("target/bench-short") : root.resolve("results");
      int at = rest.indexOf("--out");
      if (at >= 0 && at + 1 < rest.size()) {
        out = Path.of(rest.get(at + 1));
        rest.subList(at, at + 2).clear();
      }
      int executorThreads = 0;
      at = rest.indexOf("--executor-threads");
      if (at >= 0 && at + 1 < rest.size() && rest.get(at + 1).matches("[1-9][0-9]{0,3}")) {
        executorThreads = Integer.parseInt(rest.get(at + 1));
        rest.subList(at, at + 2).clear();
      }
      if (!rest.isEmpty()) {
        return usage("async: unexpected " + rest);
      }
      return AsyncVsBlocking.run(shortMode ? Interleaved.SHORT : Interleaved.FULL, out, executorThreads);
    }
    if (!rest.isEmpty() && rest.get(0).equals("operator-chart")) {
      Path out = rest.size() == 3 && rest.get(1).equals("--out") ? Path.of(rest.get(2)) : Path.of("docs/observability.png");
      System.out.println("Wrote " + OperatorChart.run(out));
      return 0;
    }
    if (rest.equals(List.of("--charts-only"))) {
      System.out.println("Wrote " + BenchRun.rerenderCharts(root.resolve("results")));
      return 0;
    }
    boolean shortMode = rest.remove("--short");
    Pattern only = null;
    int at = rest.indexOf("--only");
    if (at >= 0 && at + 1 < rest.size()) {
      only = Pattern.compile(rest.get(at + 1));
      rest.subList(at, at + 2).clear();
    }
    Path out = shortMode ? root.resolve("target/bench-short") : root.resolve("results");
    at = rest.indexOf("--out");
    if (at >= 0 && at + 1 < rest.size()) {
      out = Path.of(rest.get(at + 1));
      rest.subList(at, at + 2).clear();
    }
    if (!rest.isEmpty()) {
      return usage("unexpected " + rest);
    }
    new BenchRun(shortMode, out, only).run();
    return 0;
  }

  private static int usage(String problem) {
    System.err.println(problem + "\nusage: java -jar pottery-bench/target/benchmarks.jar [--short] [--only REGEX] [--out DIR]\n"
        + "       java -jar pottery-bench/target/benchmarks.jar gate [--short | --full | --self-test] [--only REGEX] [--baseline FILE]\n"
        + "       java -jar pottery-bench/target/benchmarks.jar gate --listener-cost [--full] [--only REGEX]\n"
        + "       java -jar pottery-bench/target/benchmarks.jar async [--short] [--executor-threads N] [--out DIR]\n"
        + "       java -jar pottery-bench/target/benchmarks.jar operator-chart [--out FILE]");
    return 2;
  }
}
