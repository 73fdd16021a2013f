package io.pottery.bench;

import java.util.Locale;

/**
 * One gated ratio compared with its baseline: it passes while {@code current >= baseline * (1 - tolerance)}.
 * Ratios are Pottery's throughput over the raw driver's, measured interleaved in one JVM, so a slower machine
 * or a noisy neighbour moves both sides and leaves the ratio; only Pottery getting slower relative to the same
 * commands moves it down.
 *
 * @param name the gated pair, e.g. {@code redlock 5 masters (lettuce)}
 * @param baseline the committed ratio, or {@code NaN} if the pair has none yet (then it is not gated)
 * @param current the ratio measured now
 * @param tolerance the allowed relative drop, e.g. 0.40
 */
public record GateCheck(String name, double baseline, double current, double tolerance) {
  public GateCheck {
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must be in [0, 1), was " + tolerance);
    }
  }

  /** The lowest ratio that passes: {@code baseline * (1 - tolerance)}; NaN without a baseline. */
  public double limit() {
    return baseline * (1 - tolerance);
  }

  /** Whether the pair has a baseline to be gated against. */
  public boolean gated() {
    return !Double.isNaN(baseline);
  }

  /** Whether the ratio is within tolerance (always true without a baseline). */
  public boolean passes() {
    return !gated() || current >= limit();
  }

  /** One line for the gate's report. */
  public String describe() {
    if (!gated()) {
      return String.format(Locale.ROOT, "%-36s now %.3f  (no baseline: not gated)", name, current);
    }
    return String.format(Locale.ROOT, "%-36s now %.3f  baseline %.3f  limit %.3f  %s", name, current, baseline, limit(),
        passes() ? "ok" : "WORSE by " + Math.round((1 - current / baseline) * 100) + "%");
  }
}
