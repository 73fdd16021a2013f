package io.pottery.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.micrometer.PotteryMetrics;
import io.pottery.testkit.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The README's Observability picture: what an operator sees in Pottery's Micrometer meters while one of five
 * masters is frozen (SIGSTOP) and then resumed. Four threads take and release two locks (5 ms held) on the bench's
 * five servers, with {@link PotteryMetrics} on a {@link SimpleMeterRegistry}; every second the chart samples
 * {@code pottery.lock.wait} and {@code pottery.lock.held} percentiles (p50, p99 over that second) and the per-master
 * {@code pottery.quorum.answers}. Writes {@code docs/observability.png}.
 *
 * <pre>{@code java -jar pottery-bench/target/benchmarks.jar operator-chart [--out docs/observability.png]}</pre>
 */
final class OperatorChart {
  private static final int SECONDS = 24;
  private static final int FREEZE_AT = 8;
  private static final int RESUME_AT = 16;
  private static final int THREADS = 4;

  private OperatorChart() {}

  static Path run(Path out) throws InterruptedException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith("pottery.lock.")) {
          return config;
        }
        // Percentiles over the last second only, so that each sample shows that second.
        return DistributionStatisticConfig.builder().percentiles(0.5, 0.99).expiry(Duration.ofSeconds(1))
            .bufferLength(1).build().merge(config);
      }
    });
    List<double[]> lockRows = new ArrayList<>();
    List<double[]> answerRows = new ArrayList<>();
    try (BenchServers servers = BenchServers.start();
        Pottery pottery = Pottery.builder().masters(servers.five.uris()).commandTimeout(Duration.ofMillis(500))
            .listener(PotteryMetrics.of(registry)).build()) {
      RedisServer frozen = servers.five.get(4);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Redlock lock = pottery.redlock("operator-chart-" + (t % 2));
        Thread worker = new Thread(() -> {
          while (!stop.get()) {
            try (Redlock.Held held = lock.hold()) {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              return;
            } catch (RuntimeException e) {
              // counted by the meters (outcome); keep going, as an application would
            }
          }
        }, "operator-chart-" + t);
        worker.start();
        workers.add(worker);
      }
      double[] previous = new double[5 * 4];
      try {
        for (int second = 1; second <= SECONDS; second++) {
          if (second == FREEZE_AT + 1) {
            frozen.pause();
          } else if (second == RESUME_AT + 1) {
            frozen.resume();
          }
          Thread.sleep(1_000);
          lockRows.add(new double[] {second, p(registry, "pottery.lock.wait", 0.5), p(registry, "pottery.lock.wait", 0.99),
              p(registry, "pottery.lock.held", 0.5), p(registry, "pottery.lock.held", 0.99)});
          double[] now = answers(registry);
          double[] row = new double[now.length + 1];
          row[0] = second;
          for (int i = 0; i < now.length; i++) {
            row[i + 1] = now[i] - previous[i];
          }
          previous = now;
          answerRows.add(row);
          System.out.printf(Locale.ROOT, "  %2d s  wait p99 %6.1f ms  held p99 %6.1f ms  master 4 silent %4.0f/s%n", second,
              lockRows.get(lockRows.size() - 1)[2], lockRows.get(lockRows.size() - 1)[4], row[1 + 4 * 4 + 3]);
        }
      } finally {
        if (frozen.isRunning()) {
          frozen.resume();
        }
        stop.set(true);
        for (Thread worker : workers) {
          worker.join(5_000);
        }
      }
    }
    return render(lockRows, answerRows, out);
  }

  /** The given percentile of {@code name} over the last second, in milliseconds (0 when none was recorded). */
  private static double p(SimpleMeterRegistry registry, String name, double percentile) {
    double worst = 0;
    for (Timer timer : registry.find(name).timers()) {
      for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
        if (value.percentile() == percentile) {
          worst = Math.max(worst, value.value(TimeUnit.MILLISECONDS));
        }
      }
    }
    return worst;
  }

  private static final String[] ANSWERS = {"yes", "no", "error", "silent"};

  /** Cumulative {@code pottery.quorum.answers} per master (0–4) and answer, as [master * 4 + answer]. */
  private static double[] answers(SimpleMeterRegistry registry) {
    double[] counts = new double[5 * 4];
    for (Counter counter : registry.find("pottery.quorum.answers").counters()) {
      int master = Integer.parseInt(counter.getId().getTag("master"));
      int answer = List.of(ANSWERS).indexOf(counter.getId().getTag("answer"));
      counts[master * 4 + answer] += counter.count();
    }
    return counts;
  }

  private static Path render(List<double[]> lockRows, List<double[]> answerRows, Path out) {
    XYChart latency = new XYChartBuilder().width(1100).height(420)
        .title("Redlock on 5 masters, 4 threads: master 4 frozen from " + FREEZE_AT + " s to " + RESUME_AT + " s")
        .xAxisTitle("s").yAxisTitle("ms (p50 / p99 per second)").build();
    latency.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    String[] lockSeries = {"pottery.lock.wait p50", "pottery.lock.wait p99", "pottery.lock.held p50", "pottery.lock.held p99"};
    for (int s = 0; s < lockSeries.length; s++) {
      latency.addSeries(lockSeries[s], column(lockRows, 0), column(lockRows, s + 1));
    }
    XYChart quorum = new XYChartBuilder().width(1100).height(420)
        .title("pottery.quorum.answers per second, by master and answer")
        .xAxisTitle("s").yAxisTitle("answers / s").build();
    quorum.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    quorum.addSeries("masters 0-3 yes (sum)", column(answerRows, 0), sum(answerRows, 1, 1 + 4, 1 + 8, 1 + 12));
    quorum.addSeries("masters 0-3 silent (sum)", column(answerRows, 0), sum(answerRows, 1 + 3, 1 + 7, 1 + 11, 1 + 15));
    quorum.addSeries("master 4 yes", column(answerRows, 0), column(answerRows, 1 + 16));
    quorum.addSeries("master 4 silent", column(answerRows, 0), column(answerRows, 1 + 19));
    quorum.addSeries("no (all masters)", column(answerRows, 0), sum(answerRows, 2, 6, 10, 14, 18));
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      BitmapEncoder.saveBitmap(List.of(latency, quorum), 2, 1, out.toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + out, e);
    }
    return out;
  }

  private static double[] column(List<double[]> rows, int index) {
    return rows.stream().mapToDouble(row -> row[index]).toArray();
  }

  private static double[] sum(List<double[]> rows, int... indexes) {
    return rows.stream().mapToDouble(row -> {
      double total = 0;
      for (int index : indexes) {
        total += row[index];
      }
      return total;
    }).toArray();
  }
}
