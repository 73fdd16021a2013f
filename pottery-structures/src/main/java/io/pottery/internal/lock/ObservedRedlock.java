package io.pottery.internal.lock;

import io.pottery.Redlock;
import io.pottery.instrumentation.Outcome;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.instrumentation.QuorumRound;
import io.pottery.internal.instrument.Instrumentation;
import io.pottery.internal.instrument.Scope;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.function.Supplier;

/**
 * A {@link QuorumRedlock} whose operations are reported to the {@code Pottery}'s listeners: each acquire,
 * release, extend and {@code locked()} call is one scope (its quorum rounds attach to it on this thread), with
 * the lock's wait and held times as events. Created only when a listener is registered ({@link #create}), so a
 * {@code Pottery} without listeners runs the plain lock and pays nothing.
 *
 * <p>Outcome of an acquisition that did not hold the lock: {@link Outcome#QUORUM_NOT_ACHIEVED} when the last
 * round lacked a quorum because masters failed or stayed silent past the deadline, else {@link Outcome#TIMEOUT}
 * (another holder had it, or another thread of this instance).
 */
final class ObservedRedlock implements Redlock {
  private static final String TYPE = "Redlock";

  private final QuorumRedlock lock;
  private final Instrumentation instrumentation;
  /** When the current lease was acquired ({@link System#nanoTime()}), or 0 when not held through this instance. */
  private final AtomicLong heldSince = new AtomicLong();

  /** The lock this one reports on; for tests. */
  QuorumRedlock observed() {
    return lock;
  }

  private ObservedRedlock(QuorumRedlock lock, Instrumentation instrumentation) {
    this.lock = lock;
    this.instrumentation = instrumentation;
  }

  /**
   * The lock, observed when {@code backend} has listeners. The watchdog's callback then receives this
   * observed lock, not the inner one, so that a release from the callback is reported too.
   */
  static Redlock create(Backend backend, String key, RedlockSettings settings) {
    Instrumentation instrumentation = backend.instrumentation();
    if (!instrumentation.enabled()) {
      return new QuorumRedlock(backend, key, settings);
    }
    AtomicReference<Redlock> outer = new AtomicReference<>();
    RedlockSettings observed = settings.onLeaseLost() == null ? settings
        : new RedlockSettings(settings.autoRelease(), settings.numExtensions(), settings.blocking(), settings.timeout(),
            inner -> settings.onLeaseLost().accept(outer.get()), settings.replicaWait());
    ObservedRedlock lock = new ObservedRedlock(new QuorumRedlock(backend, key, observed), instrumentation);
    outer.set(lock);
    return lock;
  }

  @FunctionalInterface
  private interface Attempt {
    boolean run() throws InterruptedException;
  }

