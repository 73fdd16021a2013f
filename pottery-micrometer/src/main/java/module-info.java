/**
 * Pottery's Micrometer metrics and observations: {@link io.pottery.micrometer.PotteryMetrics}, a
 * {@link io.pottery.instrumentation.PotteryListener} an application adds to its builder. Micrometer's jars are
 * automatic modules.
 */
module io.pottery.micrometer {
  requires transitive io.pottery;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires micrometer.commons;

  exports io.pottery.micrometer;
}
