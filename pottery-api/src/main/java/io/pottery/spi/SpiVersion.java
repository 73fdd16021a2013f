package io.pottery.spi;

/**
 * The version of this SPI. Every provider returns {@link #CURRENT} from its {@code spiVersion()}; because the
 * constant is inlined when the provider is compiled, the number it reports is the SPI it was built against,
 * and {@code Pottery} refuses a provider built for another version with a message naming both.
 *
 * @since 0.1
 */
public final class SpiVersion {
  /** The SPI version of this pottery-api. */
  public static final int CURRENT = 1;

  private SpiVersion() {}
}
