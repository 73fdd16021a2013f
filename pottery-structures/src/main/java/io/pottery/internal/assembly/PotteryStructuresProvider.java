package io.pottery.internal.assembly;

import io.pottery.Pottery;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.SpiVersion;
import io.pottery.spi.StructuresContext;
import io.pottery.spi.StructuresProvider;

/**
 * Internal, may change: the {@link StructuresProvider} of pottery-structures, registered in
 * {@code META-INF/services/io.pottery.spi.StructuresProvider}. {@code Pottery.builder().build()} finds it with
 * {@link java.util.ServiceLoader}; nothing else should use it.
 */
public final class PotteryStructuresProvider implements StructuresProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public PotteryStructuresProvider() {}

  /** {@code "pottery-structures"}. */
  @Override
  public String name() {
    return "pottery-structures";
  }

  /** 0: the only implementation Pottery ships. */
  @Override
  public int priority() {
    return 0;
  }

  /** {@link SpiVersion#CURRENT}, as compiled. */
  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  /** A {@code Pottery} that owns the context's connections and closes them in its {@code close()}. */
  @Override
  public Pottery open(StructuresContext context) {
    return new ConnectedPottery(new Backend(context));
  }

  @Override
  public String toString() {
    return "PotteryStructuresProvider{pottery-structures, spi " + SpiVersion.CURRENT + "}";
  }
}
