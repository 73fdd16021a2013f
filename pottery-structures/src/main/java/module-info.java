/**
 * Pottery's structures over Redis: every implementation behind the interfaces of {@code io.pottery}, reached only
 * through the {@link io.pottery.spi.StructuresProvider} that {@code Pottery.builder().build()} finds. It exports
 * nothing: an application requires {@code io.pottery} and puts this module on its module path.
 */
module io.pottery.structures {
  requires io.pottery;

  provides io.pottery.spi.StructuresProvider with io.pottery.internal.assembly.PotteryStructuresProvider;
}
