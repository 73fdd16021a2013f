package io.pottery.spi;

import io.pottery.Pottery;

/**
 * How {@link Pottery} finds the implementation of its structures (the pottery-structures artifact). Found with
 * {@link java.util.ServiceLoader} under {@code META-INF/services/io.pottery.spi.StructuresProvider}.
 *
 * <p>Called once per {@code Pottery.builder().build()}, on the calling thread, after the driver has connected
 * to every master and the codec is chosen.
 *
 * @since 0.1
 */
public interface StructuresProvider {

  /** A short name for messages, e.g. {@code "pottery-structures"}. */
  String name();

  /** Where several are on the class path, the highest wins; a tie is an error. */
  int priority();

  /** The SPI version the provider was built against: return {@link SpiVersion#CURRENT}. */
  int spiVersion();

  /**
   * Creates the {@code Pottery} that users program against. The returned instance owns the connections in
   * the context and closes them in its own {@code close()}.
   */
  Pottery open(StructuresContext context);
}