  private boolean acquiring(Attempt attempt) throws InterruptedException {
    Scope scope = instrumentation.start(TYPE, "acquire", lock.redisKey());
    try {
      boolean held = attempt.run();
      if (held) {
        acquired(scope);
      } else {
        scope.stop(notAcquired(scope));
      }
      return held;
    } catch (InterruptedException | RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  private boolean acquiringQuietly(Attempt attempt) {
    try {
      return acquiring(attempt);
    } catch (InterruptedException e) {
      throw new AssertionError("not interruptible", e);
    }
  }

  private void acquired(Scope scope) {
    long now = System.nanoTime();
    heldSince.set(now);
    instrumentation.event(PotteryEvent.Kind.LOCK_ACQUIRED, TYPE, lock.redisKey(), 1,
        Math.max(0, scope.attemptStartNanos() - scope.startNanos()));
    scope.success();
  }

  private static Outcome notAcquired(Scope scope) {
    QuorumRound last = scope.lastRound();
    return last != null && last.quorumImpossible() ? Outcome.QUORUM_NOT_ACHIEVED : Outcome.TIMEOUT;
  }

  /** Reports the end of the lease held through this instance, once. */
  private void released() {
    long since = heldSince.getAndSet(0);
    if (since != 0) {
      instrumentation.event(PotteryEvent.Kind.LOCK_RELEASED, TYPE, lock.redisKey(), 1, System.nanoTime() - since);
    }
  }

  private void releasing(Runnable release) {
    Scope scope = instrumentation.start(TYPE, "release", lock.redisKey());
    try {
      release.run();
      released();
      scope.success();
    } catch (RuntimeException | Error e) {
      released();
      scope.fail(e);
      throw e;
    }
  }

  @Override
  public String key() {
    return lock.key();
  }

  @Override
  public String redisKey() {
    return lock.redisKey();
  }

  @Override
  public Duration autoRelease() {
    return lock.autoRelease();
  }

  @Override
  public boolean acquire() {
    return acquiringQuietly(lock::acquire);
  }

  @Override
  public boolean acquire(boolean blocking) {
    return acquiringQuietly(() -> lock.acquire(blocking));
  }

  @Override
  public boolean acquire(boolean blocking, Duration timeout) {
    return acquiringQuietly(() -> lock.acquire(blocking, timeout));
  }

  @Override
  public void release() {
    releasing(lock::release);
  }

  @Override
  public Duration locked() {
    Scope scope = instrumentation.start(TYPE, "locked", lock.redisKey());
    try {
      Duration left = lock.locked();
      scope.success();
      return left;
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  @Override
  public void extend() {
    Scope scope = instrumentation.start(TYPE, "extend", lock.redisKey());
    try {
      lock.extend();
      instrumentation.event(PotteryEvent.Kind.LOCK_EXTENDED, TYPE, lock.redisKey(), 1, 0);
      scope.success();
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  @Override
  public OptionalLong fencingToken() {
    return lock.fencingToken();
  }

  /** {@inheritDoc} Reported as an {@code acquire}, as {@link #hold()} is, from the executor's thread. */
  @Override
  public CompletionStage<Optional<Held>> tryAcquireAsync(Duration timeout) {
    CompletableFuture<Optional<Held>> attempts = lock.tryAcquireAsync(timeout);
    Scope scope = instrumentation.startDetached(TYPE, "acquire", lock.redisKey());
    return attempts.handle((held, failure) -> {
      if (failure != null) {
        scope.fail(Script.unwrap(failure));
        throw failure instanceof CompletionException
            ? (CompletionException) failure : new CompletionException(failure);
      }
      if (held.isEmpty()) {
        scope.stop(notAcquired(scope));
        return Optional.<Held>empty();
      }
      acquired(scope);
      return Optional.<Held>of(new ObservedHeld(held.get()));
    });
  }

  /** {@inheritDoc} Reported as a {@code release}, as {@link #release()} is, when the stage completes. */
  @Override
  public CompletionStage<Void> releaseAsync() {
    return releasingAsync(lock::releaseAsync);
  }

  /** {@inheritDoc} Reported as an {@code extend}, as {@link #extend()} is, when the stage completes. */
  @Override
  public CompletionStage<Void> extendAsync() {
    Scope scope = instrumentation.startDetached(TYPE, "extend", lock.redisKey());
    return lock.extendAsync().whenComplete((ignored, error) -> {
      if (error != null) {
        scope.fail(Script.unwrap(error));
        return;
      }
      instrumentation.event(PotteryEvent.Kind.LOCK_EXTENDED, TYPE, lock.redisKey(), 1, 0);
      scope.success();
    });
  }

  /** {@link #releasing} for a release whose round completes later: one detached scope, stopped with it. */
  private CompletionStage<Void> releasingAsync(Supplier<CompletionStage<Void>> release) {
    Scope scope = instrumentation.startDetached(TYPE, "release", lock.redisKey());
    return release.get().whenComplete((ignored, error) -> {
      released();
      if (error != null) {
        scope.fail(Script.unwrap(error));
      } else {
        scope.success();
      }
    });
  }

  @Override
  public Held hold() {
    Scope scope = instrumentation.start(TYPE, "acquire", lock.redisKey());
    Held held;
    try {
      held = lock.hold();
    } catch (io.pottery.QuorumNotAchieved e) {
      scope.stop(notAcquired(scope), e);
      throw e;
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
    acquired(scope);
    return new ObservedHeld(held);
  }

  @Override
  public void lock() {
    acquire();
  }

  @Override
  public void lockInterruptibly() throws InterruptedException {
    acquiring(() -> {
      lock.lockInterruptibly();
      return true;
    });
  }

  @Override
  public boolean tryLock() {
    return acquiringQuietly(lock::tryLock);
  }

  @Override
  public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
    return acquiring(() -> lock.tryLock(time, unit));
  }

  @Override
  public void unlock() {
    releasing(lock::unlock);
  }

  @Override
  public Condition newCondition() {
    return lock.newCondition();
  }

  @Override
  public String toString() {
    return lock.toString();
  }

  /** The lease {@link #hold()} hands out; closing it is reported as a release when it still holds. */
  private final class ObservedHeld implements Held {
    private final Held held;

    ObservedHeld(Held held) {
      this.held = held;
    }

    @Override
    public long fencingToken() {
      return held.fencingToken();
    }

    @Override
    public Redlock lock() {
      return ObservedRedlock.this;
    }

    @Override
    public void close() {
      OptionalLong current = lock.fencingToken();
      if (current.isPresent() && current.getAsLong() == held.fencingToken()) {
        releasing(held::close);
      } else {
        held.close();
      }
    }

    /** {@inheritDoc} Reported as {@link #close()} is: a {@code release} when this lease is still the lock's. */
    @Override
    public CompletionStage<Void> releaseAsync() {
      OptionalLong current = lock.fencingToken();
      if (current.isPresent() && current.getAsLong() == held.fencingToken()) {
        return releasingAsync(held::releaseAsync);
      }
      return held.releaseAsync();
    }

    @Override
    public String toString() {
      return held.toString();
    }
  }
}
