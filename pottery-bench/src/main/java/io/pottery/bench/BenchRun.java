package io.pottery.bench;

import io.pottery.bench.contenders.Contender;
import io.pottery.bench.contenders.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole bench: starts 1 + 5 Redis servers, runs every JMH benchmark against them (one fork per contender and
 * row), then writes the JMH JSON of each part, {@code summary.md} (absolute ops/s, ratios, targets) and one PNG
 * chart per family into the output directory. Stops the servers at the end, even on failure.
 */
final class BenchRun {
  /** One JMH invocation: a benchmark class with some of its parameters pinned. */
  record Part(String name, String family, Class<?> benchmark, Map<String, String[]> params) {}

  static final List<Part> PARTS = List.of(
      new Part("redlock", "redlock", RedlockBenchmark.class, Map.of()),
      new Part("nextid-1", "nextid", NextIdBenchmark.class, Map.of("masters", new String[] {"1"})),
      // Redisson has no id generator over several masters.
      new Part("nextid-5", "nextid", NextIdBenchmark.class, Map.of("masters", new String[] {"5"},
          "contender", new String[] {"POTTERY_JEDIS", "POTTERY_LETTUCE", "RAW_JEDIS", "RAW_LETTUCE", "TWO_ROUND"})),
      new Part("collections", "collections", CollectionsBenchmark.class, Map.of()));

  private final boolean shortMode;
  private final Path out;
  private final Pattern only;

  BenchRun(boolean shortMode, Path out, Pattern only) {
    this.shortMode = shortMode;
    this.out = out;
    this.only = only;
  }

