package io.pottery.driver.lettuce;

import io.lettuce.core.RedisException;

/**
 * A cluster command that was never written to any node: no master was known for its slot, or the connection to
 * its node could not be had. It certainly did not run, so it may be sent again whatever it does.
 */
final class NotSent extends RedisException {
  private static final long serialVersionUID = 1L;

  NotSent(String reason, Throwable cause) {
    super(reason, cause);
  }
}
