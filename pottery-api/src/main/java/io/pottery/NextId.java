package io.pottery;

import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * A distributed generator of unique, increasing ids, agreed by a quorum of the masters of a {@link Pottery}
 * (antirez's algorithm, as Python pottery's {@code NextID}).
 *
 * <pre>{@code
 * NextId tweetIds = pottery.nextId("tweet-ids");
 * long id = tweetIds.nextLong();
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * Every id is issued only once a quorum (n/2 + 1 of n masters) stored it, so ids are unique across threads and
 * processes, and strictly increasing in time: an id issued after another id was returned (to anyone) is
 * greater. Sequences have holes (an attempt that failed, a round that reserved ids for callers that were
 * served otherwise never reuses them). The generator keeps working with up to ⌊(n−1)/2⌋ masters down or
 * frozen, and fails with {@link QuorumNotAchieved} rather than waiting when more are.
 *
 * <h2>Algorithm: one round per id</h2>
 * Python pottery reads the current value on a quorum, then writes current + 1 with a raise-only script: two
 * rounds. This one proposes directly: it remembers the highest value it has seen, and sends {@code [low,
 * high]} = [last + 1, last + k] to every master in one script, which stores {@code high} if the stored value is
 * below {@code low}, and answers {@code high}; otherwise it stores nothing and answers the negated stored value,
 * which can never equal a candidate. The range is issued when a quorum answered {@code high}; otherwise
 * the next attempt proposes above the largest stored value the masters reported, at once: a refusal says
 * where the sequence stands, and waiting would only let another process move it further. While other
 * processes issue ids from the same key, proposals leave a gap above the stored value as large as their pace
 * (more holes, never an overlap), and an instance that got more than its share of the recent ids leaves the
 * others a short turn after each round (Python pottery needs two rounds per id). So two processes sharing a key
 * (Java or Python) both keep getting ids, and a call does not fail for contention alone while the masters
 * answer. Two ranges issued
 * on two quorums cannot overlap: some master belongs to both, and whichever range reached it second found a
 * stored value at least the first's {@code high}, hence not below its own {@code low}, and was refused there.
 * Concurrent callers of one instance share a round: the k callers waiting when a round starts get the k ids
 * of its range, in order, when it ends; callers that arrive meanwhile wait for the next round. No range
 * outlives its round, so no caller is ever handed an id older than one already returned.
 *
 * <h2>Bytes in Redis, and Python pottery</h2>
 * The string {@code nextid:<key>} on every master (after the namespace, if any) holds the last issued id as
 * decimal text, without expiry; a missing key counts as 0, so the first id is 1. Python pottery's script is
 * this one with {@code low = high}, so Java and Python processes can share a sequence and never issue the
 * same id. The script compares the decimal texts exactly (by length, then digit by digit), so ids are exact up
 * to {@link Long#MAX_VALUE}; Python's script computes with Lua doubles, so beyond 2^53 only Java's ids stay
 * exact. A stored value that is not canonical decimal text from 0 to {@code Long.MAX_VALUE} (a key written by
 * something else, Python's exponent form {@code 1e+17}, {@code 007}) is never compared or overwritten: that
 * master answers an error that quotes it.
 *
 * <p>Thread-safe. {@link #hasNext()} is true until the sequence reaches {@code Long.MAX_VALUE}; {@link #remove()}
 * is unsupported.
 *
 * @since 0.1
 */
public interface NextId extends LongSupplier, Iterator<Long> {

  /** The key as the caller named it, e.g. {@code "tweet-ids"} (Redis key {@code nextid:tweet-ids}). */
  String key();

  /** The Redis key, namespace included: {@code nextid:tweet-ids}. */
  String redisKey();

  /**
   * The next id. Usually one fan-out round trip, shared with the other threads asking at the same time; more
   * under contention with other processes, each retried at once with what the refusing masters reported (it
   * gives up only after 16 lost rounds and the command timeout).
   *
   * @throws QuorumNotAchieved if fewer than a quorum of masters could store an id; the message names the
   *     masters that failed and why (down, not answering, or what a master answered, e.g. that the stored value
   *     is not a decimal id)
   * @throws java.util.NoSuchElementException if the sequence has reached {@link Long#MAX_VALUE}; the message
   *     names the key
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  long nextLong();

  /**
   * The next id, without making the caller wait: the same rounds, answers and failures as {@link #nextLong()}
   * (a stage failed with a {@link java.util.concurrent.CompletionException} around a {@link QuorumNotAchieved},
   * a {@link java.util.NoSuchElementException} or an {@link IllegalStateException}, with the same messages).
   *
   * <p><b>Where it runs:</b> the call queues for the next round this instance runs, shared with every other
   * caller (blocking or not) queued meanwhile, and waits without a thread; the stage completes on the {@code
   * Pottery}'s async executor ({@link Pottery.Builder#asyncExecutor}, by default the {@code Pottery}'s own
   * threads). The round itself is run by one leader: a blocking caller
   * queued with it, or else a task on that executor, which holds its thread for the round (about one round trip;
   * under contention, a few, with pauses of at most a few milliseconds). So any number of ids in flight on one
   * instance hold at most one executor thread.
   *
   * @since 0.1
   */
  java.util.concurrent.CompletionStage<Long> nextAsync();

  /** The same as {@link #nextLong()}. */
  @Override
  default long getAsLong() {
    return nextLong();
  }

  /** {@link #nextLong()}, boxed. */
  @Override
  default Long next() {
    return nextLong();
  }

  /**
   * {@code true} unless this instance has seen the sequence reach {@link Long#MAX_VALUE} (then {@link #next()}
   * throws {@link java.util.NoSuchElementException}). Sends nothing to Redis.
   */
  @Override
  boolean hasNext();

  /**
   * Deletes the sequence on every master, so that the next id is 1 again. Not safe while other processes
   * issue ids from the same key: they may continue from their own last value. One fan-out round trip.
   *
   * @throws QuorumNotAchieved unless every master deleted it (as Python pottery); the message names the others
   */
  void reset();

  /**
   * Settings of a {@link NextId}, from {@link Pottery#nextIdBuilder(String)}. Each setting may be given once.
   * Not thread-safe; {@link #build()} may be called again for another instance with the same settings.
   *
   * @since 0.1
   */
  interface Builder {
    /**
     * Makes each master's write of an id range wait until {@code replicas} of that master's replicas have it:
     * right after the script, in the same pipeline and on the same connection (on a cluster, the node that owns
     * the key), Pottery sends {@code WAIT replicas timeoutMillis}. A master that reports fewer replicas within
     * {@code timeout} does not count towards the quorum, so no id is issued that only an unreplicated write
     * holds; messages name it with {@code only 0 of 1 replicas confirmed the write within 100 ms
     * (waitForReplicas)}. Off by default: then each master gets one {@code EVALSHA}, as before.
     *
     * <p>This narrows, but does not close, the window in which a failover could hand out an id twice: Redis
     * replication stays asynchronous.
     *
     * @param replicas 1 or more
     * @param timeout how long {@code WAIT} may block, at least 1 ms; it must be shorter than the command timeout
     *     ({@link Pottery.Builder#commandTimeout}), checked by {@link #build()}
     * @throws IllegalArgumentException if {@code replicas} is below 1 or {@code timeout} below 1 ms
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException if already set
     */
    Builder waitForReplicas(int replicas, java.time.Duration timeout);

    /**
     * A new id generator with these settings. Sends nothing to Redis.
     *
     * @throws IllegalArgumentException if the {@code waitForReplicas} timeout is not shorter than the command
     *     timeout
     * @throws IllegalStateException if the {@code Pottery} is closed
     */
    NextId build();
  }
}
