package io.pottery.driver.lettuce;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.RedisCommand;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's per-command timeout for the cluster connection: a command whose {@link RawOutput} carries a deadline
 * times out at that deadline, so that a resent command gets only what is left of its caller's command timeout
 * rather than a whole new one; any other command (Lettuce's own, such as {@code ASKING}) gets the command
 * timeout. Never unbounded: Lettuce's default would be 60 s.
 */
final class DeadlineTimeouts extends TimeoutOptions.TimeoutSource {
  private final long defaultMillis;

  DeadlineTimeouts(Duration commandTimeout) {
    this.defaultMillis = Math.max(1, commandTimeout.toMillis());
  }

  @Override
  public long getTimeout(RedisCommand<?, ?, ?> command) {
    if (command.getOutput() instanceof RawOutput) {
      long deadline = ((RawOutput) command.getOutput()).deadlineNanos();
      if (deadline != 0) {
        // At least 1 ms: Lettuce reads 0 or less as "no timeout".
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime() + 999_999));
      }
    }
    return defaultMillis;
  }

  @Override
  public TimeUnit getTimeUnit() {
    return TimeUnit.MILLISECONDS;
  }
}
