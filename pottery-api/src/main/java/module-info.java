/**
 * Pottery for Java's API and SPI: the interfaces applications program against ({@code io.pottery}), what they
 * observe ({@code io.pottery.instrumentation}), and what structures, drivers and codecs implement
 * ({@code io.pottery.spi}). It has no third-party dependency.
 *
 * <p>{@code Pottery.connect} and {@code Pottery.builder()} find the structures, the driver and the codec with
 * {@link java.util.ServiceLoader}, so an application requires only this module and puts one of each on its module
 * path (or class path). Listeners are found the same way.
 *
 * <p>{@code io.pottery.internal.discovery} (how providers are chosen) is not exported.
 * {@code io.pottery.internal.driver} (the connection-failure messages, the cluster routing plan and the retry
 * backoff both drivers share) is exported only to Pottery's two drivers, and {@code io.pottery.internal.text}
 * (how bytes are quoted in messages) only to the codec support and the structures: neither is API, and either may
 * change in any release.
 */
// "module not found" for the qualified exports: the modules they name are built after this one.
@SuppressWarnings("module")
module io.pottery {
  exports io.pottery;
  exports io.pottery.instrumentation;
  exports io.pottery.spi;

  exports io.pottery.internal.driver to io.pottery.driver.jedis, io.pottery.driver.lettuce;
  exports io.pottery.internal.text to io.pottery.codec.support, io.pottery.structures;

  uses io.pottery.spi.StructuresProvider;
  uses io.pottery.spi.RedisDriver;
  uses io.pottery.spi.Codec;
  uses io.pottery.instrumentation.PotteryListener;
}
