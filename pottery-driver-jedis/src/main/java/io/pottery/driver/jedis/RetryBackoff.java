package io.pottery.driver.jedis;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before a cluster command is tried again: "full jitter" (a random time up to an exponentially growing
 * cap), so that the threads that all met the same failover do not retry in lockstep, and never past the
 * command's deadline.
 */
final class RetryBackoff {
  private static final long FIRST_CAP_NANOS = 20_000_000L;
  private static final long MAX_CAP_NANOS = 400_000_000L;

  private RetryBackoff() {}

  /**
   * Sleeps before attempt {@code attempt + 1}, if the deadline leaves time for it.
   *
   * @param attempt how many attempts failed so far, minus one (0 after the first)
   * @param deadline {@link System#nanoTime()} by which the command must be done
   * @return false, without sleeping, if the deadline has passed or would pass during the wait
   */
  static boolean sleep(int attempt, long deadline) {
    long cap = Math.min(MAX_CAP_NANOS, FIRST_CAP_NANOS << Math.min(attempt, 10));
    long wait = ThreadLocalRandom.current().nextLong(cap / 4, cap + 1);
    long left = deadline - System.nanoTime();
    if (left <= wait) {
      return false;
    }
    try {
      Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
