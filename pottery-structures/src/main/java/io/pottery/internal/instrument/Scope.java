package io.pottery.internal.instrument;

import io.pottery.instrumentation.Operation;
import io.pottery.instrumentation.Outcome;
import io.pottery.instrumentation.QuorumRound;

/**
 * Internal, may change: one operation in progress, from {@link Instrumentation#start} to its stop. Remembers the
 * last quorum round reported inside it, and when that round began, so that an operation can tell "another holder
 * had it" from "the masters failed", and how long a lock was waited for.
 *
 * <p>Used by one thread at a time: the starting thread, or, for a {@linkplain Instrumentation#startDetached
 * detached} scope, the thread that completes the async stage (the stage's completion orders the two); stopping
 * twice is a no-op. {@link #NONE} does nothing.
 */
public final class Scope {
  /** The scope of every operation when no listener is registered. */
  public static final Scope NONE = new Scope(null, null, null, null);

  private final Instrumentation instrumentation;
  final Operation operation;
  final Object[] contexts;
  final Scope parent;
  private final long startNanos;
  private QuorumRound lastRound;
  private long lastRoundStartNanos;
  private long attemptStartNanos;
  private boolean stopped;

  Scope(Instrumentation instrumentation, Operation operation, Object[] contexts, Scope parent) {
    this.instrumentation = instrumentation;
    this.operation = operation;
    this.contexts = contexts;
    this.parent = parent;
    this.startNanos = instrumentation == null ? 0 : System.nanoTime();
  }

  /** Whether this scope reports anything (false for {@link #NONE}). */
  public boolean active() {
    return instrumentation != null;
  }

  void record(QuorumRound round) {
    lastRound = round;
    lastRoundStartNanos = System.nanoTime() - round.elapsedNanos();
    if (round.name().endsWith("-acquire")) {
      attemptStartNanos = lastRoundStartNanos;
    }
  }

  /**
   * When the last lock attempt began (its {@code *-acquire} round), or when the operation began if none was
   * reported: the time before it is what a lock acquisition spent waiting for other holders.
   */
  public long attemptStartNanos() {
    return attemptStartNanos == 0 ? startNanos : attemptStartNanos;
  }

  /** The last quorum round reported inside this operation, or {@code null}. */
  public QuorumRound lastRound() {
    return lastRound;
  }

  /** When the last round began ({@link System#nanoTime()}), or when the operation began if none was reported. */
  public long lastRoundStartNanos() {
    return lastRound == null ? startNanos : lastRoundStartNanos;
  }

  /** When the operation began ({@link System#nanoTime()}); 0 for {@link #NONE}. */
  public long startNanos() {
    return startNanos;
  }

  /** Stops with {@link Outcome#SUCCESS}. */
  public void success() {
    stop(Outcome.SUCCESS);
  }

  /** Stops with {@code outcome} and no exception. */
  public void stop(Outcome outcome) {
    stop(outcome, null);
  }

  /**
   * Stops with the outcome an exception means ({@link Outcome#QUORUM_NOT_ACHIEVED} for Pottery's quorum failures,
   * {@link Outcome#ERROR} otherwise) and returns it, for {@code throw scope.fail(e)}.
   */
  public <T extends Throwable> T fail(T error) {
    stop(outcomeOf(error), error);
    return error;
  }

  /**
   * The outcome an exception means: a quorum failure is {@link Outcome#QUORUM_NOT_ACHIEVED}; a release or extend
   * that found the lease lost too, but only after a round ran (without one, the instance did not hold the lock:
   * a misuse, {@link Outcome#ERROR}).
   */
  Outcome outcomeOf(Throwable error) {
    if (error instanceof io.pottery.QuorumNotAchieved) {
      return Outcome.QUORUM_NOT_ACHIEVED;
    }
    if ((error instanceof io.pottery.ReleaseUnlockedLock || error instanceof io.pottery.ExtendUnlockedLock)
        && lastRound != null) {
      return Outcome.QUORUM_NOT_ACHIEVED;
    }
    return Outcome.ERROR;
  }

  /** Stops with {@code outcome} and {@code error} (may be null). */
  public void stop(Outcome outcome, Throwable error) {
    if (instrumentation == null || stopped) {
      return;
    }
    stopped = true;
    instrumentation.stopped(this, outcome, error);
  }
}
