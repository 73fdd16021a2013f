package io.pottery.bench;

import io.pottery.bench.contenders.Contender;
import java.util.Objects;

/**
 * One contender's throughput on one benchmark row of one run.
 *
 * @param family the chart it belongs to: {@code redlock}, {@code nextid} or {@code collections}
 * @param row what was measured, e.g. {@code redlock, 5 masters, 4 threads} or {@code map get}
 * @param contender who did it
 * @param opsPerSecond operations per second (JMH's score), above 0
 */
public record Measurement(String family, String row, Contender contender, double opsPerSecond) {
  public Measurement {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(contender, "contender");
    if (!(opsPerSecond > 0)) {
      throw new IllegalArgumentException(row + " / " + contender + ": ops/s must be above 0, was " + opsPerSecond);
    }
  }

  /** The row name of a quorum benchmark: {@code redlock, 5 masters, 4 threads}. */
  public static String quorumRow(String family, int masters, int threads) {
    return family + ", " + masters + (masters == 1 ? " master, " : " masters, ") + threads + (threads == 1 ? " thread" : " threads");
  }
}
