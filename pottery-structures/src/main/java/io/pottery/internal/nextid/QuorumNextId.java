package io.pottery.internal.nextid;

import io.pottery.NextId;
import io.pottery.QuorumNotAchieved;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.RedisErrorException;
import io.pottery.internal.quorum.QuorumFanOut;
import io.pottery.internal.quorum.ReplicaWait;
import io.pottery.internal.quorum.Round;
import io.pottery.internal.quorum.RoundOptions;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.Command;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The {@link NextId}; the algorithm and why it is safe are in its javadoc. Here, how callers share rounds:
 * callers queue up in {@code waiting}; when no round is in flight, the first caller to notice becomes the
 * leader, takes every queued caller (k of them, itself included), runs rounds until a quorum stores a range of
 * k ids, hands them out in queue order, and wakes everyone. Callers that queued during the round wait for the
 * next leader. Only the leader reads or writes {@code last}, the highest value this instance has seen; the
 * hand-over through {@code queue} (a {@link ReentrantLock}, so that a virtual thread waiting for its id does not
 * pin its carrier) makes its writes visible to the next leader.
 *
 * <p>An asynchronous caller ({@link #nextAsync()}) queues the same way but waits without a thread: its id
 * completes a future. When no round is in flight it does not lead on its own thread; a task on the async
 * executor leads instead, and when a round ends with only asynchronous callers queued (no blocking caller to
 * wake and lead), another such task takes over. So concurrent {@code nextAsync()} calls on one instance hold
 * at most one executor thread, the leader's, for the length of its rounds.
 */
final class QuorumNextId implements NextId {
  private static final Script PROPOSE = Script.fromResource(QuorumNextId.class, "nextid-propose.lua");

  /**
   * Rounds one id may take under contention before giving up (Python pottery gives up after 3); and at least
   * until the command timeout has passed, so that a burst of contention alone does not fail callers.
   */
  static final int MAX_ROUNDS = 16;

  /** A master's yes to {@code reset()}'s {@code DEL}: an integer (whether there was a key to delete or not). */
  private static final Predicate<Object> DELETED = reply -> reply instanceof Long;

  /** Lost rounds in a row that are retried at once; after them, each retry waits a short random pause. */
  static final int LOSSES_BEFORE_BACKOFF = 8;

  /** The largest gap left above the stored value under contention: bounds the holes contention makes. */
  static final long MAX_GAP = 10_000;

  /**
   * How much each call's counts weigh less than the next one's in the recent shares of ids (about the last 10
   * calls count: the turn must follow the shares quickly).
   */
  private static final double SHARE_DECAY = 0.9;

  /** How soon after our last win a call still counts what it learns as the competitors' pace. */
  private static final long WARM_NANOS = 100_000_000L;

  /** The longest turn left to competitors after a win (Python pottery needs about 1 ms for its two rounds). */
  private static final long MAX_TURN_NANOS = 5_000_000L;

  /** The longest random pause after a run of lost rounds, so that proposers stop meeting in lockstep. */
  private static final long MAX_BACKOFF_NANOS = 10_000_000L;

  private final String key;
  private final String redisKey;
  private final List<byte[]> keys;
  private final QuorumFanOut fanOut;
  /**
   * Guards {@code waiting}, {@code roundInFlight}, {@code leaderQueued} and the waiters; {@code roundDone} signals a
   * finished round.
   */
  private final ReentrantLock queue = new ReentrantLock();
  private final Condition roundDone = queue.newCondition();
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private boolean roundInFlight;
  /**
   * Whether the next round's leader is a task queued on the async executor that has not started yet. A blocking
   * caller that finds one leads instead (the task then does nothing): on a bounded executor that blocking caller
   * may be the very thread the task waits for, e.g. a continuation calling {@code nextLong()}.
   */
  private boolean leaderQueued;
  private volatile long last;
  /** Ids this instance issued recently (decayed per call). Leader only, like everything below. */
  private double recentOurs;
  /** Ids the competitors issued recently, as far as refusals showed them (decayed per call). */
  private double recentTheirs;
  /** The turn currently left to active competitors after each win; 0 when alone. */
  private long turnNanos;
  /** When (nanoTime) this instance last got ids; 0 before the first time. */
  private long lastWinNanos;
  /** When (nanoTime) the next round may start: after a win, the competitors' turn. */
  private long quietUntil = System.nanoTime();
  /**
   * The last round that wrote ids: it returns on a quorum, so slower masters' writes may still be in flight, and
   * {@link #reset()} must not delete the sequence before them (a driver may use several sockets per server).
   */
  private volatile Round lastWrite;

  /** One caller waiting for its id. Guarded by {@code queue}. */
  private static final class Waiter {
    /** An asynchronous caller's id, completed once {@code done}; null for a blocking caller. */
    final CompletableFuture<Long> async;
    long id;
    RuntimeException failure;
    boolean done;

    Waiter(CompletableFuture<Long> async) {
      this.async = async;
    }

    /** Completes an asynchronous caller's future with its id or failure (a blocking caller reads them). */
    void completeAsync() {
      if (failure != null) {
        async.completeExceptionally(new CompletionException(failure));
      } else {
        async.complete(id);
      }
    }
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

  /**
   * {@inheritDoc} The caller queues for the next shared round like a blocking caller and waits without a thread
   * (see the class comment); the stage completes on the async executor.
   */
  @Override
  public CompletionStage<Long> nextAsync() {
    Waiter me = new Waiter(new CompletableFuture<>());
    try {
      fanOut.backend().requireOpen(fanOut.structure());
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(new CompletionException(e));
    }
    boolean lead;
    queue.lock();
    try {
      waiting.add(me);
      lead = !roundInFlight;
      roundInFlight = true;
      leaderQueued |= lead;
    } finally {
      queue.unlock();
    }
    if (lead) {
      leadOnExecutor();
    }
    return me.async;
  }

  /** Where {@link #nextAsync()}'s leaders run and its stages complete: the {@code Pottery}'s async executor. */
  Executor asyncExecutor() {
    return fanOut.backend().asyncExecutor();
  }

  /**
   * Runs the next round's leader as a task on the async executor; {@code roundInFlight} and {@code leaderQueued}
   * are already set. The task leads unless a blocking caller took the lead meanwhile.
   */
  private void leadOnExecutor() {
    Runnable leader = () -> {
      boolean mine;
      queue.lock();
      try {
        mine = leaderQueued;
        leaderQueued = false;
      } finally {
        queue.unlock();
      }
      if (mine) {
        lead();
      }
    };
    try {
      asyncExecutor().execute(leader);
    } catch (RuntimeException e) {
      leader.run(); // a rejecting executor must not strand the queued callers: lead on this thread
    }
  }

  @Override
  public long nextLong() {
    fanOut.backend().requireOpen(fanOut.structure());
    Waiter me = new Waiter(null);
    boolean interrupted = false;
    queue.lock();
    try {
      waiting.add(me);
      while (!me.done && roundInFlight && !leaderQueued) {
        try {
          roundDone.await();
        } catch (InterruptedException e) {
          interrupted = true; // a round is bounded in time; finish it and keep the interrupt for the caller
        }
      }
      if (!me.done) {
        roundInFlight = true;
        leaderQueued = false; // a leader task not started yet: this thread leads instead
      }
    } finally {
      queue.unlock();
    }
    if (!me.done) {
      lead();
    }
    return result(me, interrupted);
  }

  /**
   * The leader's work, with {@code roundInFlight} set by whoever made it the leader: takes every queued caller,
   * issues their ids in one range, hands them out and wakes the blocking callers; the asynchronous ones'
   * futures complete in one task on the async executor. If only asynchronous callers queued meanwhile, nobody
   * would wake to lead them, so the lead passes to a task on the executor.
   */
  private void lead() {
    List<Waiter> batch;
    queue.lock();
    try {
      batch = new ArrayList<>(waiting);
      waiting.clear();
    } finally {
      queue.unlock();
    }
    long low = 0;
    int issued = 0;
    RuntimeException failure = null;
    try {
      long[] range = issue(batch.size());
      low = range[0];
      issued = (int) range[1];
    } catch (RuntimeException e) {
      failure = e;
    }
    List<Waiter> async = new ArrayList<>();
    boolean leadOn = false;
    queue.lock();
    try {
      for (int i = 0; i < batch.size(); i++) {
        Waiter waiter = batch.get(i);
        if (failure != null) {
          waiter.failure = failure;
        } else if (i < issued) {
          waiter.id = low + i;
        } else {
          waiter.failure = exhausted(); // the range stopped at Long.MAX_VALUE before this caller's turn
        }
        waiter.done = true;
        if (waiter.async != null) {
          async.add(waiter);
        }
      }
      leadOn = !waiting.isEmpty() && waiting.stream().allMatch(waiter -> waiter.async != null);
      roundInFlight = leadOn;
      leaderQueued = leadOn;
      roundDone.signalAll();
    } finally {
      queue.unlock();
    }
    if (!async.isEmpty()) {
      completeOnExecutor(async);
    }
    if (leadOn) {
      leadOnExecutor();
    }
  }

  /** Completes the asynchronous callers' futures in one task on the async executor, never on a caller's thread. */
  private void completeOnExecutor(List<Waiter> async) {
    Runnable complete = () -> async.forEach(Waiter::completeAsync);
    try {
      asyncExecutor().execute(complete);
    } catch (RuntimeException e) {
      complete.run(); // a rejecting executor: completing here beats never completing
    }
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

  /**
   * Runs rounds until a quorum stores a range of up to {@code count} ids (fewer only at the top of the
   * sequence); returns its first id and its length. Leader only.
   *
   * <p>Contention. A refusal carries the value the master holds, so the next proposal goes above it at once:
   * sleeping first would only let the other process issue more ids meanwhile and make this proposal stale
   * again, which is how a loser used to starve until it gave up. Proposing just above it is not enough either:
   * the winner of a round learns it won before the loser learns it lost (on each master the winner's script ran
   * first, so its replies come first), so the winner's next proposal, with the same low, reaches every master
   * first again. So from the second loss in a row the proposal leaves a gap above what the masters hold, as
   * large as the competitors' pace (how far the sequence moved during our lost round), at least doubling over a
   * run of losses; and while competitors are active, the first proposal of a call already leaves twice their
   * recent ids per call. Their next range then fits below ours, each master stores both, and both are issued,
   * non-overlapping. The gap costs holes, which the contract allows, and never safety: two issued ranges still
   * cannot overlap, and a range issued before another proposal was sent still makes that proposal fail (the
   * quorums intersect). Only a long run of losses (many proposers) adds a short random pause.
   */
  private long[] issue(int count) {
    Round round = null;
    long start = System.nanoTime();
    long budget = fanOut.backend().commandTimeout().toNanos();
    int losses = 0;
    // A call soon after our last win meets the competitors' recent pace: while they are active, start above it
    // rather than lose a round to learn it. After an idle time, or before any win, the distance the sequence
    // moved is no pace (values written by hand, a long pause): learn it first, without holes.
    boolean warm = lastWinNanos != 0 && start - lastWinNanos < WARM_NANOS;
    long gap = warm && recentTheirs * 16 > recentOurs
        ? (long) Math.min(MAX_GAP, Math.ceil(2 * recentTheirs * (1 - SHARE_DECAY))) : 0;
    long seenBefore = 0;
    long known = last;
    long refusedAt = -1;
    long quiet = quietUntil - start;
    if (quiet > 0) {
      LockSupport.parkNanos(quiet);
    }
    for (int attempt = 1; attempt <= MAX_ROUNDS || System.nanoTime() - start < budget; attempt++) {
      if (last == Long.MAX_VALUE) {
        throw exhausted();
      }
      long low = last + 1 + Math.min(gap, Long.MAX_VALUE - last - 1);
      int length = (int) Math.min(count, Long.MAX_VALUE - low + 1);
      long high = low + length - 1;
      byte[] candidate = decimal(high);
      round = fanOut.runConfirmed(PROPOSE, keys, List.of(decimal(low), candidate),
          RoundOptions.untilDecided(stored(candidate), fanOut.backend().commandTimeout()));
      lastWrite = round;
      if (round.achieved()) {
        fanOut.backend().instrumentation().event(PotteryEvent.Kind.IDS_ISSUED, "NextId", redisKey, length, 0);
        last = high;
        share(length, warm && refusedAt > known ? refusedAt - known : 0, round.elapsedNanos());
        lastWinNanos = System.nanoTime();
        return new long[] {low, length};
      }
      // Our range may be stored on some masters: never propose it again. Above it, or above what the
      // refusing masters hold, whichever is higher.
      long seen = round.yes() > 0 ? high : last;
      for (Object reply : round.noReplies()) {
        long stored = refusedAt(reply);
        refusedAt = Math.max(refusedAt, stored);
        seen = Math.max(seen, stored);
      }
      last = Math.max(last, seen);
      if (round.unreachable() > round.size() - round.quorum()) {
        throw failure(round, start);
      }
      losses++;
      // The first loss only teaches where the sequence is (after an idle time, or a value written by hand, it
      // may be far ahead: that is no pace, and no reason for holes); each further loss measures how far the
      // competitors move in one of our rounds, and the gap at least doubles, so that a run of losses ends.
      gap = losses == 1 && gap == 0 ? 0 : Math.min(MAX_GAP, Math.max(Math.max(1, 2 * gap), seen - seenBefore));
      seenBefore = seen;
      if (losses > LOSSES_BEFORE_BACKOFF) {
        long cap = Math.min(MAX_BACKOFF_NANOS, (1L << Math.min(losses - LOSSES_BEFORE_BACKOFF, 10)) * 100_000L);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(cap) + 1);
      }
    }
    throw new QuorumNotAchieved(fanOut.structure() + ": no id issued, other processes won every round for "
        + (System.nanoTime() - start) / 1_000_000 + " ms (heavy contention): stored on " + round.yes() + " of "
        + round.size() + " masters in the last round, quorum " + round.quorum() + "; failed: "
        + round.describeOthers("a higher id is stored"), redisKey, fanOut.masters(), round.firstFailure());
  }

  /**
   * Keeps the recent shares of ids and, while competitors are active (they got at least 1 in 16 of the recent
   * ids), adapts a turn left to them after each win: it grows while this instance is ahead and shrinks while
   * it is behind, so the shares meet near half each. A one-round competitor (another Java process) needs no
   * turn, thanks to the gaps, but Python pottery's reads the value in one round and proposes in a second: if a
   * proposal of ours lands between the two every time, it never wins, and how long it needs depends on its
   * speed, which only the shares tell. Alone, or behind, we never wait.
   *
   * @param ours the ids just issued
   * @param theirs how far the competitors moved the sequence beyond our last value during this call
   * @param roundNanos how long the winning round took
   */
  private void share(int ours, long theirs, long roundNanos) {
    recentOurs = recentOurs * SHARE_DECAY + ours;
    recentTheirs = recentTheirs * SHARE_DECAY + theirs;
    if (recentTheirs * 16 <= recentOurs) {
      turnNanos = 0;
      return;
    }
    if (recentOurs > 1.5 * recentTheirs) {
      turnNanos = Math.min(MAX_TURN_NANOS, Math.max(roundNanos / 2, turnNanos + turnNanos / 8));
    } else {
      // Near half each, or behind: shrink towards no turn at all, so that competitors that do fine without
      // (other Java processes) do not end up waiting for each other.
      turnNanos = turnNanos < 10_000 ? 0 : turnNanos - turnNanos / 4;
    }
    if (turnNanos > 0) {
      quietUntil = System.nanoTime() + turnNanos / 2 + ThreadLocalRandom.current().nextLong(turnNanos + 1);
    }
  }

  /** A master's yes to a proposal: it stored the range, and answered with its {@code high} end, {@code candidate}. */
  private static Predicate<Object> stored(byte[] candidate) {
    return reply -> reply instanceof byte[] && Arrays.equals((byte[]) reply, candidate);
  }

  /** The stored value a refusal {@code -<digits>} carries; 0 for any other reply (never the case). */
  private static long refusedAt(Object reply) {
    if (reply instanceof byte[]) {
      byte[] text = (byte[]) reply;
      if (text.length > 1 && text[0] == '-') {
        try {
          return Long.parseLong(new String(text, 1, text.length - 1, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          return 0; // the script validated it; an unparsable refusal teaches nothing
        }
      }
    }
    return 0;
  }

  private NoSuchElementException exhausted() {
    return new NoSuchElementException(fanOut.structure() + ": no id issued, the sequence " + redisKey
        + " reached Long.MAX_VALUE (" + Long.MAX_VALUE + "); reset() it or use another key");
  }

  private QuorumNotAchieved failure(Round round, long start) {
    // Error replies (a key of another type, a value that is not an id) are answers, not outages: say so.
    String why = round.firstFailure() instanceof RedisErrorException
        ? "too many masters answered " + redisKey + " with an error or not at all"
        : "too many masters are down or not answering";
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
  public boolean hasNext() {
    return last != Long.MAX_VALUE;
  }

  @Override
  public void reset() {
    Round round = fanOut.send(Command.builder("DEL").key(keys.get(0)).idempotent().build(),
        RoundOptions.untilEveryAnswer(DELETED, fanOut.backend().commandTimeout()).after(lastWrite));
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
