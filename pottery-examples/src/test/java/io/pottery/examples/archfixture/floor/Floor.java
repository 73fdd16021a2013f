package io.pottery.examples.archfixture.floor;

import io.pottery.examples.archfixture.roof.Roof;

/**
 * With {@link Roof}, the package cycle issue 16 removed from pottery-structures (the floor, {@code Backend}, in the
 * package of the roof, {@code ConnectedPottery}), so ArchitectureRulesFailTest can show the cycle rule failing.
 */
public final class Floor {
  /** The floor reaching up to the roof: the edge that closes the cycle. */
  public Roof roof() {
    return new Roof();
  }
}
