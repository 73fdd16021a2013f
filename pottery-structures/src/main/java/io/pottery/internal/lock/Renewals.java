package io.pottery.internal.lock;

import io.pottery.internal.quorum.QuorumFanOut;
import io.pottery.internal.structures.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The renewals of every Redlock {@link Watchdog} of one {@code Pottery} (one per {@link Backend}, as its {@link
 * Backend#component component}): a single entry on the {@code Pottery}'s timer, due when the earliest watchdog is.
 * When it fires (a tick, on a worker thread), it claims every watchdog due by then or within a quarter of its own
 * period, and renews them all with {@link QuorumFanOut#runBatch}: one pipeline per master carrying one {@code
 * redlock-extend.lua} per lease, so a thousand held locks cost each master one round trip per tick instead of a
 * thousand. Each lease keeps its own round (quorum, deadline, messages) and is decided as soon as that round is,
 * whatever the others wait for. Ticks may overlap (a tick waiting for a slow round does not delay the next);
 * a watchdog is in one renewal at a time. Watchdogs of locks that wait for replicas renew alone, each on a worker
 * thread.
 *
 * <p>{@code Pottery.close()} stops every watchdog (each waiting for its renewal in flight) before it closes the
 * connections; nothing is renewed afterwards. Thread-safe.
 */
final class Renewals {
  private final Backend backend;
  private final Set<Watchdog> watchdogs = ConcurrentHashMap.newKeySet();
  /** Guards the fields below; never held while Redis is waited for. */
  private final ReentrantLock lock = new ReentrantLock();
  private Future<?> tick;
  private long tickAtNanos;
  /** Counts the ticks scheduled, so that a tick can tell whether it is still the scheduled one. */
  private long ticks;
  private boolean closed;

  private Renewals(Backend backend) {
    this.backend = backend;
    backend.stopOnClose(this::close);
  }

  /** The renewals of {@code backend}'s {@code Pottery}, made on first use. */
  static Renewals of(Backend backend) {
    return backend.component(Renewals.class, Renewals::new);
  }

  /** Starts renewing {@code watchdog}, first at its due time; stops it at once if the {@code Pottery} was closed. */
  void add(Watchdog watchdog) {
    watchdogs.add(watchdog);
    boolean open;
    lock.lock();
    try {
      open = !closed;
    } finally {
      lock.unlock();
    }
    if (open) {
      wake(watchdog.dueAtNanos());
    } else {
      watchdog.stop();
    }
  }

  /** Stops renewing {@code watchdog}; the timer entry goes when no watchdog is left. */
  void forget(Watchdog watchdog) {
    watchdogs.remove(watchdog);
    lock.lock();
    try {
      if (watchdogs.isEmpty() && tick != null) {
        tick.cancel(false);
        tick = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Makes sure a tick runs at {@code atNanos} or earlier. */
  void wake(long atNanos) {
    lock.lock();
    try {
      if (closed || (tick != null && tickAtNanos - atNanos <= 0)) {
        return;
      }
      if (tick != null) {
        tick.cancel(false);
      }
      long generation = ++ticks;
      tickAtNanos = atNanos;
      tick = backend.background().schedule(() -> tick(generation), Math.max(0, atNanos - System.nanoTime()));
    } catch (RejectedExecutionException e) {
      tick = null; // the Pottery is closing: close() stops every watchdog
    } finally {
      lock.unlock();
    }
  }

  /** Claims the due watchdogs, schedules the next tick for the others, and renews the claimed ones. */
  private void tick(long generation) {
    long start = System.nanoTime();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (generation == ticks) {
        tick = null;
      }
    } finally {
      lock.unlock();
    }
    List<Watchdog> due = new ArrayList<>();
    long next = 0;
    boolean waiting = false;
    for (Watchdog watchdog : watchdogs) {
      if (watchdog.claim(start)) {
        due.add(watchdog);
      } else if (!watchdog.claimed() && (!waiting || watchdog.dueAtNanos() - next < 0)) {
        next = watchdog.dueAtNanos();
        waiting = true;
      }
    }
    if (waiting) {
      wake(next); // the claimed ones ask again when their renewal is decided
    }
    renew(due, start);
  }

  /** Renews {@code due}: the batchable ones in one batch on this thread, the others alone on workers. */
  private void renew(List<Watchdog> due, long startNanos) {
    List<Watchdog> batch = new ArrayList<>(due.size());
    for (Watchdog watchdog : due) {
      if (watchdog.waitsForReplicas()) {
        alone(watchdog);
      } else if (watchdog.begin()) {
        batch.add(watchdog);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    List<QuorumFanOut.Batched> calls = new ArrayList<>(batch.size());
    for (Watchdog watchdog : batch) {
      calls.add(watchdog.renewal(startNanos));
    }
    RuntimeException failure = null;
    try {
      QuorumFanOut.runBatch(QuorumRedlock.EXTEND, calls);
    } catch (RuntimeException e) {
      failure = e; // the Pottery was closed before anything was sent
    } finally {
      // A batch that broke off (an exception, an Error) leaves no watchdog claimed and no stop() waiting forever.
      for (Watchdog watchdog : batch) {
        if (watchdog.renewingHere()) {
          watchdog.failed(failure != null ? failure : new IllegalStateException("the renewal batch broke off"));
        }
      }
    }
  }

  private void alone(Watchdog watchdog) {
    try {
      backend.background().workers().execute(watchdog::renewAlone);
    } catch (RejectedExecutionException e) {
      watchdog.unclaim(); // the Pottery is closing: close() stops it
    }
  }

  /**
   * Stops every watchdog, each after its renewal in flight; called by {@code Pottery.close()} before the
   * connections close.
   */
  private void close() {
    lock.lock();
    try {
      closed = true;
      if (tick != null) {
        tick.cancel(false);
        tick = null;
      }
    } finally {
      lock.unlock();
    }
    for (Watchdog watchdog : List.copyOf(watchdogs)) {
      watchdog.stop();
    }
  }
}
