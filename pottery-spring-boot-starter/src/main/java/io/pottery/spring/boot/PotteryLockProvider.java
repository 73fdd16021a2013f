package io.pottery.spring.boot;

import io.pottery.Pottery;
import io.pottery.PotteryException;
import io.pottery.Redlock;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * A ShedLock {@link LockProvider} over Pottery's {@link Redlock}: a {@code @SchedulerLock} job runs on one
 * instance of a fleet, the lock held on one master or on a quorum of the {@code Pottery}'s masters.
 *
 * <h2>Mapping</h2>
 * Each attempt is a non-blocking acquisition of the Redlock named {@code <keyPrefix><job name>} (Redis key
 * {@code redlock:shedlock:<name>}, after the {@code Pottery}'s namespace), with {@code lockAtMostFor} as the
 * lease. Unlocking releases the lock at once, or, before {@code lockAtLeastFor} has passed, at that moment (a
 * timer of this provider; if the process dies first, the lease still ends at {@code lockAtMostFor}).
 *
 * <h2>Fencing token and lost leases</h2>
 * While a job runs, {@link #currentFencingToken()} on the job's thread gives the token of its lease: hand it
 * to the resources the job writes, so that a job whose lease was lost cannot overwrite a newer run's work. The
 * lease is watched while the job runs: every third of the lease Pottery asks the masters whether it is still
 * held (one script per master), or, with {@code keepAlive}, Redlock's watchdog renews it and reports a failed
 * renewal. A lease found lost — ended at {@code lockAtMostFor}, or lost on a quorum of masters — is logged at
 * WARNING and handed to every {@link LeaseLostListener} while the job still runs, once per lease.
 *
 * <p>Thread-safe. {@link #close()} stops the timer; the application context calls it.
 *
 * @since 0.3
 */
public final class PotteryLockProvider implements LockProvider, AutoCloseable {
  private static final Logger LOG = System.getLogger(PotteryLockProvider.class.getName());

  private final Pottery pottery;
  private final String keyPrefix;
  private final boolean keepAlive;
  private final List<LeaseLostListener> listeners;
  private final ScheduledThreadPoolExecutor timer;
  /** The leases of the jobs running on each thread, innermost first (ShedLock runs the job on the caller). */
  private final ThreadLocal<Deque<Lease>> running = ThreadLocal.withInitial(ArrayDeque::new);

  /**
   * A provider over {@code pottery}'s masters.
   *
   * @param keyPrefix put before each job name to make the Redlock name, e.g. {@code "shedlock:"}
   * @param keepAlive whether Redlock's watchdog renews the lease while the job runs
   * @param listeners told of leases lost while their job runs
   */
  public PotteryLockProvider(Pottery pottery, String keyPrefix, boolean keepAlive, List<LeaseLostListener> listeners) {
    this.pottery = Objects.requireNonNull(pottery, "pottery");
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    this.keepAlive = keepAlive;
    this.listeners = List.copyOf(listeners);
    this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "pottery-shedlock-timer");
      thread.setDaemon(true);
      return thread;
    });
    this.timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Tries once to take the job's lock; never waits for it.
   *
   * @return the held lock, or empty if another instance holds it (or a quorum of masters could not be reached:
   *     the job is skipped this time, as when it is locked elsewhere)
   */
  @Override
  public Optional<SimpleLock> lock(LockConfiguration configuration) {
    String name = configuration.getName();
    Duration lease = configuration.getLockAtMostFor();
    Redlock.Builder builder = pottery.redlockBuilder(keyPrefix + name).autoRelease(lease);
    Lease[] self = new Lease[1];
    if (keepAlive) {
      builder.watchdog(lock -> {
        Lease owner = self[0];
        if (owner != null) {
          owner.lost("the watchdog could not renew the lease on a quorum of masters");
        }
      });
    }
    Redlock lock = builder.build();
    boolean acquired;
    try {
      acquired = lock.acquire(false);
    } catch (PotteryException e) {
      LOG.log(Level.WARNING, "ShedLock job \"" + name + "\" skipped: its lock could not be taken: " + e.getMessage());
      return Optional.empty();
    }
    if (!acquired) {
      return Optional.empty();
    }
    Lease held = new Lease(configuration, lock, lock.fencingToken().orElse(0L));
    self[0] = held;
    if (!keepAlive) {
      long every = Math.max(10, lease.toMillis() / 3);
      held.monitor = timer.scheduleWithFixedDelay(held::check, every, every, TimeUnit.MILLISECONDS);
    }
    running.get().push(held);
    return Optional.of(held);
  }

  /**
   * The fencing token of the lease of the innermost ShedLock job running on this thread, or empty outside one.
   * Strictly greater than the token of any earlier run of the same job, on any instance.
   */
  public OptionalLong currentFencingToken() {
    Lease lease = running.get().peek();
    return lease == null ? OptionalLong.empty() : OptionalLong.of(lease.token);
  }

  /** Stops this provider's timer: pending delayed releases are left to their lease's end. Idempotent. */
  @Override
  public void close() {
    timer.shutdownNow();
  }

  @Override
  public String toString() {
    return "PotteryLockProvider{masters=" + pottery.masters() + ", keyPrefix=" + keyPrefix + ", keepAlive=" + keepAlive + "}";
  }

  /** One held lock of one job run. */
  private final class Lease implements SimpleLock {
    private final LockConfiguration configuration;
    private final Redlock lock;
    private final long token;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile ScheduledFuture<?> monitor;

    Lease(LockConfiguration configuration, Redlock lock, long token) {
      this.configuration = configuration;
      this.lock = lock;
      this.token = token;
    }

    /** On the timer: is the lease still held while the job runs? */
    void check() {
      if (finished.get()) {
        return;
      }
      Duration left;
      try {
        left = lock.locked();
      } catch (RuntimeException e) {
        // Masters out of reach: not yet a lost lease; the next check, or the lease's end, decides.
        return;
      }
      if (left.isZero() && !finished.get()) {
        Duration held = Duration.ofNanos(System.nanoTime() - startNanos);
        lost(held.compareTo(configuration.getLockAtMostFor()) >= 0
            ? "the lease ended at lockAtMostFor " + configuration.getLockAtMostFor()
            : "the lock is no longer held on a quorum of masters");
      }
    }

    void lost(String reason) {
      if (finished.get() || !reported.compareAndSet(false, true)) {
        return;
      }
      ScheduledFuture<?> m = monitor;
      if (m != null) {
        m.cancel(false);
      }
      LeaseLost event = new LeaseLost(configuration.getName(), token, Duration.ofNanos(System.nanoTime() - startNanos), reason);
      LOG.log(Level.WARNING, "ShedLock job \"" + event.lockName() + "\" still runs but lost its lease (fencing token "
          + token + ", after " + event.heldFor().toMillis() + " ms): " + reason
          + "; another instance may run it now. Raise lockAtMostFor, or set pottery.shedlock.keep-alive=true");
      for (LeaseLostListener listener : listeners) {
        try {
          listener.leaseLost(event);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "LeaseLostListener " + listener + " failed", e);
        }
      }
    }

    @Override
    public void unlock() {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      ScheduledFuture<?> m = monitor;
      if (m != null) {
        m.cancel(false);
      }
      running.get().remove(this);
      Instant atLeastUntil = configuration.getLockAtLeastUntil();
      long waitMillis = Duration.between(Instant.now(), atLeastUntil).toMillis();
      if (waitMillis > 0) {
        try {
          timer.schedule(this::release, waitMillis, TimeUnit.MILLISECONDS);
          return;
        } catch (java.util.concurrent.RejectedExecutionException closed) {
          // The provider is closing: the lease ends by itself at lockAtMostFor.
          return;
        }
      }
      release();
    }

    private void release() {
      try {
        lock.release();
      } catch (RuntimeException e) {
        // A lost lease was reported while the job ran; a release failing now changes nothing for the job.
        LOG.log(Level.DEBUG, "ShedLock job \"" + configuration.getName() + "\": release after the run: " + e.getMessage());
      }
    }

    @Override
    public String toString() {
      return "PotteryLockProvider.Lease{" + configuration.getName() + ", token " + token + "}";
    }
  }
}
