package io.pottery.internal.quorum;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Background;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Internal, may change: the answers of every master to one fan-out, as they arrive. Each master ends up in
 * one of four states: it said yes (the caller's predicate), it said no, it failed (an error reply, a
 * connection failure), or it had not answered when the round was decided ("no reply").
 *
 * <p>The round owns its deadline, fixed when it is created (before anything is sent): a connection failure
 * (a driver's timeout, a lost connection) reported at or after it is not recorded, and that master stays "no
 * reply". A driver's own command timeout is never shorter than the round's deadline (the round's starts first,
 * and its deadline is at most the command timeout), so a master that does not answer in time is always reported
 * by the round, in the same words ({@code no reply in 300 ms}), never by whichever of two equal timers fired
 * first. Replies (yes, no, or a server's error reply) are recorded whenever they come: on a busy machine the
 * caller may start waiting only after the deadline, and an answer already there still counts, as it always
 * did.
 *
 * <p>Thread-safe: driver threads record answers while the caller waits. Once {@link QuorumFanOut#run} has
 * returned, answers that arrive before the deadline are still recorded but no longer change what the caller
 * decided on; read the round's counts once, right after the run. Waiting uses a {@link ReentrantLock} and its
 * {@link Condition}, not a monitor, so a virtual thread waiting for a round does not pin its carrier. An
 * asynchronous caller waits without a thread ({@link #decision}): the same decision, completed by the answer
 * that decides the round or by a timer at the deadline.
 */
public final class Round {
  private static final int PENDING = 0;
  private static final int YES = 1;
  private static final int NO = 2;
  private static final int FAILED = 3;

  private final List<String> masters;
  private final int quorum;
  private final Predicate<Object> isYes;
  private final boolean stopEarly;
  private final long startNanos = System.nanoTime();
  private final long deadlineNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int[] states;
  private final Object[] replies;
  private final Throwable[] failures;
  private final CompletableFuture<?>[] settled;
  private int yes;
  private int no;
  private int failed;
  private long waitedNanos;
  private boolean timedOut;
  /** The asynchronous caller's wait ({@link #decision}) until it is taken to be completed. Guarded by {@code lock}. */
  private CompletableFuture<Round> decision;
  /** Where {@code decision} completes: never a driver's I/O thread. Written before {@code decision}. */
  private volatile Executor decisionExecutor;

  /**
   * @param deadline how long from now the caller waits for answers; answers later than that are not recorded
   */
  Round(List<String> masters, int quorum, Predicate<Object> isYes, boolean stopEarly, Duration deadline) {
    this.deadlineNanos = startNanos + Math.max(0, Math.min(deadline.toNanos(), Long.MAX_VALUE / 4));
    this.masters = masters;
    this.quorum = quorum;
    this.isYes = isYes;
    this.stopEarly = stopEarly;
    this.states = new int[masters.size()];
    this.replies = new Object[masters.size()];
    this.failures = new Throwable[masters.size()];
    this.settled = new CompletableFuture<?>[masters.size()];
  }

  /** Records {@code reply} as master {@code master}'s answer when it completes. Called once per master. */
  void track(int master, CompletionStage<Object> reply) {
    settled[master] = reply.toCompletableFuture().handle((value, error) -> {
      answer(master, value, error == null ? null : Script.unwrap(error));
      return null;
    });
  }

  /** Whether master {@code master} has answered (or failed). */
  boolean settled(int master) {
    return settled[master].isDone();
  }

  /** Completes (normally) once master {@code master} has answered or failed. */
  CompletionStage<?> whenSettled(int master) {
    return settled[master];
  }

  void answer(int master, Object reply, Throwable failure) {
    lock.lock();
    try {
      if (states[master] != PENDING) {
        return;
      }
      if (failure instanceof RedisConnectionException && System.nanoTime() - deadlineNanos >= 0) {
        return; // the round's deadline came first: the round reports this master as "no reply"
      }
      if (failure != null) {
        fail(master, failure);
      } else {
        boolean accepted;
        try {
          accepted = isYes.test(reply);
        } catch (RuntimeException e) {
          // A reply of an unexpected shape is that master's failure, not the caller's crash.
          fail(master, e);
          return;
        }
        states[master] = accepted ? YES : NO;
        replies[master] = reply;
        if (accepted) {
          yes++;
        } else {
          no++;
        }
      }
    } finally {
      changed.signalAll();
      CompletableFuture<Round> decided = decision != null && decided() ? takeDecision() : null;
      lock.unlock();
      if (decided != null) {
        complete(decided);
      }
    }
  }

  private void fail(int master, Throwable failure) {
    states[master] = FAILED;
    failures[master] = failure;
    failed++;
  }

  private boolean decided() {
    int answered = yes + no + failed;
    if (answered == states.length) {
      return true;
    }
    return stopEarly && (yes >= quorum || no + failed > states.length - quorum);
  }

  /**
   * Whether the round is decided now (see {@link #await}), without waiting: {@link QuorumFanOut#runBatch} decides
   * many rounds on one thread, each as soon as its answers allow.
   */
  boolean isDecided() {
    lock.lock();
    try {
      return decided();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the round is decided or its deadline passed. Not interruptible: the wait is bounded by the
   * deadline, and the thread's interrupt status is kept for the caller.
   */
  void await() {
    boolean interrupted = false;
    lock.lock();
    try {
      while (!decided()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          changed.awaitNanos(left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      stopWaiting();
    } finally {
      lock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The caller stops waiting now: how long it waited, and whether the round was still undecided. Holds the lock. */
  private void stopWaiting() {
    waitedNanos = System.nanoTime() - startNanos;
    timedOut = !decided();
  }

  /**
   * The asynchronous {@link #await()}: a stage that completes with this round, on {@code executor}, once the
   * round is decided or its deadline passed (a task on {@code background}'s timer). No thread waits meanwhile.
   * Called once per round, by the one caller that runs it.
   *
   * @param background the {@code Pottery}'s timer, for the deadline; if the {@code Pottery} was closed, the round
   *     stops waiting at once, as at its deadline
   * @param executor where the stage completes (and so where the caller's next step runs): never a driver's I/O
   *     thread, whose answer may be the one that decides the round
   */
  CompletionStage<Round> decision(Background background, Executor executor) {
    CompletableFuture<Round> waiting = new CompletableFuture<>();
    CompletableFuture<Round> over;
    lock.lock();
    try {
      decision = waiting;
      decisionExecutor = executor;
      over = decided() || deadlineNanos - System.nanoTime() <= 0 ? takeDecision() : null;
    } finally {
      lock.unlock();
    }
    if (over != null) {
      complete(over);
      return waiting;
    }
    try {
      Future<?> timer = background.scheduleOn(this::deadlinePassed, deadlineNanos - System.nanoTime(), executor);
      waiting.whenComplete((round, error) -> timer.cancel(false)); // decided first: the timer has nothing to do
    } catch (RejectedExecutionException e) {
      deadlinePassed(); // the Pottery was closed: nobody is left to time the round
    }
    return waiting;
  }

  /**
   * The asynchronous caller's stage, taken so that exactly one of the deciding answer, the deadline's timer and
   * {@link #decision} itself completes it; the caller stops waiting now. Holds the lock; null if already taken.
   */
  private CompletableFuture<Round> takeDecision() {
    CompletableFuture<Round> taken = decision;
    decision = null;
    if (taken != null) {
      stopWaiting();
    }
    return taken;
  }

  /** The deadline's timer, on the caller's executor: the caller stops waiting, decided or not. */
  private void deadlinePassed() {
    CompletableFuture<Round> taken;
    lock.lock();
    try {
      taken = takeDecision();
    } finally {
      lock.unlock();
    }
    if (taken != null) {
      taken.complete(this);
    }
  }

  /** Completes the asynchronous caller's stage on its executor (the thread at hand may be a driver's). */
  private void complete(CompletableFuture<Round> taken) {
    try {
      decisionExecutor.execute(() -> taken.complete(this));
    } catch (RejectedExecutionException e) {
      taken.complete(this); // a shut-down executor: completing here beats never completing
    }
  }

  /** The deadline the round was given, in whole milliseconds (rounded up), as messages quote it. */
  public long deadlineMillis() {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - startNanos + 999_999);
  }

  /** The number of masters asked. */
  public int size() {
    return states.length;
  }

  /** The quorum: n/2 + 1. */
  public int quorum() {
    return quorum;
  }

  /** How many masters said yes so far. */
  public int yes() {
    lock.lock();
    try {
      return yes;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a quorum said yes. */
  public boolean achieved() {
    return yes() >= quorum;
  }

  /** How many masters failed (error reply, connection failure) so far; late and missing answers excluded. */
  public int failed() {
    lock.lock();
    try {
      return failed;
    } finally {
      lock.unlock();
    }
  }

  /** How many masters had answered nothing (yet) when the caller stopped waiting. */
  public int silent() {
    lock.lock();
    try {
      return states.length - yes - no - failed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * How many masters could not take part: they failed, or had not answered when the deadline passed. (Masters
   * still silent when the round was decided early are not counted: they may be merely slower.)
   */
  public int unreachable() {
    lock.lock();
    try {
      return failed + (timedOut ? states.length - yes - no - failed : 0);
    } finally {
      lock.unlock();
    }
  }

  /** The time from sending to the decision (or the deadline), in nanoseconds. */
  public long elapsedNanos() {
    lock.lock();
    try {
      return waitedNanos;
    } finally {
      lock.unlock();
    }
  }

  /** The replies of the masters that said yes, in master order. */
  public List<Object> yesReplies() {
    return repliesIn(YES);
  }

  /** The replies of the masters that said no, in master order. */
  public List<Object> noReplies() {
    return repliesIn(NO);
  }

  private List<Object> repliesIn(int state) {
    lock.lock();
    try {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < states.length; i++) {
        if (states[i] == state) {
          out.add(replies[i]);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** The indexes of the masters that said yes. */
  public List<Integer> yesMasters() {
    lock.lock();
    try {
      List<Integer> out = new ArrayList<>(yes);
      for (int i = 0; i < states.length; i++) {
        if (states[i] == YES) {
          out.add(i);
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** The first failure recorded, to chain as a cause, or {@code null}. */
  public Throwable firstFailure() {
    lock.lock();
    try {
      for (Throwable failure : failures) {
        if (failure != null) {
          return failure;
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The masters that did not say yes, with why, for messages: {@code redis://10.0.0.3:6379 (no reply in 50
   * ms), redis://10.0.0.4:6379 (connection refused), redis://10.0.0.5:6379 (held by another holder)}. A master
   * silent at the deadline is {@code no reply in <the round's deadline> ms}: the same words and number every
   * time, whichever timer would have fired first.
   *
   * @param no what a no answer means to the caller, e.g. {@code "held by another holder"}
   * @return the list, or {@code "none"}
   */
  public String describeOthers(String no) {
    lock.lock();
    try {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < states.length; i++) {
        String why;
        switch (states[i]) {
          case PENDING: why = timedOut ? "no reply in " + deadlineMillis() + " ms" : "answer not awaited"; break;
          case NO: why = no; break;
          case FAILED: why = describe(failures[i], masters.get(i)); break;
          default: continue;
        }
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(masters.get(i)).append(" (").append(why).append(')');
      }
      return sb.length() == 0 ? "none" : sb.toString();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why a quorum was out of reach because of failures rather than "no" answers, counting each kind, for the
   * head of a message: {@code 3 of 5 masters failed (2 answered an error, 1 did not answer within 300 ms)}.
   * Unlike "masters are down", this stays true when every master is up but answers, say, {@code WRONGTYPE}
   * or {@code OOM}; {@link #describeOthers} then says which master answered what.
   */
  public String describeFailures() {
    lock.lock();
    try {
      int errors = 0;
      int unreachableCount = 0;
      for (int i = 0; i < states.length; i++) {
        if (states[i] == FAILED) {
          if (failures[i] instanceof RedisErrorException || !(failures[i] instanceof RedisConnectionException)) {
            errors++;
          } else {
            unreachableCount++;
          }
        }
      }
      int silentCount = timedOut ? states.length - yes - no - failed : 0;
      List<String> parts = new ArrayList<>(3);
      if (errors > 0) {
        parts.add(errors + " answered an error");
      }
      if (unreachableCount > 0) {
        parts.add(unreachableCount + " could not be reached");
      }
      if (silentCount > 0) {
        parts.add(silentCount + " did not answer within " + deadlineMillis() + " ms");
      }
      return (errors + unreachableCount + silentCount) + " of " + states.length + " masters failed"
          + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why each master failed or was silent at the deadline, by master in master order: {@code error: OOM …},
   * {@code connection refused; …} or {@code no reply}, without timings, so that a caller can tell a new reason
   * from one it has already reported.
   */
  public Map<String, String> failureReasons() {
    lock.lock();
    try {
      Map<String, String> out = new LinkedHashMap<>();
      for (int i = 0; i < states.length; i++) {
        if (states[i] == FAILED) {
          out.put(masters.get(i), describe(failures[i], masters.get(i)));
        } else if (states[i] == PENDING && timedOut) {
          out.put(masters.get(i), "no reply");
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private static String describe(Throwable failure, String master) {
    if (failure instanceof RedisErrorException) {
      return "error: " + ((RedisErrorException) failure).serverMessage();
    }
    String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    text = text.replace('\n', ' ');
    if (failure instanceof RedisConnectionException) {
      // The driver's message names the master and the command; the list already names the master, so keep
      // what happened: "connection refused".
      int at = text.lastIndexOf(master + ": ");
      if (at >= 0) {
        text = text.substring(at + master.length() + 2);
      }
    }
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  /** Whether the caller stopped waiting at the deadline, before the round was decided. */
  public boolean timedOut() {
    lock.lock();
    try {
      return timedOut;
    } finally {
      lock.unlock();
    }
  }

  /** What master {@code master} answered so far, for instrumentation (pending: {@code SILENT}). */
  public io.pottery.instrumentation.QuorumRound.Answer answer(int master) {
    lock.lock(); // the lock that guards the states (a monitor here guarded nothing, and pinned virtual threads)
    try {
      switch (states[master]) {
        case YES: return io.pottery.instrumentation.QuorumRound.Answer.YES;
        case NO: return io.pottery.instrumentation.QuorumRound.Answer.NO;
        case FAILED: return io.pottery.instrumentation.QuorumRound.Answer.ERROR;
        default: return io.pottery.instrumentation.QuorumRound.Answer.SILENT;
      }
    } finally {
      lock.unlock();
    }
  }
}
