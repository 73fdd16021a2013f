/**
 * Pottery's Micrometer metrics and observations: {@link io.pottery.micrometer.PotteryMetrics}, a
 * {@link io.pottery.instrumentation.PotteryListener} an application adds to its builder. Micrometer's jars are
 * automatic modules.
 */
// The library has no descriptor yet, only a manifest name: requiring it is the only way (docs/design-notes.md).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.pottery.micrometer {
  requires transitive io.pottery;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires micrometer.commons;

  exports io.pottery.micrometer;
}
