package io.pottery.internal.lock;

import io.pottery.instrumentation.PotteryEvent;
import io.pottery.internal.quorum.Round;
import java.lang.System.Logger.Level;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renews one lease of a {@link QuorumRedlock} every third of its auto-release time, until {@link #stop()}
 * (which waits for a renewal in flight, so none runs after it returns), the lease is no longer the lock's
 * current one, or the {@code Pottery} is closed. Renewals run {@code redlock-extend.lua}, which extends only a
 * lock still holding this lease's value, and do not count against {@code numExtensions}.
 *
 * <p>No thread of its own: every watchdog of a {@code Pottery} is timed by that {@code Pottery}'s one timer
 * thread and renews on its reused worker threads ({@link io.pottery.internal.structures.Background}), so a
 * thousand held locks cost no thousand threads.
 *
 * <p>A renewal that fewer than a quorum of masters confirm means the lease may be lost: the watchdog stops, logs
 * a warning and calls the settings' {@code onLeaseLost} with the lock. It never gives up silently.
 */
final class Watchdog {
  private static final System.Logger LOG = System.getLogger("io.pottery.Redlock");

  private final QuorumRedlock lock;
  private final QuorumRedlock.Lease lease;
  private final long periodNanos;
  /**
   * Held while a renewal runs, so that {@link #stop()} can wait for it. Reentrant: the {@code onLeaseLost}
   * callback, run inside a renewal, may release the lock, which stops this watchdog from within.
   */
  private final ReentrantLock renewing = new ReentrantLock();
  private volatile boolean stopped;
  /** The next renewal, scheduled; written while holding {@code renewing}. */
  private Future<?> next;
  /** One instance, so that the {@code Pottery}'s close-time registry can find it again to forget it. */
  private final Runnable stopper = this::stop;

  private Watchdog(QuorumRedlock lock, QuorumRedlock.Lease lease) {
    this.lock = lock;
    this.lease = lease;
    this.periodNanos = Math.max(1_000_000L, lock.settings().autoRelease().toNanos() / 3);
  }

  static Watchdog start(QuorumRedlock lock, QuorumRedlock.Lease lease) {
    Watchdog watchdog = new Watchdog(lock, lease);
    lock.backend().stopOnClose(watchdog.stopper);
    watchdog.renewing.lock();
    try {
      watchdog.scheduleNext();
    } finally {
      watchdog.renewing.unlock();
    }
    return watchdog;
  }

  /** Schedules the next renewal unless stopped. Holds {@code renewing}. */
  private void scheduleNext() {
    if (stopped) {
      return;
    }
    try {
      next = lock.backend().background().schedule(this::renew, periodNanos);
    } catch (RejectedExecutionException e) {
      finish(); // the Pottery was closed: background work stops with it
    }
  }

  /** One renewal, on a worker thread; schedules the next, or reports the lease lost. */
  private void renew() {
    renewing.lock();
    try {
      if (stopped || !lock.isCurrent(lease) || lock.backendClosed()) {
        finish();
        return;
      }
      Round round;
      try {
        round = lock.renew(lease);
      } catch (RuntimeException e) {
        if (!stopped && !lock.backendClosed()) {
          lost("the renewal failed: " + e.getMessage());
        }
        finish();
        return;
      }
      if (stopped) {
        return;
      }
      if (!round.achieved()) {
        finish();
        lost("renewed on " + round.yes() + " of " + round.size() + " masters, quorum " + round.quorum() + "; failed: "
            + round.describeOthers("not ours any more (expired)"));
        return;
      }
      lock.backend().instrumentation().event(PotteryEvent.Kind.LEASE_RENEWED, "Redlock", lock.redisKey(), 1, 0);
      scheduleNext();
    } finally {
      renewing.unlock();
    }
  }

  /** Ends this watchdog on its own (lease gone, lost, or the {@code Pottery} closed). */
  private void finish() {
    stopped = true;
    lock.backend().forgetOnClose(stopper);
  }

  private void lost(String why) {
    lock.backend().instrumentation().event(PotteryEvent.Kind.LEASE_LOST, "Redlock", lock.redisKey(), 1, 0);
    LOG.log(Level.WARNING, () -> lock.description() + ": the watchdog lost the lease: " + why
        + "; the holder no longer holds the lock");
    try {
      lock.settings().onLeaseLost().accept(lock);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, lock.description() + ": the onLeaseLost callback failed", e);
    }
  }

  /**
   * Stops renewing and waits until a renewal in flight has finished (bounded by the round deadline). Called
   * from within a renewal (the callback releasing the lock), it does not wait for itself.
   */
  void stop() {
    stopped = true;
    lock.backend().forgetOnClose(stopper);
    // Not interruptible: the wait is bounded by a renewal's round deadline, and a renewal after stop() returned
    // could extend a lease the caller just released.
    renewing.lock();
    try {
      if (next != null) {
        next.cancel(false);
      }
    } finally {
      renewing.unlock();
    }
  }

  /** Whether renewals may still run: not stopped, or a renewal is in flight. */
  boolean running() {
    return !stopped || renewing.isLocked();
  }
}
