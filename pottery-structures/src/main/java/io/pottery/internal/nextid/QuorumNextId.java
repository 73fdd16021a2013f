package io.pottery.internal.nextid;

import io.pottery.NextId;
import io.pottery.QuorumNotAchieved;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.internal.quorum.QuorumFanOut;
import io.pottery.internal.quorum.ReplicaWait;
import io.pottery.internal.quorum.Round;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.Command;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link NextId}; the algorithm and why it is safe are in its javadoc. Here, how callers share rounds:
 * callers queue up in {@code waiting}; when no round is in flight, the first caller to notice becomes the
 * leader, takes every queued caller (k of them, itself included), runs rounds until a quorum stores a range of
 * k ids, hands them out in queue order, and wakes everyone. Callers that queued during the round wait for the
 * next leader. Only the leader reads or writes {@code last}, the highest value this instance has seen; the
 * monitor hand-over makes its writes visible to the next leader.
 */
final class QuorumNextId implements NextId {
  private static final Script PROPOSE = Script.fromResource(QuorumNextId.class, "nextid-propose.lua");

  /**
   * Rounds one id may take under contention before giving up (Python pottery gives up after 3); and at least
   * until the command timeout has passed, so that a burst of contention alone does not fail callers.
   */
  static final int MAX_ROUNDS = 16;

  /** The longest random pause after a contended round, so that two processes stop proposing in lockstep. */
  private static final long MAX_BACKOFF_NANOS = 10_000_000L;

  private final String key;
  private final String redisKey;
  private final List<byte[]> keys;
  private final QuorumFanOut fanOut;
  private final Object monitor = new Object();
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private boolean roundInFlight;
  private volatile long last;
  /**
   * The last round that wrote ids: it returns on a quorum, so slower masters' writes may still be in flight, and
   * {@link #reset()} must not delete the sequence before them (a driver may use several sockets per server).
   */
  private volatile Round lastWrite;

  /** One caller waiting for its id. Guarded by the monitor. */
  private static final class Waiter {
    long id;
    RuntimeException failure;
    boolean done;
  }

  /** @param replicaWait the {@code waitForReplicas} setting for every proposal, or {@code null} for none */
  QuorumNextId(Backend backend, String key, ReplicaWait replicaWait) {
    this.key = key;
    this.redisKey = backend.redisKey("nextid:" + key);
    this.keys = List.of(redisKey.getBytes(StandardCharsets.UTF_8));
    this.fanOut = new QuorumFanOut(backend, "NextId \"" + key + "\"", replicaWait);
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
  public long nextLong() {
    fanOut.backend().requireOpen(fanOut.structure());
    Waiter me = new Waiter();
    List<Waiter> batch;
    boolean interrupted = false;
    synchronized (monitor) {
      waiting.add(me);
      while (!me.done && roundInFlight) {
        try {
          monitor.wait();
        } catch (InterruptedException e) {
          interrupted = true; // a round is bounded in time; finish it and keep the interrupt for the caller
        }
      }
      if (me.done) {
        return result(me, interrupted);
      }
      roundInFlight = true;
      batch = new ArrayList<>(waiting);
      waiting.clear();
    }
    long low = 0;
    RuntimeException failure = null;
    try {
      low = issue(batch.size());
    } catch (RuntimeException e) {
      failure = e;
    }
    synchronized (monitor) {
      for (int i = 0; i < batch.size(); i++) {
        Waiter waiter = batch.get(i);
        waiter.id = low + i;
        waiter.failure = failure;
        waiter.done = true;
      }
      roundInFlight = false;
      monitor.notifyAll();
    }
    return result(me, interrupted);
  }

  private static long result(Waiter me, boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (me.failure != null) {
      throw me.failure;
    }
    return me.id;
  }

  /** Runs rounds until a quorum stores a range of {@code count} ids; returns its first id. Leader only. */
  private long issue(int count) {
    Round round = null;
    long start = System.nanoTime();
    long budget = fanOut.backend().commandTimeout().toNanos();
    for (int attempt = 1; attempt <= MAX_ROUNDS || System.nanoTime() - start < budget; attempt++) {
      long low = last + 1;
      long high = last + count;
      Long candidate = high;
      round = fanOut.runConfirmed(PROPOSE, keys, List.of(decimal(low), decimal(high)), candidate::equals,
          fanOut.backend().commandTimeout(), true, null);
      lastWrite = round;
      if (round.achieved()) {
        fanOut.backend().instrumentation().event(PotteryEvent.Kind.IDS_ISSUED, "NextId", redisKey, count, 0);
        last = high;
        return low;
      }
      long seen = round.yes() > 0 ? high : last;
      for (Object reply : round.noReplies()) {
        if (reply instanceof Long) {
          seen = Math.max(seen, -(Long) reply);
        }
      }
      last = Math.max(last, seen);
      if (round.unreachable() > round.size() - round.quorum()) {
        throw failure(round, start, round.describeFailures());
      }
      // Another process stored ids meanwhile. Proposing again at once tends to meet it again in lockstep
      // (both learn the same maximum at the same time): a short random pause breaks the tie.
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(Math.min(MAX_BACKOFF_NANOS, attempt * 1_000_000L) + 1));
    }
    throw failure(round, start, "other processes won every round for " + (System.nanoTime() - start) / 1_000_000
        + " ms (heavy contention)");
  }

  private QuorumNotAchieved failure(Round round, long start, String why) {
    return new QuorumNotAchieved(fanOut.structure() + ": no id issued, " + why + ": stored on " + round.yes() + " of "
        + round.size() + " masters in the last round, quorum " + round.quorum() + ", "
        + (System.nanoTime() - start) / 1_000_000 + " ms used; failed: " + round.describeOthers("a higher id is stored")
        + (round.timedOut() ? "; if those masters are only slow, raise Pottery.Builder.commandTimeout (now "
            + fanOut.backend().commandTimeout().toMillis() + " ms)" : ""),
        redisKey, fanOut.masters(), round.firstFailure());
  }

  private static byte[] decimal(long value) {
    return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public long getAsLong() {
    return nextLong();
  }

  @Override
  public Long next() {
    return nextLong();
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public void reset() {
    Round round = fanOut.send(Command.builder("DEL").key(keys.get(0)).idempotent().build(), reply -> reply instanceof Long,
        fanOut.backend().commandTimeout(), false, lastWrite);
    last = 0;
    if (round.yes() < round.size()) {
      throw new QuorumNotAchieved(fanOut.structure() + ": reset on " + round.yes() + " of " + round.size()
          + " masters; every master must delete the sequence (as in Python pottery), or ids could restart from the "
          + "survivors' values; failed: " + round.describeOthers("refused"), redisKey, fanOut.masters(), round.firstFailure());
    }
  }

  /** {@code NextId{key=tweet-ids, redisKey=nextid:tweet-ids}}. */
  @Override
  public String toString() {
    return "NextId{key=" + key + ", redisKey=" + redisKey + "}";
  }
}
