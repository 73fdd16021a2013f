package io.pottery.internal.lock;

import io.pottery.instrumentation.PotteryEvent;
import io.pottery.internal.quorum.Round;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;

/**
 * Renews one lease of a {@link QuorumRedlock} every third of its auto-release time, on a daemon thread of its
 * own, until {@link #stop()} (which waits for a renewal in flight, so none runs after it returns), the lease is
 * no longer the lock's current one, or the {@code Pottery} is closed. Renewals run {@code redlock-extend.lua},
 * which extends only a lock still holding this lease's value, and do not count against {@code numExtensions}.
 *
 * <p>A renewal that fewer than a quorum of masters confirm means the lease may be lost: the watchdog stops, logs
 * a warning and calls the settings' {@code onLeaseLost} with the lock. It never gives up silently.
 */
final class Watchdog implements Runnable {
  private static final System.Logger LOG = System.getLogger("io.pottery.Redlock");

  private final QuorumRedlock lock;
  private final QuorumRedlock.Lease lease;
  private final long periodNanos;
  private volatile boolean stopped;
  private Thread thread;
  /** One instance, so that the {@code Pottery}'s close-time registry can find it again to forget it. */
  private final Runnable stopper = this::stop;

  private Watchdog(QuorumRedlock lock, QuorumRedlock.Lease lease) {
    this.lock = lock;
    this.lease = lease;
    this.periodNanos = Math.max(1_000_000L, lock.settings().autoRelease().toNanos() / 3);
  }

  static Watchdog start(QuorumRedlock lock, QuorumRedlock.Lease lease) {
    Watchdog watchdog = new Watchdog(lock, lease);
    Thread thread = new Thread(watchdog, "pottery-redlock-watchdog-" + lock.key());
    thread.setDaemon(true);
    watchdog.thread = thread;
    lock.backend().stopOnClose(watchdog.stopper);
    thread.start();
    return watchdog;
  }

  @Override
  public void run() {
    try {
      renewUntilStopped();
    } finally {
      lock.backend().forgetOnClose(stopper);
    }
  }

  private void renewUntilStopped() {
    while (true) {
      long until = System.nanoTime() + periodNanos;
      for (long left = periodNanos; left > 0 && !stopped; left = until - System.nanoTime()) {
        LockSupport.parkNanos(this, left);
      }
      if (stopped || !lock.isCurrent(lease) || lock.backendClosed()) {
        return;
      }
      Round round;
      try {
        round = lock.renew(lease);
      } catch (RuntimeException e) {
        if (stopped || lock.backendClosed()) {
          return;
        }
        lost("the renewal failed: " + e.getMessage());
        return;
      }
      if (stopped) {
        return;
      }
      if (!round.achieved()) {
        lost("renewed on " + round.yes() + " of " + round.size() + " masters, quorum " + round.quorum() + "; failed: "
            + round.describeOthers("not ours any more (expired)"));
        return;
      }
      lock.backend().instrumentation().event(PotteryEvent.Kind.LEASE_RENEWED, "Redlock", lock.redisKey(), 1, 0);
    }
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
   * from the watchdog's own thread (the callback releasing the lock), it does not wait for itself.
   */
  void stop() {
    stopped = true;
    lock.backend().forgetOnClose(stopper);
    LockSupport.unpark(thread);
    if (Thread.currentThread() == thread) {
      return;
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
