package io.pottery.internal.lock;

import io.pottery.ExtendUnlockedLock;
import io.pottery.QuorumNotAchieved;
import io.pottery.Redlock;
import io.pottery.ReleaseUnlockedLock;
import io.pottery.TooManyExtensions;
import io.pottery.internal.quorum.QuorumFanOut;
import io.pottery.internal.quorum.Round;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.HashSlots;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link Redlock}: see its javadoc for the contract. Here, how it is kept:
 *
 * <ul>
 *   <li>A {@link Semaphore} of one permit serializes the threads sharing this instance before they contend on
 *       Redis: the holder of the permit is the only one that can hold a lease, so one lease's state (its UUID,
 *       token and extension count, a {@link Lease}) is never overwritten by another thread's acquisition. It is
 *       a semaphore, not a lock, because any thread may release.
 *   <li>Every attempt draws a fresh UUID and runs {@code redlock-acquire.lua} on all masters (one fan-out);
 *       the round stops waiting as soon as a quorum granted it or can no longer grant it.
 *   <li>Every later round of a lease (fence, extend, locked, release, and the undo of a failed attempt) reaches
 *       each master only after that master answered the acquisition: with early decisions, the slowest
 *       masters' SETs are still in flight when {@code acquire} returns, and a release must not overtake them
 *       (a driver may run one server's commands on several sockets).
 *   <li>The fencing token is the maximum of the counters the granting masters returned. If they differ, one
 *       more round ({@code redlock-fence.lua}) raises the counters of the masters still holding our value to
 *       the token, and needs a quorum, so that a quorum's counters are at least the token before it is handed
 *       out: any later acquisition's quorum shares one of those masters and increments past it there.
 * </ul>
 */
final class QuorumRedlock implements Redlock {
  private static final Script ACQUIRE = Script.fromResource(QuorumRedlock.class, "redlock-acquire.lua");
  private static final Script FENCE = Script.fromResource(QuorumRedlock.class, "redlock-fence.lua");
  private static final Script RELEASE = Script.fromResource(QuorumRedlock.class, "redlock-release.lua");
  private static final Script EXTEND = Script.fromResource(QuorumRedlock.class, "redlock-extend.lua");
  private static final Script LOCKED = Script.fromResource(QuorumRedlock.class, "redlock-locked.lua");

  /** Python pottery's retry sleep: uniform in [0, 0.2 s]. */
  private static final long RETRY_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final String key;
  private final String redisKey;
  private final List<byte[]> lockKeys;
  private final List<byte[]> fencedKeys;
  private final RedlockSettings settings;
  private final QuorumFanOut fanOut;
  private final Duration roundDeadline;
  private final byte[] autoReleaseArg;
  private final Semaphore permit = new Semaphore(1);
  private final AtomicReference<Lease> lease = new AtomicReference<>();

  /** One acquisition: our value on the masters, its fencing token, and its extensions and watchdog. */
  final class Lease {
    final byte[] value;
    final long token;
    /** The acquiring round: later rounds reach each master only after its answer to this one. */
    final Round acquired;
    final AtomicInteger extensions = new AtomicInteger();
    volatile Watchdog watchdog;

    Lease(byte[] value, long token, Round acquired) {
      this.value = value;
      this.token = token;
      this.acquired = acquired;
    }
  }

  QuorumRedlock(Backend backend, String key, RedlockSettings settings) {
    this.key = key;
    this.redisKey = backend.redisKey("redlock:" + key);
    byte[] lockKey = redisKey.getBytes(StandardCharsets.UTF_8);
    this.lockKeys = List.of(lockKey);
    this.fencedKeys = List.of(lockKey, fenceKey(redisKey).getBytes(StandardCharsets.UTF_8));
    this.settings = settings;
    this.fanOut = new QuorumFanOut(backend, "Redlock \"" + key + "\"", settings.replicaWait());
    Duration timeout = backend.commandTimeout();
    this.roundDeadline = timeout.compareTo(settings.autoRelease()) < 0 ? timeout : settings.autoRelease();
    this.autoReleaseArg = Long.toString(settings.autoReleaseMillis()).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The fencing counter's key, {@link HashSlots#helperKey HashSlots.helperKey(lockKey, "fence")}: in the lock key's
   * hash slot, so that one script may touch both on a cluster. {@code {redlock:printer}:fence}; a lock key that
   * already has a hash tag keeps it: {@code redlock:{a}b:fence}. A lock key with braces but no valid tag, like
   * {@code redlock:{}b}, gets a tag from the slot table ({@code {t}:redlock:{}b:fence}); it used to get
   * {@code {redlock:{}b}:fence}, whose slot was not the lock's.
   */
  static String fenceKey(String lockKey) {
    return HashSlots.helperKey(lockKey, "fence");
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public String redisKey() {
    return redisKey;
  }

  @Override
  public Duration autoRelease() {
    return settings.autoRelease();
  }

  String description() {
    return fanOut.structure();
  }

  // ---- acquiring ----

  @Override
  public boolean acquire() {
    return acquireQuietly(Long.MAX_VALUE, false) == null;
  }

  @Override
  public boolean acquire(boolean blocking) {
    return blocking ? acquire() : acquireQuietly(System.nanoTime(), true) == null;
  }

  @Override
  public boolean acquire(boolean blocking, Duration timeout) {
    java.util.Objects.requireNonNull(timeout, "timeout");
    if (!blocking) {
      throw new IllegalArgumentException(description() + ": a timeout needs blocking = true (as in Python pottery); "
          + "use acquire(false) for one attempt");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(description() + ": timeout must not be negative, was " + timeout);
    }
    return acquireQuietly(deadline(timeout.toNanos()), false) == null;
  }

  @Override
  public void lock() {
    acquire();
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    acquireUntil(Long.MAX_VALUE, false, true);
  }

  @Override
  public boolean tryLock() {
    return acquire(false);
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    java.util.Objects.requireNonNull(unit, "unit");
    if (time <= 0) {
      return acquireUntil(System.nanoTime(), true, true) == null;
    }
    return acquireUntil(deadline(unit.toNanos(time)), false, true) == null;
  }

  @Override
  public Held hold() {
    Duration timeout = settings.timeout();
    String failure;
    if (!settings.blocking()) {
      failure = acquireQuietly(System.nanoTime(), true);
    } else {
      failure = acquireQuietly(timeout == null ? Long.MAX_VALUE : deadline(timeout.toNanos()), false);
    }
    if (failure != null) {
      String waited = !settings.blocking() ? "one attempt (blocking = false)" : "waited " + timeout.toMillis() + " ms (timeout)";
      throw new QuorumNotAchieved(description() + ": not acquired after " + waited + "; last attempt: " + failure,
          redisKey, fanOut.masters());
    }
    Lease held = lease.get();
    return new HeldLease(held);
  }

  private static long deadline(long waitNanos) {
    long now = System.nanoTime();
    return waitNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + waitNanos;
  }

  /** Acquires without interruption: an interrupt is kept for the caller. Returns null or why it failed. */
  private String acquireQuietly(long deadlineNanos, boolean oneAttempt) {
    try {
      return acquireUntil(deadlineNanos, oneAttempt, false);
    } catch (InterruptedException e) {
      throw new AssertionError("not interruptible", e);
    }
  }

  /**
   * Attempts until held or the deadline passed ({@code Long.MAX_VALUE}: never); at least one attempt.
   *
   * @return {@code null} when held, else the last attempt's failure for messages
   */
  private String acquireUntil(long deadlineNanos, boolean oneAttempt, boolean interruptible) throws InterruptedException {
    fanOut.backend().requireOpen(description());
    if (interruptible && Thread.interrupted()) {
      throw new InterruptedException(description() + ": interrupted before acquiring");
    }
    if (!takePermit(deadlineNanos, oneAttempt, interruptible)) {
      return "another thread holds or is acquiring the lock through this same instance";
    }
    boolean held = false;
    try {
      while (true) {
        String failure = attempt();
        if (failure == null) {
          held = true;
          return null;
        }
        long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        if (oneAttempt || left <= 0) {
          return failure;
        }
        long sleep = Math.min(left, ThreadLocalRandom.current().nextLong(RETRY_SLEEP_NANOS + 1));
        sleep(sleep, interruptible);
        if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0) {
          return failure;
        }
      }
    } finally {
      if (!held) {
        permit.release();
      }
    }
  }

  private boolean takePermit(long deadlineNanos, boolean oneAttempt, boolean interruptible) throws InterruptedException {
    if (oneAttempt) {
      return permit.tryAcquire();
    }
    if (deadlineNanos == Long.MAX_VALUE) {
      if (interruptible) {
        permit.acquire();
      } else {
        permit.acquireUninterruptibly();
      }
      return true;
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return permit.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          if (interruptible) {
            throw e;
          }
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(long nanos, boolean interruptible) throws InterruptedException {
    long until = System.nanoTime() + nanos;
    boolean interrupted = false;
    for (long left = nanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        if (interruptible) {
          throw new InterruptedException("interrupted while waiting to retry the lock");
        }
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One attempt on all masters; the permit is ours. Returns null when held, else why not. */
  private String attempt() {
    byte[] value = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    Round round = fanOut.runConfirmed(ACQUIRE, fencedKeys, List.of(value, autoReleaseArg),
        reply -> reply instanceof Long && (Long) reply > 0, roundDeadline, true, null);
    String failure;
    if (round.achieved() && validityMillis(start) > 0) {
      long token = 0;
      boolean agreed = true;
      for (Object reply : round.yesReplies()) {
        long counter = (Long) reply;
        if (token != 0 && counter != token) {
          agreed = false;
        }
        token = Math.max(token, counter);
      }
      if (agreed || raiseFences(value, token, round)) {
        if (validityMillis(start) > 0) {
          Lease acquired = new Lease(value, token, round);
          lease.set(acquired);
          if (settings.watchdog()) {
            acquired.watchdog = Watchdog.start(this, acquired);
          }
          return null;
        }
        failure = "acquired, but no validity left after " + elapsedMillis(start) + " of " + settings.autoReleaseMillis()
            + " ms (raise autoRelease)";
      } else {
        failure = "granted, but the fencing counters could not be aligned on a quorum";
      }
    } else {
      failure = "held on " + round.yes() + " of " + round.size() + " masters, quorum " + round.quorum() + ", "
          + elapsedMillis(start) + " of " + settings.autoReleaseMillis() + " ms used; failed: "
          + round.describeOthers("held by another holder") + slowHint(round);
    }
    // Undo the SETs that did succeed, as Python pottery does; on each master after its answer to the SET, so that
    // a late SET cannot land after its undo. Nobody reads the outcome, so nobody waits for it: a frozen master
    // would otherwise cost a second deadline per failed attempt.
    fanOut.run(RELEASE, lockKeys, List.of(value), reply -> Long.valueOf(1).equals(reply), Duration.ZERO, true, round);
    return failure;
  }

  private boolean raiseFences(byte[] value, long token, Round acquiring) {
    Round round = fanOut.runConfirmed(FENCE, fencedKeys, List.of(value, Long.toString(token).getBytes(StandardCharsets.US_ASCII)),
        reply -> Long.valueOf(1).equals(reply), roundDeadline, true, acquiring);
    return round.achieved();
  }

  private String slowHint(Round round) {
    return !round.timedOut() ? "" : "; if those masters are only slow, raise Pottery.Builder.commandTimeout (now "
        + fanOut.backend().commandTimeout().toMillis() + " ms)";
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private double validityMillis(long startNanos) {
    return settings.autoReleaseMillis() - settings.driftMillis() - elapsedMillis(startNanos);
  }

  // ---- holding ----

  @Override
  public Duration locked() {
    Lease current = lease.get();
    if (current == null) {
      return Duration.ZERO;
    }
    long start = System.nanoTime();
    Round round = fanOut.run(LOCKED, lockKeys, List.of(current.value), reply -> reply instanceof Long && (Long) reply > 0,
        roundDeadline, true, current.acquired);
    if (!round.achieved()) {
      return Duration.ZERO;
    }
    long min = Long.MAX_VALUE;
    for (Object reply : round.yesReplies()) {
      min = Math.min(min, (Long) reply);
    }
    double left = min - settings.driftMillis() - elapsedMillis(start);
    return left <= 0 ? Duration.ZERO : Duration.ofNanos((long) (left * 1_000_000));
  }

  @Override
  public OptionalLong fencingToken() {
    Lease current = lease.get();
    return current == null ? OptionalLong.empty() : OptionalLong.of(current.token);
  }

  @Override
  public void extend() {
    Lease current = lease.get();
    if (current == null) {
      throw new ExtendUnlockedLock(description() + ": cannot extend, this instance does not hold the lock; acquire it first",
          redisKey, fanOut.masters());
    }
    int used = current.extensions.getAndIncrement();
    if (used >= settings.numExtensions()) {
      current.extensions.decrementAndGet();
      throw new TooManyExtensions(description() + ": already extended " + settings.numExtensions()
          + " times for this acquisition (numExtensions); raise Redlock.Builder.numExtensions or use the watchdog",
          redisKey, fanOut.masters());
    }
    long start = System.nanoTime();
    Round round = renew(current);
    if (!round.achieved()) {
      throw new ExtendUnlockedLock(description() + ": extended on " + round.yes() + " of " + round.size()
          + " masters, quorum " + round.quorum() + ", " + elapsedMillis(start) + " ms used; the lease was lost or masters "
          + "are down; failed: " + round.describeOthers("not ours any more (expired)"), redisKey, fanOut.masters(),
          round.firstFailure());
    }
  }

  /** Resets the lease's expiry on every master that still holds its value (extend, watchdog). */
  Round renew(Lease current) {
    return fanOut.runConfirmed(EXTEND, lockKeys, List.of(current.value, autoReleaseArg), reply -> Long.valueOf(1).equals(reply),
        roundDeadline, true, current.acquired);
  }

  /** Whether {@code current} is still this instance's lease (the watchdog stops otherwise). */
  boolean isCurrent(Lease current) {
    return lease.get() == current;
  }

  RedlockSettings settings() {
    return settings;
  }

  boolean backendClosed() {
    return fanOut.backend().isClosed();
  }

  Backend backend() {
    return fanOut.backend();
  }

  // ---- releasing ----

  @Override
  public void release() {
    Lease current = lease.getAndSet(null);
    if (current == null) {
      throw new ReleaseUnlockedLock(description() + ": cannot release, this instance does not hold the lock "
          + "(never acquired, or already released)", redisKey, fanOut.masters());
    }
    releaseLease(current);
  }

  private void releaseLease(Lease current) {
    try {
      Watchdog watchdog = current.watchdog;
      if (watchdog != null) {
        watchdog.stop();
      }
      long start = System.nanoTime();
      Round round = fanOut.run(RELEASE, lockKeys, List.of(current.value), reply -> Long.valueOf(1).equals(reply),
          roundDeadline, true, current.acquired);
      if (!round.achieved()) {
        throw new ReleaseUnlockedLock(description() + ": released on " + round.yes() + " of " + round.size()
            + " masters, quorum " + round.quorum() + ", " + elapsedMillis(start) + " ms used: the lease was lost before "
            + "release (expired: raise autoRelease, extend, or use the watchdog) or masters are down; failed: "
            + round.describeOthers("not ours any more (expired)"), redisKey, fanOut.masters(), round.firstFailure());
      }
    } finally {
      permit.release();
    }
  }

  @Override
  public void unlock() {
    Lease current = lease.getAndSet(null);
    if (current == null) {
      throw new IllegalMonitorStateException(description() + ": unlock() by an instance that does not hold the lock");
    }
    releaseLease(current);
  }

  @Override
  public Condition newCondition() {
    throw new UnsupportedOperationException(description() + ": Redlock has no conditions; signal between holders "
        + "with a queue or pub/sub");
  }

  /** The lease {@link #hold()} hands out: closing it releases that lease, once. */
  private final class HeldLease implements Held {
    private final Lease held;

    HeldLease(Lease held) {
      this.held = held;
    }

    @Override
    public long fencingToken() {
      return held.token;
    }

    @Override
    public Redlock lock() {
      return QuorumRedlock.this;
    }

    @Override
    public void close() {
      if (lease.compareAndSet(held, null)) {
        releaseLease(held);
      }
    }

    @Override
    public String toString() {
      return "Redlock.Held{" + key + ", fencingToken=" + held.token + "}";
    }
  }

  /** {@code Redlock{key=printer, redisKey=redlock:printer, autoRelease=PT10S, held}}. */
  @Override
  public String toString() {
    return "Redlock{key=" + key + ", redisKey=" + redisKey + ", autoRelease=" + settings.autoRelease()
        + (lease.get() != null ? ", held" : "") + "}";
  }
}
