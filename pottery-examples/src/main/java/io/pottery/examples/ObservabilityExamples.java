package io.pottery.examples;

import io.micrometer.core.instrument.MeterRegistry;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.micrometer.PotteryMetrics;

/**
 * The README's Observability example: Pottery's Micrometer meters in plain Java. The region between
 * {@code // snippet:observability} and {@code // end-snippet} is shown in README.md; ObservabilityExamplesTest runs
 * it on five masters with every driver and codec.
 */
final class ObservabilityExamples {
  private ObservabilityExamples() {}

  /** Takes and releases a lock with the Micrometer listener on; returns how many acquisitions were recorded. */
  static double observability(MeterRegistry registry, String lockName, String... masters) {
    // snippet:observability
    Pottery pottery = Pottery.builder().masters(masters)
        .listener(PotteryMetrics.of(registry))                // registry: your application's MeterRegistry
        .build();
    try (Redlock.Held held = pottery.redlock(lockName).hold()) {
      // pottery.lock.acquire{outcome=acquired}, pottery.lock.wait, pottery.quorum.round, per-master answers …
    }                                                         // … and pottery.lock.held, recorded at release
    double acquired = registry.get("pottery.lock.acquire").tag("outcome", "acquired").timer().count(); // 1.0
    // end-snippet
    pottery.close();
    return acquired;
  }
}
