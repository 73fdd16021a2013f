package io.pottery.internal.quorum;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Internal, may change: the answers of every master to one fan-out, as they arrive. Each master ends up in
 * one of four states: it said yes (the caller's predicate), it said no, it failed (an error reply, a
 * connection failure), or it had not answered when the round was decided ("no reply").
 *
 * <p>Thread-safe: driver threads record answers while the caller waits. Once {@link QuorumFanOut#run} has
 * returned, answers that arrive late are still recorded but no longer change what the caller decided on;
 * read the round's counts once, right after the run.
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
  private final int[] states;
  private final Object[] replies;
  private final Throwable[] failures;
  private final CompletableFuture<?>[] settled;
  private int yes;
  private int no;
  private int failed;
  private long waitedNanos;
  private boolean timedOut;

  Round(List<String> masters, int quorum, Predicate<Object> isYes, boolean stopEarly) {
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
      answer(master, value, error == null ? null : QuorumFanOut.unwrap(error));
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

  synchronized void answer(int master, Object reply, Throwable failure) {
    if (states[master] != PENDING) {
      return;
    }
    if (failure != null) {
      states[master] = FAILED;
      failures[master] = failure;
      failed++;
    } else {
      boolean accepted;
      try {
        accepted = isYes.test(reply);
      } catch (RuntimeException e) {
        // A reply of an unexpected shape is that master's failure, not the caller's crash.
        states[master] = FAILED;
        failures[master] = e;
        failed++;
        notifyAll();
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
    notifyAll();
  }

  private boolean decided() {
    int answered = yes + no + failed;
    if (answered == states.length) {
      return true;
    }
    return stopEarly && (yes >= quorum || no + failed > states.length - quorum);
  }

  synchronized void await(Duration deadline) {
    long deadlineNanos = startNanos + deadline.toNanos();
    boolean interrupted = false;
    while (!decided()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    waitedNanos = System.nanoTime() - startNanos;
    timedOut = !decided();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
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
  public synchronized int yes() {
    return yes;
  }

  /** Whether a quorum said yes. */
  public synchronized boolean achieved() {
    return yes >= quorum;
  }

  /** How many masters failed (error reply, connection failure) so far; late and missing answers excluded. */
  public synchronized int failed() {
    return failed;
  }

  /** How many masters had answered nothing (yet) when the caller stopped waiting. */
  public synchronized int silent() {
    return states.length - yes - no - failed;
  }

  /**
   * How many masters could not take part: they failed, or had not answered when the deadline passed. (Masters
   * still silent when the round was decided early are not counted: they may be merely slower.)
   */
  public synchronized int unreachable() {
    return failed + (timedOut ? states.length - yes - no - failed : 0);
  }

  /** The time from sending to the decision (or the deadline), in nanoseconds. */
  public synchronized long elapsedNanos() {
    return waitedNanos;
  }

  /** The replies of the masters that said yes, in master order. */
  public synchronized List<Object> yesReplies() {
    List<Object> out = new ArrayList<>(yes);
    for (int i = 0; i < states.length; i++) {
      if (states[i] == YES) {
        out.add(replies[i]);
      }
    }
    return out;
  }

  /** The replies of the masters that said no, in master order. */
  public synchronized List<Object> noReplies() {
    List<Object> out = new ArrayList<>(no);
    for (int i = 0; i < states.length; i++) {
      if (states[i] == NO) {
        out.add(replies[i]);
      }
    }
    return out;
  }

  /** The indexes of the masters that said yes. */
  public synchronized List<Integer> yesMasters() {
    List<Integer> out = new ArrayList<>(yes);
    for (int i = 0; i < states.length; i++) {
      if (states[i] == YES) {
        out.add(i);
      }
    }
    return out;
  }

  /** The first failure recorded, to chain as a cause, or {@code null}. */
  public synchronized Throwable firstFailure() {
    for (Throwable failure : failures) {
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  /**
   * The masters that did not say yes, with why, for messages: {@code redis://10.0.0.3:6379 (no reply in 50
   * ms), redis://10.0.0.4:6379 (connection refused), redis://10.0.0.5:6379 (held by another holder)}.
   *
   * @param no what a no answer means to the caller, e.g. {@code "held by another holder"}
   * @return the list, or {@code "none"}
   */
  public synchronized String describeOthers(String no) {
    StringBuilder sb = new StringBuilder();
    long waitedMs = waitedNanos / 1_000_000;
    for (int i = 0; i < states.length; i++) {
      String why;
      switch (states[i]) {
        case PENDING: why = timedOut ? "no reply in " + waitedMs + " ms" : "answer not awaited"; break;
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
  }

  private static String describe(Throwable failure, String master) {
    if (failure instanceof RedisErrorException) {
      return "error: " + ((RedisErrorException) failure).serverMessage();
    }
    String text = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    text = text.replace('\n', ' ');
    if (failure instanceof RedisConnectionException) {
      // The driver's message names the master and the command; the list already names the master, so keep
      // what happened: "connection refused", "no reply in 300 ms".
      int at = text.lastIndexOf(master + ": ");
      if (at >= 0) {
        text = text.substring(at + master.length() + 2);
      }
    }
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  /** Whether the caller stopped waiting at the deadline, before the round was decided. */
  public synchronized boolean timedOut() {
    return timedOut;
  }

  /** What master {@code master} answered so far, for instrumentation (pending: {@code SILENT}). */
  public synchronized io.pottery.instrumentation.QuorumRound.Answer answer(int master) {
    switch (states[master]) {
      case YES: return io.pottery.instrumentation.QuorumRound.Answer.YES;
      case NO: return io.pottery.instrumentation.QuorumRound.Answer.NO;
      case FAILED: return io.pottery.instrumentation.QuorumRound.Answer.ERROR;
      default: return io.pottery.instrumentation.QuorumRound.Answer.SILENT;
    }
  }
}
