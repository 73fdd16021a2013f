package io.pottery.examples.archfixture.roof;

import io.pottery.examples.archfixture.floor.Floor;

/** Stands on {@link Floor}, as a roof should; Floor's dependency back on it makes the cycle. */
public final class Roof {
  /** The roof standing on the floor. */
  public Floor floor() {
    return new Floor();
  }
}
