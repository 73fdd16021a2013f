package io.pottery.internal.lock;

import io.pottery.ExtendUnlockedLock;
import io.pottery.QuorumNotAchieved;
import io.pottery.Redlock;
import io.pottery.ReleaseUnlockedLock;
import io.pottery.TooManyExtensions;
import io.pottery.internal.quorum.QuorumFanOut;
import io.pottery.internal.quorum.Round;
import io.pottery.internal.quorum.RoundOptions;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.HashSlots;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The {@link Redlock}: see its javadoc for the contract. Here, how it is kept:
 *
 * <ul>
 *   <li>The instance is busy while one thread runs attempts through it ({@code acquiring}) or while it holds a
 *       lease that has not expired: other threads sharing the instance wait for it locally (a
 *       {@link ReentrantLock} and its {@link Condition}, so a waiting virtual thread does not pin its carrier)
 *       before they contend on Redis, so one lease's state (its UUID, token and extension count, a {@link
 *       Lease}) is never overwritten by another thread's acquisition. Any thread may release. A lease frees the
 *       instance by itself when its auto-release time has passed (as in Python pottery, where a second
 *       {@code acquire()} succeeds once the first lease expired): a waiter wakes at the lease's expiry, and the
 *       next acquisition replaces the expired lease.
 *   <li>Every timed call ({@code tryLock(t)}, {@code acquire(true, t)}, {@code hold()} with a timeout) has one
 *       deadline, and every round it runs waits at most until then (and at most the command timeout): a frozen
 *       master costs the caller its own time limit, not the command timeout. A single attempt
 *       ({@code tryLock()}, {@code acquire(false)}) waits up to the command timeout for its round.
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
  /** The extend script, which the watchdogs' batched renewals ({@link Renewals}) run too. */
  static final Script EXTEND = Script.fromResource(QuorumRedlock.class, "redlock-extend.lua");
  private static final Script LOCKED = Script.fromResource(QuorumRedlock.class, "redlock-locked.lua");

  /** A master's yes to release, extend and fence: the script answered 1 (the value was ours). */
  private static final Predicate<Object> ANSWERED_ONE = reply -> Long.valueOf(1).equals(reply);

  /**
   * A master's yes to acquire (the fencing counter it incremented) and to locked (the milliseconds left): a
   * positive integer.
   */
  private static final Predicate<Object> POSITIVE = reply -> reply instanceof Long && (Long) reply > 0;

  /** Python pottery's retry sleep: uniform in [0, 0.2 s]. */
  private static final long RETRY_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /**
   * The least time a timed call's attempt gets for its round, even when its deadline is (nearly) past: at least
   * one attempt has a chance on healthy masters, and the call still returns well within 50 ms of its limit.
   */
  static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final System.Logger LOG = System.getLogger("io.pottery.Redlock");

  private final String key;
  private final String redisKey;
  private final List<byte[]> lockKeys;
  private final List<byte[]> fencedKeys;
  private final RedlockSettings settings;
  private final QuorumFanOut fanOut;
  private final Duration roundDeadline;
  private final byte[] autoReleaseArg;
  /** Guards {@code acquiring} and the hand-over of the instance; {@code freed} signals both. */
  private final ReentrantLock instance = new ReentrantLock();
  private final Condition freed = instance.newCondition();
  /** Whether a thread is running attempts through this instance. Guarded by {@code instance}. */
  private boolean acquiring;
  private final AtomicReference<Lease> lease = new AtomicReference<>();
  /** The watchdog of the latest lease, kept after it ended; see {@link #watchdogRunning()}. */
  private volatile Watchdog latestWatchdog;
  /**
   * The masters' failure reasons (without the master: {@code error: OOM …}) already logged (see {@link #reportFailures}); cleared when the lock is acquired,
   * so that the next outage is reported again.
   */
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /** One acquisition: our value on the masters, its fencing token, and its extensions and watchdog. */
  final class Lease {
    final byte[] value;
    final long token;
    /** The acquiring round: later rounds reach each master only after its answer to this one. */
    final Round acquired;
    final AtomicInteger extensions = new AtomicInteger();
    volatile Watchdog watchdog;
    /**
     * When the lease ends unless renewed: the acquisition's (or last renewal's) start plus the auto-release time.
     * Every master got its {@code PX} after that start, so none holds our value for less.
     */
    volatile long expiresAtNanos;

    Lease(byte[] value, long token, Round acquired, long startNanos) {
      this.value = value;
      this.token = token;
      this.acquired = acquired;
      this.expiresAtNanos = startNanos + settings.autoRelease().toNanos();
    }

    boolean expired() {
      return System.nanoTime() - expiresAtNanos >= 0;
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
    Objects.requireNonNull(timeout, "timeout");
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
    throwIfInterrupted(acquireUntil(Long.MAX_VALUE, false, Interrupts.THROW));
  }

  @Override
  public boolean tryLock() {
    return acquire(false);
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    Objects.requireNonNull(unit, "unit");
    Failure failure = time <= 0
        ? acquireUntil(System.nanoTime(), true, Interrupts.THROW)
        : acquireUntil(deadline(unit.toNanos(time)), false, Interrupts.THROW);
    throwIfInterrupted(failure);
    return failure == null;
  }

  /** The checks {@code tryAcquireAsync} makes at the call, before anything runs. */
  Duration checkedTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(description() + ": timeout must not be negative, was " + timeout);
    }
    return timeout;
  }

  /**
   * {@inheritDoc} The attempts are those of {@link #acquire(boolean, Duration) acquire(true, timeout)} (or of
   * {@code acquire(false)} for a zero timeout), sent without waiting: each round completes through {@link
   * QuorumFanOut#runConfirmedAsync}, and the random pause between attempts is a task on the {@code Pottery}'s
   * timer, so a pending acquisition holds no thread.
   */
  @Override
  public CompletableFuture<Optional<Held>> tryAcquireAsync(Duration timeout) {
    long waitNanos = checkedTimeout(timeout).toNanos();
    long deadlineNanos = deadline(waitNanos);
    // As the blocking calls: one attempt waits its round up to the command timeout; a timed call, until its limit.
    long roundDeadlineNanos = waitNanos == 0 ? Long.MAX_VALUE : deadlineNanos;
    CompletableFuture<Optional<Held>> result = new CompletableFuture<>();
    Executor executor = backend().asyncExecutor();
    try {
      executor.execute(() -> attemptsAsync(roundDeadlineNanos, deadlineNanos, result));
    } catch (RuntimeException e) {
      result.completeExceptionally(new CompletionException(e));
    }
    return result;
  }

  /** Runs one attempt; completes {@code result}, or schedules the next attempt after the random pause. */
  private void attemptsAsync(long roundDeadlineNanos, long deadlineNanos, CompletableFuture<Optional<Held>> result) {
    tryHoldAsync(roundDeadlineNanos).whenComplete((held, error) -> {
      if (error != null) {
        result.completeExceptionally(new CompletionException(Script.unwrap(error)));
        return;
      }
      long left = deadlineNanos - System.nanoTime();
      if (held != null || left <= 0) {
        result.complete(Optional.ofNullable(held));
        return;
      }
      long pause = Math.min(left, ThreadLocalRandom.current().nextLong(RETRY_SLEEP_NANOS + 1));
      try {
        backend().background().scheduleOn(() -> attemptsAsync(roundDeadlineNanos, deadlineNanos, result), pause,
            backend().asyncExecutor());
      } catch (RejectedExecutionException e) {
        attemptsAsync(roundDeadlineNanos, deadlineNanos, result); // closed: the attempt fails as a closed Pottery
      }
    });
  }

  /**
   * One attempt without waiting, as one attempt of the blocking calls: none if this instance already holds a
   * lease or is acquiring (then the stage completes with null), else one {@link Attempt}. Completes with the
   * lease, or null if the attempt failed; exceptionally if the {@code Pottery} was closed.
   */
  private CompletionStage<Held> tryHoldAsync(long roundDeadlineNanos) {
    try {
      fanOut.backend().requireOpen(description());
      if (takeInstance(System.nanoTime(), true, Interrupts.KEEP) != null) {
        return CompletableFuture.completedStage(null);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
    CompletionStage<Failure> attempt;
    try {
      Attempt one = new Attempt(roundDeadlineNanos);
      attempt = fanOut.runConfirmedAsync(ACQUIRE, fencedKeys, one.acquireArgs(), one.acquiring())
          .thenCompose(round -> one.fenceDue(round)
              ? fanOut.runConfirmedAsync(FENCE, fencedKeys, one.fenceArgs(), one.fencing(round))
                  .thenApply(fence -> one.end(round, fence))
              : CompletableFuture.completedStage(one.end(round, null)));
    } catch (RuntimeException e) {
      freeInstance();
      return CompletableFuture.failedStage(e); // thrown here, it would escape the task and strand the caller's stage
    }
    return attempt.handle((failure, error) -> {
      freeInstance();
      if (error != null) {
        throw new CompletionException(Script.unwrap(error));
      }
      if (failure != null) {
        return null;
      }
      reported.clear();
      return new HeldLease(lease.get());
    });
  }

  /**
   * {@inheritDoc} The lease is taken from this instance at the call (as {@link #release()} takes it); its round
   * completes through {@link QuorumFanOut#runAsync} without a waiting thread.
   */
  @Override
  public CompletionStage<Void> releaseAsync() {
    Lease current = lease.getAndSet(null);
    if (current == null) {
      return CompletableFuture.failedStage(new CompletionException(notHeld()));
    }
    return releaseLeaseAsync(current);
  }

  /** {@inheritDoc} The checks run at the call; the round completes through {@link QuorumFanOut#runConfirmedAsync}. */
  @Override
  public CompletionStage<Void> extendAsync() {
    Lease current;
    try {
      current = extending();
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(new CompletionException(e));
    }
    long start = System.nanoTime();
    return fanOut.runConfirmedAsync(EXTEND, lockKeys, List.of(current.value, autoReleaseArg), renewOptions(current))
        .thenAccept(round -> extended(current, start, round));
  }

  @Override
  public Held hold() {
    Duration timeout = settings.timeout();
    Failure failure;
    if (!settings.blocking()) {
      failure = acquireQuietly(System.nanoTime(), true);
    } else {
      failure = acquireQuietly(timeout == null ? Long.MAX_VALUE : deadline(timeout.toNanos()), false);
    }
    if (failure != null) {
      String waited = !settings.blocking() ? "one attempt (blocking = false)" : "waited " + timeout.toMillis() + " ms (timeout)";
      throw new QuorumNotAchieved(description() + ": not acquired after " + waited + "; last attempt: " + failure.why(),
          redisKey, fanOut.masters(), failure.cause());
    }
    Lease held = lease.get();
    return new HeldLease(held);
  }

  /**
   * Why an acquisition failed: the last attempt's account, and the first master failure of its round; or, for
   * the interruptible calls only, the interrupt that ended it.
   */
  private record Failure(String why, Throwable cause, InterruptedException interrupted) {
    Failure(String why, Throwable cause) {
      this(why, cause, null);
    }

    static Failure interrupted(InterruptedException e) {
      return new Failure(e.getMessage(), null, e);
    }
  }

  /** What an interrupt does to an acquisition: ends it ({@code lockInterruptibly}, {@code tryLock(t)}) or not. */
  private enum Interrupts {
    /** Ends the acquisition with an {@link InterruptedException}. */
    THROW,
    /** Is kept for the caller (the thread's interrupt status), and the acquisition goes on. */
    KEEP
  }

  private static void throwIfInterrupted(Failure failure) throws InterruptedException {
    if (failure != null && failure.interrupted() != null) {
      throw failure.interrupted();
    }
  }

  private static long deadline(long waitNanos) {
    long now = System.nanoTime();
    return waitNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + waitNanos;
  }

  /** Acquires without interruption: an interrupt is kept for the caller. Returns null or why it failed. */
  private Failure acquireQuietly(long deadlineNanos, boolean oneAttempt) {
    return acquireUntil(deadlineNanos, oneAttempt, Interrupts.KEEP);
  }

  /**
   * Attempts until held or the deadline passed ({@code Long.MAX_VALUE}: never); at least one attempt.
   *
   * @return {@code null} when held, else the last attempt's failure for messages (or, with {@link
   *     Interrupts#THROW}, the interrupt)
   */
  private Failure acquireUntil(long deadlineNanos, boolean oneAttempt, Interrupts interrupts) {
    fanOut.backend().requireOpen(description());
    if (interrupts == Interrupts.THROW && Thread.interrupted()) {
      return Failure.interrupted(new InterruptedException(description() + ": interrupted before acquiring"));
    }
    Failure inTheWay = takeInstance(deadlineNanos, oneAttempt, interrupts);
    if (inTheWay != null) {
      return inTheWay;
    }
    try {
      while (true) {
        Failure failure = attempt(oneAttempt ? Long.MAX_VALUE : deadlineNanos);
        if (failure == null) {
          reported.clear();
          return null;
        }
        long left = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        if (oneAttempt || left <= 0) {
          return failure;
        }
        long sleep = Math.min(left, ThreadLocalRandom.current().nextLong(RETRY_SLEEP_NANOS + 1));
        InterruptedException interrupted = sleep(sleep, interrupts);
        if (interrupted != null) {
          return Failure.interrupted(interrupted);
        }
        if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - System.nanoTime() <= 0) {
          return failure;
        }
      }
    } finally {
      freeInstance();
    }
  }

  /** This thread's (or async attempt's) acquisition through the instance is over: wake the threads waiting. */
  private void freeInstance() {
    instance.lock();
    try {
      acquiring = false;
      freed.signalAll();
    } finally {
      instance.unlock();
    }
  }

  /**
   * Makes this thread the one acquiring through this instance: waits while another thread is acquiring, or
   * while the instance holds a lease that has not expired (waking at its expiry), until the deadline. An
   * expired lease is replaced: its watchdog (if any) stops, and a later {@code release()} or {@code close()}
   * of it is a no-op for this instance.
   *
   * @return {@code null} when this thread may now attempt; why not if the deadline passed (or, for one attempt,
   *     at once), or an interrupt ended the wait ({@link Interrupts#THROW} only)
   */
  private Failure takeInstance(long deadlineNanos, boolean oneAttempt, Interrupts interrupts) {
    Failure inTheWay = new Failure("another thread holds or is acquiring the lock through this same instance", null);
    Watchdog stale = null;
    boolean interrupted = false;
    if (interrupts == Interrupts.THROW) {
      try {
        instance.lockInterruptibly();
      } catch (InterruptedException e) {
        return Failure.interrupted(e);
      }
    } else {
      instance.lock();
    }
    try {
      while (true) {
        Lease current = lease.get();
        if (current != null && current.expired() && !acquiring) {
          if (lease.compareAndSet(current, null)) {
            stale = current.watchdog;
          }
          current = lease.get();
        }
        if (!acquiring && current == null) {
          acquiring = true;
          return null;
        }
        if (oneAttempt) {
          return inTheWay;
        }
        long wait = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        if (wait <= 0) {
          return inTheWay;
        }
        if (current != null) {
          // Wake when this lease expires: it frees the instance by itself.
          wait = Math.min(wait, Math.max(1, current.expiresAtNanos - System.nanoTime()));
        }
        try {
          freed.awaitNanos(wait);
        } catch (InterruptedException e) {
          if (interrupts == Interrupts.THROW) {
            return Failure.interrupted(new InterruptedException(description() + ": interrupted while another "
                + "acquisition or lease of this same instance was in the way"));
          }
          interrupted = true;
        }
      }
    } finally {
      instance.unlock();
      if (stale != null) {
        stale.stop();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Wakes the threads waiting for this instance: a lease ended, or was renewed. */
  private void signalFreed() {
    instance.lock();
    try {
      freed.signalAll();
    } finally {
      instance.unlock();
    }
  }

  /** Sleeps; returns the interrupt that ended the sleep ({@link Interrupts#THROW} only), else {@code null}. */
  private static InterruptedException sleep(long nanos, Interrupts interrupts) {
    long until = System.nanoTime() + nanos;
    boolean interrupted = false;
    for (long left = nanos; left > 0; left = until - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        if (interrupts == Interrupts.THROW) {
          return new InterruptedException("interrupted while waiting to retry the lock");
        }
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return null;
  }


  /**
   * How long a round of an attempt may wait: until the caller's deadline (never less than {@link
   * #MIN_ATTEMPT_NANOS} after the attempt's start), and at most the round deadline (command timeout or
   * auto-release time, whichever is shorter).
   */
  private Duration roundBudget(long attemptStart, long deadlineNanos) {
    if (deadlineNanos == Long.MAX_VALUE) {
      return roundDeadline;
    }
    long until = Math.max(deadlineNanos, attemptStart + MIN_ATTEMPT_NANOS);
    long left = Math.max(0, until - System.nanoTime());
    return left >= roundDeadline.toNanos() ? roundDeadline : Duration.ofNanos(left);
  }

  /**
   * One attempt on all masters; this thread is the instance's acquirer. Every round waits at most until {@code
   * deadlineNanos} (see {@link #roundBudget}). Returns null when held, else why not.
   */
  private Failure attempt(long deadlineNanos) {
    Attempt one = new Attempt(deadlineNanos);
    Round round = fanOut.runConfirmed(ACQUIRE, fencedKeys, one.acquireArgs(), one.acquiring());
    Round fence = one.fenceDue(round) ? fanOut.runConfirmed(FENCE, fencedKeys, one.fenceArgs(), one.fencing(round)) : null;
    return one.end(round, fence);
  }

  /**
   * One attempt's decisions, the same whether its rounds are waited for ({@link #attempt}) or not ({@link
   * #tryHoldAsync}): a fresh value, the acquiring round, maybe a fence round, then the lease or the undo.
   */
  private final class Attempt {
    final byte[] value = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    final long start = System.nanoTime();
    final long deadlineNanos;
    /** Whether a quorum granted the lease with validity left; set by {@link #fenceDue}. */
    boolean granted;
    /** The fencing token: the highest counter among the granting masters; set by {@link #fenceDue}. */
    long token;

    Attempt(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    List<byte[]> acquireArgs() {
      return List.of(value, autoReleaseArg);
    }

    RoundOptions acquiring() {
      return RoundOptions.untilDecided(POSITIVE, roundBudget(start, deadlineNanos));
    }

    /**
     * Reads the acquiring round: whether a quorum granted the lease, and its token. Returns whether the granting
     * masters' counters differ, so that a fence round must align them before the token is handed out.
     */
    boolean fenceDue(Round round) {
      granted = round.achieved() && validityMillis(start) > 0;
      if (!granted) {
        return false;
      }
      boolean agreed = true;
      for (Object reply : round.yesReplies()) {
        long counter = (Long) reply;
        if (token != 0 && counter != token) {
          agreed = false;
        }
        token = Math.max(token, counter);
      }
      return !agreed;
    }

    List<byte[]> fenceArgs() {
      return List.of(value, Long.toString(token).getBytes(StandardCharsets.US_ASCII));
    }

    /** The fence round reaches each master after its answer to the acquisition, within the attempt's budget. */
    RoundOptions fencing(Round acquiring) {
      return RoundOptions.untilDecided(ANSWERED_ONE, roundBudget(start, deadlineNanos)).after(acquiring);
    }

    /**
     * Ends the attempt: the lease (with its watchdog) if granted, fenced if need be, and still valid; else
     * undoes the masters' grants and says why not.
     *
     * @param fence the fence round, or null if none was due
     * @return null when held, else why not
     */
    Failure end(Round round, Round fence) {
      String failure;
      Round failed = round;
      if (granted) {
        if (fence == null || fence.achieved()) {
          if (validityMillis(start) > 0) {
            Lease acquired = new Lease(value, token, round, start);
            lease.set(acquired);
            if (settings.watchdog()) {
              acquired.watchdog = Watchdog.start(QuorumRedlock.this, acquired);
              latestWatchdog = acquired.watchdog;
            }
            return null;
          }
          failure = "acquired, but no validity left after " + elapsedMillis(start) + " of "
              + settings.autoReleaseMillis() + " ms (raise autoRelease)";
        } else {
          failed = fence;
          failure = "granted, but the fencing counters could not be aligned on a quorum; failed: "
              + fence.describeOthers("not ours any more");
        }
      } else {
        failure = "held on " + round.yes() + " of " + round.size() + " masters, quorum " + round.quorum() + ", "
            + elapsedMillis(start) + " of " + settings.autoReleaseMillis() + " ms used; "
            + (quorumLostToFailures(round) ? round.describeFailures() + "; " : "") + "failed: "
            + round.describeOthers("held by another holder") + slowHint(round);
        reportFailures(round);
      }
      // Undo the SETs that did succeed, as Python pottery does; on each master after its answer to the SET, so
      // that a late SET cannot land after its undo. Nobody reads the outcome, so nobody waits for it: a frozen
      // master would otherwise cost a second deadline per failed attempt.
      fanOut.run(RELEASE, lockKeys, List.of(value), RoundOptions.untilDecided(ANSWERED_ONE, Duration.ZERO).after(round));
      return new Failure(failure, failed.firstFailure());
    }
  }

  /** Whether the masters that failed (errors, unreachable, silent at the deadline) alone put the quorum out of reach. */
  private static boolean quorumLostToFailures(Round round) {
    return round.unreachable() > round.size() - round.quorum();
  }

  /**
   * Logs at WARNING, once per distinct reason, why an attempt could not reach a quorum when the masters'
   * failures (not other holders) made it impossible: every master answering {@code OOM}, say, would otherwise
   * make {@code lock()} retry forever in silence. The reasons are remembered until the lock is next acquired.
   */
  private void reportFailures(Round round) {
    if (!quorumLostToFailures(round) || !LOG.isLoggable(System.Logger.Level.WARNING)) {
      return;
    }
    Map<String, String> reasons = round.failureReasons();
    boolean fresh = false;
    for (String reason : reasons.values()) {
      fresh |= reported.add(reason);
    }
    if (fresh) {
      StringBuilder which = new StringBuilder();
      reasons.forEach((master, why) -> which.append(which.length() == 0 ? "" : ", ").append(master).append(" (")
          .append(why).append(')'));
      LOG.log(System.Logger.Level.WARNING, description() + ": cannot acquire, " + round.describeFailures() + ": "
          + which + "; still trying until the caller's timeout (lock(): forever). Logged once per distinct reason "
          + "until the lock is acquired");
    }
  }

  /** The hint to raise the command timeout, when the command timeout (not the caller's own limit) cut the round. */
  private String slowHint(Round round) {
    return !round.timedOut() || round.deadlineMillis() < roundDeadline.toMillis() ? "" : "; if those masters are only slow, raise Pottery.Builder.commandTimeout (now "
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
    Round round = fanOut.run(LOCKED, lockKeys, List.of(current.value),
        RoundOptions.untilDecided(POSITIVE, roundDeadline).after(current.acquired));
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
    Lease current = extending();
    long start = System.nanoTime();
    extended(current, start, renew(current));
  }

  /**
   * The lease an {@code extend} may extend, with one more extension counted.
   *
   * @throws ExtendUnlockedLock if this instance holds no lease
   * @throws TooManyExtensions if the lease was extended {@code numExtensions} times already
   */
  private Lease extending() {
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
    return current;
  }

  /**
   * Reads an extension's round: a quorum pushes the lease's local expiry (again, after {@link #renew}: the same value).
   *
   * @throws ExtendUnlockedLock if fewer than a quorum extended it
   */
  private void extended(Lease current, long start, Round round) {
    if (round.achieved()) {
      renewed(current, start);
    } else {
      throw new ExtendUnlockedLock(description() + ": extended on " + round.yes() + " of " + round.size()
          + " masters, quorum " + round.quorum() + ", " + elapsedMillis(start) + " ms used; the lease was lost or masters "
          + "are down; failed: " + round.describeOthers("not ours any more (expired)"), redisKey, fanOut.masters(),
          round.firstFailure());
    }
  }

  /**
   * Resets the lease's expiry on every master that still holds its value: {@code extend()}, and the watchdog of a
   * lease that waits for replicas (the others renew in batches, {@link #renewal}).
   */
  Round renew(Lease current) {
    long start = System.nanoTime();
    Round round = fanOut.runConfirmed(EXTEND, lockKeys, List.of(current.value, autoReleaseArg), renewOptions(current));
    if (round.achieved()) {
      renewed(current, start);
    }
    return round;
  }

  /**
   * The watchdog's renewal of {@code current} as one call of a batch ({@link QuorumFanOut#runBatch}): the script,
   * keys, arguments and round of {@link #renew}, without its {@code WAIT} (so only for leases without
   * {@code waitForReplicas}). {@code decided} gets the round; a confirmed renewal is recorded with {@link #renewed}.
   */
  QuorumFanOut.Batched renewal(Lease current, Consumer<Round> decided) {
    return new QuorumFanOut.Batched(fanOut, lockKeys, List.of(current.value, autoReleaseArg), renewOptions(current),
        decided);
  }

  /** A renewal's round: decided at quorum, within the round deadline, on each master after the acquisition. */
  private RoundOptions renewOptions(Lease current) {
    return RoundOptions.untilDecided(ANSWERED_ONE, roundDeadline).after(current.acquired);
  }

  /** Records that a quorum renewed {@code current} in a round started at {@code startNanos}. */
  void renewed(Lease current, long startNanos) {
    current.expiresAtNanos = startNanos + settings.autoRelease().toNanos();
  }

  /**
   * Whether the watchdog of this instance's latest lease (held or not any more) may still renew it: it is
   * scheduled or renewing. For tests: a released lease's watchdog must be stopped before release returns.
   */
  boolean watchdogRunning() {
    Watchdog watchdog = latestWatchdog;
    return watchdog != null && watchdog.running();
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
      throw notHeld();
    }
    releaseLease(current);
  }

  private ReleaseUnlockedLock notHeld() {
    return new ReleaseUnlockedLock(description() + ": cannot release, this instance does not hold the lock "
        + "(never acquired, or already released)", redisKey, fanOut.masters());
  }

  private void releaseLease(Lease current) {
    try {
      stopWatchdog(current);
      long start = System.nanoTime();
      released(start, fanOut.run(RELEASE, lockKeys, List.of(current.value), releasing(current)));
    } finally {
      signalFreed();
    }
  }

  /** {@link #releaseLease} whose round nobody waits for; the instance is freed when it completes. */
  private CompletionStage<Void> releaseLeaseAsync(Lease current) {
    CompletionStage<Round> round;
    long start = System.nanoTime();
    try {
      stopWatchdog(current);
      round = fanOut.runAsync(RELEASE, lockKeys, List.of(current.value), releasing(current));
    } catch (RuntimeException | Error e) {
      signalFreed();
      return CompletableFuture.failedStage(new CompletionException(e));
    }
    return round.thenAccept(decided -> released(start, decided)).whenComplete((ignored, error) -> signalFreed());
  }

  /** Stops the lease's watchdog, waiting for a renewal in flight, so that none runs after the release. */
  private static void stopWatchdog(Lease current) {
    Watchdog watchdog = current.watchdog;
    if (watchdog != null) {
      watchdog.stop();
    }
  }

  /** A release's round: each master after its answer to the acquisition, within the round deadline. */
  private RoundOptions releasing(Lease current) {
    return RoundOptions.untilDecided(ANSWERED_ONE, roundDeadline).after(current.acquired);
  }

  /**
   * Reads a release's round.
   *
   * @throws ReleaseUnlockedLock if fewer than a quorum still held the lease
   */
  private void released(long start, Round round) {
    if (!round.achieved()) {
      throw new ReleaseUnlockedLock(description() + ": released on " + round.yes() + " of " + round.size()
          + " masters, quorum " + round.quorum() + ", " + elapsedMillis(start) + " ms used: the lease was lost before "
          + "release (expired: raise autoRelease, extend, or use the watchdog) or masters are down; failed: "
          + round.describeOthers("not ours any more (expired)"), redisKey, fanOut.masters(), round.firstFailure());
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

    /** {@inheritDoc} As {@link #close()}, with the round of {@link QuorumRedlock#releaseAsync()}. */
    @Override
    public CompletionStage<Void> releaseAsync() {
      return lease.compareAndSet(held, null) ? releaseLeaseAsync(held) : CompletableFuture.completedStage(null);
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
        + (isHeld() ? ", held" : "") + "}";
  }

  /** Whether this instance holds a lease whose auto-release time has not passed (no Redis call). */
  private boolean isHeld() {
    Lease current = lease.get();
    return current != null && !current.expired();
  }
}
