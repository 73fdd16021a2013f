package io.pottery.internal.lock;

import io.pottery.instrumentation.PotteryEvent;
import io.pottery.internal.quorum.QuorumFanOut;
import io.pottery.internal.quorum.Round;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renews one lease of a {@link QuorumRedlock} every third of its auto-release time, until {@link #stop()}
 * (which waits for a renewal in flight, so none runs after it returns), the lease is no longer the lock's
 * current one, or the {@code Pottery} is closed. Renewals run {@code redlock-extend.lua}, which extends only a
 * lock still holding this lease's value, and do not count against {@code numExtensions}.
 *
 * <p>No thread and no timer of its own: the {@code Pottery}'s {@link Renewals} renews every watchdog due at about
 * the same time in one batch, one pipeline per master, each lease still decided by its own quorum round. A lease
 * is renewed at its due time at the latest, and up to a quarter of its period earlier when a batch runs then
 * (renewing early is harmless: the script resets the lease to the full auto-release time). A lease that waits for
 * replicas ({@code waitForReplicas}) renews alone, with its own round and {@code WAIT}, on a worker thread.
 *
 * <p>A renewal that fewer than a quorum of masters confirm means the lease may be lost: the watchdog stops, logs
 * a warning and calls the settings' {@code onLeaseLost} with the lock, on one of the {@code Pottery}'s worker
 * threads (so a slow callback holds up no other lease's renewal). It never gives up silently.
 */
final class Watchdog {
  private static final System.Logger LOG = System.getLogger("io.pottery.Redlock");

  /** A lease due within 1/{@value} of its period is renewed by a batch that runs now. */
  private static final int EARLY_FRACTION = 4;

  private final QuorumRedlock lock;
  private final QuorumRedlock.Lease lease;
  private final Renewals renewals;
  private final long periodNanos;
  /**
   * Held by the thread renewing this lease, from {@link #begin} until the renewal is decided, so that {@link
   * #stop()} can wait for it. Reentrant: code that thread runs for the lease may stop the watchdog from within.
   */
  private final ReentrantLock renewing = new ReentrantLock();
  private volatile boolean stopped;
  /** Whether one renewal was claimed (by a batch, or a renewal alone) and has not ended: never two at once. */
  private final AtomicBoolean claimed = new AtomicBoolean();
  /** Whether a renewal passed its checks and runs ({@link #begin} until it ends); written holding {@code renewing}. */
  private volatile boolean inFlight;
  /** When the next renewal is due ({@link System#nanoTime()}); written by the holder of the claim. */
  private volatile long dueAtNanos;

  private Watchdog(QuorumRedlock lock, QuorumRedlock.Lease lease, Renewals renewals) {
    this.lock = lock;
    this.lease = lease;
    this.renewals = renewals;
    this.periodNanos = Math.max(1_000_000L, lock.settings().autoRelease().toNanos() / 3);
    this.dueAtNanos = System.nanoTime() + periodNanos;
  }

  /** Starts renewing {@code lease}, through its {@code Pottery}'s {@link Renewals}. */
  static Watchdog start(QuorumRedlock lock, QuorumRedlock.Lease lease) {
    Watchdog watchdog = new Watchdog(lock, lease, Renewals.of(lock.backend()));
    watchdog.renewals.add(watchdog);
    return watchdog;
  }

  /** When the next renewal is due. */
  long dueAtNanos() {
    return dueAtNanos;
  }

  /** Whether a renewal of this lease is claimed and not ended yet. */
  boolean claimed() {
    return claimed.get();
  }

  /** Whether this lease renews alone (with {@code WAIT}) rather than in a batch. */
  boolean waitsForReplicas() {
    return lock.settings().replicaWait() != null;
  }

  /**
   * Claims the next renewal if it is due by {@code nowNanos} plus a quarter of its period, and none is claimed.
   * The claimer then calls {@link #begin} (or {@link #renewAlone}) on the thread that renews.
   */
  boolean claim(long nowNanos) {
    if (stopped || nowNanos - (dueAtNanos - periodNanos / EARLY_FRACTION) < 0) {
      return false;
    }
    return claimed.compareAndSet(false, true);
  }

  /**
   * Starts a claimed renewal on this thread, which then holds {@code renewing} until the renewal ends ({@link
   * #decided} or {@link #failed}, on this same thread). Returns false, having ended it, when the watchdog must not
   * renew any more: stopped, its lease no longer the lock's current one, or the {@code Pottery} closed.
   */
  boolean begin() {
    renewing.lock();
    if (stopped || !lock.isCurrent(lease) || lock.backendClosed()) {
      finish();
      end();
      return false;
    }
    inFlight = true;
    return true;
  }

  /** This lease's renewal as a call of a batch started at {@code startNanos}; its round goes to {@link #decided}. */
  QuorumFanOut.Batched renewal(long startNanos) {
    return lock.renewal(lease, round -> decided(round, startNanos));
  }

  /**
   * Ends a renewal begun on this thread with its decided round: records a renewal a quorum confirmed and makes
   * the next one due a period after {@code startNanos}, or reports the lease lost.
   */
  void decided(Round round, long startNanos) {
    String lost = null;
    try {
      if (stopped) {
        return; // released or closed meanwhile: stop() is waiting for this renewal, which is no loss
      }
      if (round.achieved()) {
        lock.renewed(lease, startNanos);
        dueAtNanos = startNanos + periodNanos;
        lock.backend().instrumentation().event(PotteryEvent.Kind.LEASE_RENEWED, "Redlock", lock.redisKey(), 1, 0);
      } else {
        finish();
        lost = "renewed on " + round.yes() + " of " + round.size() + " masters, quorum " + round.quorum() + "; failed: "
            + round.describeOthers("not ours any more (expired)");
      }
    } finally {
      end();
    }
    if (lost != null) {
      report(lost);
    } else if (!stopped) {
      renewals.wake(dueAtNanos);
    }
  }

  /** Ends a renewal begun on this thread that failed without a decided round. */
  void failed(RuntimeException e) {
    String lost = null;
    try {
      if (!stopped && !lock.backendClosed()) {
        lost = "the renewal failed: " + e.getMessage();
      }
      finish();
    } finally {
      end();
    }
    if (lost != null) {
      report(lost);
    }
  }

  /** Whether a renewal begun on this thread has not ended (a batch that broke off before deciding it). */
  boolean renewingHere() {
    return renewing.isHeldByCurrentThread();
  }

  /**
   * A claimed renewal on its own round, with the lease's {@code WAIT} ({@link QuorumRedlock#renew}): for a lease
   * that waits for replicas, on a worker thread.
   */
  void renewAlone() {
    if (!begin()) {
      return;
    }
    long start = System.nanoTime();
    Round round;
    try {
      round = lock.renew(lease);
    } catch (RuntimeException e) {
      failed(e);
      return;
    }
    decided(round, start);
  }

  /** Gives up a claimed renewal that could not start (the {@code Pottery} is closing). */
  void unclaim() {
    claimed.set(false);
  }

  private void end() {
    inFlight = false;
    claimed.set(false);
    renewing.unlock();
  }

  /** Ends this watchdog on its own (lease gone, lost, or the {@code Pottery} closed). */
  private void finish() {
    stopped = true;
    renewals.forget(this);
  }

  /** Reports the lease lost on a worker thread (on this one if the {@code Pottery} is closing). */
  private void report(String why) {
    Runnable report = () -> lost(why);
    try {
      lock.backend().background().workers().execute(report);
    } catch (RejectedExecutionException e) {
      report.run();
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
   * Stops renewing and waits until a renewal in flight that carries this lease has been decided (bounded by its
   * round deadline), so that no renewal of it runs or starts after this returns. Called by the thread renewing
   * it, it does not wait for itself.
   */
  void stop() {
    stopped = true;
    renewals.forget(this);
    // Not interruptible: the wait is bounded by a renewal's round deadline, and a renewal after stop() returned
    // could extend a lease the caller just released.
    renewing.lock();
    renewing.unlock();
  }

  /** Whether renewals may still run: not stopped, or a renewal is in flight. */
  boolean running() {
    return !stopped || inFlight;
  }
}