  Summary run() throws RunnerException {
    List<Measurement> measurements = new ArrayList<>();
    Map<String, Interleaved.Result> interleaved = Map.of();
    String redis;
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (BenchServers servers = BenchServers.start()) {
      redis = servers.describe();
      System.out.println("Servers: " + servers.one + " and " + servers.five);
      createDirectories(out);
      for (Part part : PARTS) {
        if (only != null && !only.matcher(part.name()).find()) {
          continue;
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
            .include("^" + Pattern.quote(part.benchmark().getName()) + "\\.")
            .forks(1)
            .warmupIterations(shortMode ? 1 : 2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(shortMode ? 3 : 6)
            .measurementTime(TimeValue.seconds(1))
            .timeout(TimeValue.seconds(120))
            .shouldFailOnError(true)
            .jvmArgsAppend(servers.jvmArgs("-Xms256m", "-Xmx512m", "-Djava.awt.headless=true"))
            .resultFormat(ResultFormatType.JSON)
            .result(out.resolve("jmh-" + part.name() + ".json").toString());
        for (Map.Entry<String, String[]> param : part.params().entrySet()) {
          options.param(param.getKey(), param.getValue());
        }
        for (RunResult result : new Runner(options.build()).run()) {
          measurements.add(measurement(part.family(), result));
        }
      }
      if (only == null) {
        // The pottery/raw ratios again, the gate's way (both sides alternating in this JVM), which the machine's
        // load cannot tilt toward one side as it can between JMH forks run one after the other.
        System.out.println("Interleaved pottery/raw ratios (the gate's pairs):");
        servers.setProperties();
        interleaved = Gate.measureAll(shortMode ? Interleaved.SHORT : Interleaved.FULL);
      }
    }
    Map<String, Double> ratios = new java.util.LinkedHashMap<>();
    interleaved.forEach((name, result) -> ratios.put(name, result.ratio()));
    // JMH runs fourThreads before oneThread (by name) and 1 before 5 masters; rows read best by masters, then
    // threads, which sorting the quorum rows by name gives. Collections keep the order of Job.
    sortForReading(measurements);
    Summary summary = Summary.of(measurements);
    String machine = Machine.describe() + ", " + redis;
    write(out.resolve("summary.md"), report(summary, ratios, interleaved.isEmpty() ? "" : Gate.markdown(interleaved), machine, started));
    List<Path> charts = Charts.render(summary, out, Machine.shortName() + ", " + started.toString().substring(0, 10));
    System.out.println(summary.markdownTable());
    System.out.println(Targets.markdown(Targets.check(summary, ratios)));
    System.out.println("Wrote " + out.resolve("summary.md") + ", " + charts + " and the JMH JSON in " + out);
    return summary;
  }

  /**
   * Renders the charts again from the {@code jmh-*.json} files a run left in {@code directory} (each line's best
   * iteration, as the run reported it), for when only the charts' look changed.
   */
  static List<Path> rerenderCharts(Path directory) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Measurement> measurements = new ArrayList<>();
    for (Part part : PARTS) {
      Path file = directory.resolve("jmh-" + part.name() + ".json");
      if (!Files.exists(file)) {
        continue;
      }
      for (com.fasterxml.jackson.databind.JsonNode line : json.readTree(file.toFile())) {
        com.fasterxml.jackson.databind.JsonNode params = line.path("params");
        Contender contender = Contender.valueOf(params.path("contender").asText());
        String row = part.family().equals("collections")
            ? Job.valueOf(params.path("job").asText()).label()
            : Measurement.quorumRow(part.family(), params.path("masters").asInt(), line.path("threads").asInt());
        double best = 0;
        for (com.fasterxml.jackson.databind.JsonNode fork : line.path("primaryMetric").path("rawData")) {
          for (com.fasterxml.jackson.databind.JsonNode iteration : fork) {
            best = Math.max(best, iteration.asDouble());
          }
        }
        measurements.add(new Measurement(part.family(), row, contender, best));
      }
    }
    sortForReading(measurements);
    return Charts.render(Summary.of(measurements), directory, Machine.shortName() + ", "
        + Files.getLastModifiedTime(directory.resolve("summary.md")).toString().substring(0, 10));
  }

  private static void sortForReading(List<Measurement> measurements) {
    List<String> families = List.of("redlock", "nextid", "collections");
    measurements.sort(java.util.Comparator.comparing((Measurement m) -> families.indexOf(m.family()))
        .thenComparing(m -> m.family().equals("collections") ? "" : m.row()));
  }

  static Measurement measurement(String family, RunResult result) {
    var params = result.getParams();
    Contender contender = Contender.valueOf(params.getParam("contender"));
    String row = family.equals("collections")
        ? Job.valueOf(params.getParam("job")).label()
        : Measurement.quorumRow(family, Integer.parseInt(params.getParam("masters")), params.getThreads());
    return new Measurement(family, row, contender, bestIteration(result));
  }

  /**
   * The best one-second iteration's ops/s. The machine is shared: a neighbour's burst lowers some iterations of
   * one contender and not of the next (JMH runs them one after the other), so the mean mixes in the neighbour's
   * load; the best iteration is the closest to what the contender does on a quiet machine. JMH's mean and error
   * stay in the JSON.
   */
  static double bestIteration(RunResult result) {
    return result.getBenchmarkResults().stream()
        .flatMap(benchmark -> benchmark.getIterationResults().stream())
        .mapToDouble(iteration -> iteration.getPrimaryResult().getScore())
        .max()
        .orElse(result.getPrimaryResult().getScore());
  }

  private String report(Summary summary, Map<String, Double> ratios, String interleavedTable, String machine, Instant started) {
    return "# pottery-bench results\n\n"
        + "Run " + started + (shortMode ? " (short mode: 1 x 1 s warm-up, 3 x 1 s measured per line)"
            : " (2 x 1 s warm-up, 6 x 1 s measured per line, one fork each)") + " on " + machine + ".\n\n"
        + "Command: `" + BenchMain.COMMAND + (shortMode ? " --short" : "") + "`\n\n"
        + "Throughput in operations per second (higher is better): the best measured iteration of each line, since "
        + "the machine is shared (JMH's means and errors are in the jmh-*.json files). Ratios are Pottery's throughput over the other "
        + "contender's in this same run: pottery/raw 1.00 means no overhead over the raw driver sending the same "
        + "commands; pottery/redisson compares the faster Pottery driver with Redisson.\n\n"
        + summary.markdownTable()
        + (interleavedTable.isEmpty() ? "" : "\n## Pottery over the raw driver, interleaved\n\n"
            + "JMH runs each contender in its own fork, one after the other, so on a shared machine a neighbour's load "
            + "can tilt a ratio. Here each pair ran again the gate's way: Pottery and the raw driver alternating in "
            + "slices on one thread of one JVM, the median of 16 rounds (ops/s are the medians of each side).\n\n"
            + interleavedTable)
        + "\n## Targets (issue 7)\n\n" + Targets.markdown(Targets.check(summary, ratios));
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
