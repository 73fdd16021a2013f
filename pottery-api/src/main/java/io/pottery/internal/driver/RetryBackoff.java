package io.pottery.internal.driver;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one wait before a cluster command is tried again, for both drivers: a random time between a quarter of
 * and a whole cap that starts at 20 ms and doubles up to 400 ms, so that the threads that all met the same
 * failover do not retry in lockstep; never past the command's deadline. Not API: for Pottery's own drivers only.
 */
public final class RetryBackoff {
  private static final long FIRST_CAP_NANOS = 20_000_000L;
  private static final long MAX_CAP_NANOS = 400_000_000L;
  /** Time an attempt needs at least after its wait. */
  private static final long MIN_ATTEMPT_NANOS = 1_000_000L;

  private RetryBackoff() {}

  /**
   * The wait before attempt {@code failed + 1}, or -1 if it would not leave the attempt time before the deadline.
   *
   * @param failed how many attempts failed so far (1 after the first)
   * @param deadlineNanos {@link System#nanoTime()} by which the command must be done
   */
  public static long waitNanos(int failed, long deadlineNanos) {
    long cap = Math.min(MAX_CAP_NANOS, FIRST_CAP_NANOS << Math.min(Math.max(0, failed - 1), 10));
    long wait = ThreadLocalRandom.current().nextLong(cap / 4, cap + 1);
    return deadlineNanos - System.nanoTime() - MIN_ATTEMPT_NANOS <= wait ? -1 : wait;
  }

  /**
   * Sleeps before attempt {@code failed + 1}, if the deadline leaves time for it.
   *
   * @return false, without sleeping, if the deadline has passed or would pass during the wait, or if the thread
   *     was interrupted (its interrupt flag is set again)
   */
  public static boolean sleep(int failed, long deadlineNanos) {
    long wait = waitNanos(failed, deadlineNanos);
    if (wait < 0) {
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
