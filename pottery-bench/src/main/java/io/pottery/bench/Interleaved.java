package io.pottery.bench;

import io.pottery.bench.contenders.Op;
import java.util.Arrays;
import java.util.function.LongToDoubleFunction;

/**
 * The gate's measurement: two operations timed in alternating slices on one thread of one JVM (A then B, then B
 * then A, ...), so that noise from other processes, frequency scaling and GC falls on both alike; the result is
 * the median of the per-round throughput ratios. Not a replacement for JMH (no forks, no blackhole): it measures
 * one ratio robustly, which is all the gate needs.
 */
final class Interleaved {
  /** How long to warm each side, how many rounds, how long each slice. */
  record Plan(long warmupNanos, int rounds, long sliceNanos) {}

  static final Plan SHORT = new Plan(700_000_000L, 12, 200_000_000L);
  static final Plan FULL = new Plan(1_500_000_000L, 16, 400_000_000L);

  /** The ratio of {@code a}'s throughput over {@code b}'s, and each side's median ops/s. */
  record Result(double ratio, double aOpsPerSecond, double bOpsPerSecond) {}

  private Interleaved() {}

  static Result measure(Op a, Op b, Plan plan) {
    return measure(nanos -> rate(a, nanos), nanos -> rate(b, nanos), plan);
  }

  /**
   * The same for two sides that measure themselves: each is given a slice's length in nanoseconds and returns its
   * ops/s over at least that long (e.g. several threads, or operations in flight; see {@link AsyncVsBlocking}).
   */
  static Result measure(LongToDoubleFunction a, LongToDoubleFunction b, Plan plan) {
    a.applyAsDouble(plan.warmupNanos());
    b.applyAsDouble(plan.warmupNanos());
    double[] ratios = new double[plan.rounds()];
    double[] as = new double[plan.rounds()];
    double[] bs = new double[plan.rounds()];
    for (int round = 0; round < plan.rounds(); round++) {
      if (round % 2 == 0) {
        as[round] = a.applyAsDouble(plan.sliceNanos());
        bs[round] = b.applyAsDouble(plan.sliceNanos());
      } else {
        bs[round] = b.applyAsDouble(plan.sliceNanos());
        as[round] = a.applyAsDouble(plan.sliceNanos());
      }
      ratios[round] = as[round] / bs[round];
    }
    return new Result(median(ratios), median(as), median(bs));
  }

  /** Runs {@code op} for at least {@code nanos}; its ops/s. */
  static double rate(Op op, long nanos) {
    long start = System.nanoTime();
    long count = 0;
    long elapsed;
    do {
      op.run();
      count++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < nanos);
    return count * 1e9 / elapsed;
  }

  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
