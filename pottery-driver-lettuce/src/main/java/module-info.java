/**
 * Pottery's Redis driver over Lettuce: {@link io.pottery.driver.lettuce.LettuceDriver}, found by
 * {@link java.util.ServiceLoader} as an {@link io.pottery.spi.RedisDriver}. Lettuce ({@code lettuce.core}) and
 * Reactor are automatic modules; Netty's jars are named modules.
 */
// The library has no descriptor yet, only a manifest name: requiring it is the only way (docs/design-notes.md).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.pottery.driver.lettuce {
  requires transitive io.pottery;
  requires transitive lettuce.core;
  requires io.netty.buffer;
  requires io.netty.common;
  requires io.netty.transport;
  requires reactor.core;
  // Declared dependencies of Lettuce that Lettuce, an automatic module, cannot require; without them its client
  // fails at connect with NoClassDefFoundError on the module path (TourModulePathTest).
  requires io.netty.handler;
  requires io.netty.resolver.dns;

  exports io.pottery.driver.lettuce;

  provides io.pottery.spi.RedisDriver with io.pottery.driver.lettuce.LettuceDriver;
}
