/**
 * The tour and the README's examples, written as an application writes its code: against {@code io.pottery}
 * only, with the structures, a driver and a codec found on the module path by {@link java.util.ServiceLoader}
 * (TourModulePathTest starts the tour this way). The testkit (an automatic module) starts a throwaway Redis
 * when none answers; the drivers are read only by the example that hands Pottery an application's own client.
 */
// The library has no descriptor yet, only a manifest name: requiring it is the only way (docs/design-notes.md).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.pottery.examples {
  requires io.pottery;
  requires io.pottery.testkit;
  requires io.pottery.micrometer;
  requires io.pottery.driver.lettuce;
  requires static io.pottery.driver.jedis;
  requires java.logging;
}
