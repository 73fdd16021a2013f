package io.pottery;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A distributed lock over all the masters of a {@link Pottery}: the Redlock algorithm of redis.io, as Python
 * pottery implements it, plus a fencing token and an optional watchdog.
 *
 * <pre>{@code
 * Redlock printer = pottery.redlock("printer");
 * try (Redlock.Held held = printer.hold()) {
 *   long token = held.fencingToken();   // hand it to the resource you protect
 *   // critical section
 * }
 * }</pre>
 *
 * <h2>Algorithm</h2>
 * One attempt draws a fresh random UUID, then on every master at once runs {@code SET redlock:<key> <uuid> NX
 * PX <autoRelease ms>}. The lock is held if a quorum (n/2 + 1 of n masters) said yes and the validity, {@code
 * autoRelease − elapsed − drift} with drift = autoRelease × 1% + 2 ms, is still positive; otherwise the attempt
 * releases on every master and fails. A master that errs, cannot be reached or does not answer in time counts
 * as a no, never as an error of the lock: the lock keeps working with up to ⌊(n−1)/2⌋ masters down or frozen.
 * Blocking acquisitions retry after a random sleep, uniform in [0, 200 ms].
 *
 * <h2>Bytes in Redis, and Python pottery</h2>
 * The lock is the string {@code redlock:<key>} (after the {@code Pottery}'s namespace, if any) holding the bare
 * 36-character UUID text, with a PX expiry: exactly Python pottery's layout, so a Java process and a Python
 * process using the same key on the same masters exclude each other. Release, extend and {@link #locked()} are
 * compare-and-delete / compare-and-expire / compare-and-PTTL scripts on that value, with pottery's semantics.
 * The fencing counter lives beside the lock in {@code {redlock:<key>}:fence} (same hash slot), an integer
 * without expiry that Python pottery never reads nor writes: Python holders take no fencing token.
 *
 * <h2>Fencing tokens</h2>
 * Every successful acquisition gets a token strictly greater than the token of any earlier acquisition of the
 * same key (by any Java process on the same masters). A lock can expire while its holder still works (a long
 * GC pause, a slow network): give the token to the resource with every write, and have the resource reject a
 * write whose token is lower than the highest it has seen. That turns "two holders at once" into "the stale
 * holder's writes are refused" (Martin Kleppmann's critique of Redlock). The token costs no extra round trip:
 * the acquire script increments the counter on each master that grants the lock, and the token is the
 * maximum over the quorum; any two quorums share a master, on which the later acquisition incremented after
 * the earlier one. When the quorum's counters disagree (a master was down for a while), one more round raises
 * the lagging counters of the quorum to the token before {@code acquire} returns. A master that restarts
 * empty forgets its counter, as it forgets its locks: the classic Redlock caveat, see below.
 *
 * <h2>Ownership and threads</h2>
 * Thread-safe. The lock belongs to this instance (through its random value), not to a thread: any thread that
 * has the instance may release it, and two instances on the same key exclude each other even in one thread.
 * One instance holds at most one lease at a time: threads sharing an instance wait for each other locally
 * before contending on Redis, as with a {@link java.util.concurrent.locks.Lock}. A lease whose auto-release time
 * has passed no longer holds the instance: a thread waiting on the same instance wakes at that expiry and tries
 * (as in Python pottery, where a second {@code acquire()} succeeds once the first lease expired). Not re-entrant:
 * acquiring again through the instance that holds it waits until the lease is released or expires.
 *
 * <h2>Time limits and failures</h2>
 * Timed calls ({@link #tryLock(long, TimeUnit)}, {@link #acquire(boolean, Duration)}, {@link #hold()} with a
 * timeout) return within their own limit plus a few milliseconds, whatever the command timeout: every round waits
 * only for what is left of the caller's time (at least 20 ms for the first). Single attempts wait up to the
 * command timeout. When the masters' failures alone make a quorum impossible (errors such as {@code OOM},
 * masters down or silent), the lock logs them at WARNING on the {@code io.pottery.Redlock} {@link
 * System.Logger}, once per distinct reason until it is next acquired, and keeps trying until the caller's limit.
 *
 * <h2>Caveats</h2>
 * The validity is computed from this process's monotonic clock, with 1% + 2 ms allowed for drift between
 * machines; a holder should check {@link #locked()} or use fencing tokens rather than assume it still holds
 * the lock after long work. A master restarted without persistence forgets the locks and fencing counters it
 * held: keep masters down for at least the auto-release time before bringing them back empty.
 *
 * @since 0.1
 */
public interface Redlock extends Lock {

  /** The default auto-release time: 10 s, as Python pottery. */
  Duration DEFAULT_AUTO_RELEASE = Duration.ofSeconds(10);

  /** The default number of {@link #extend()} calls allowed per acquisition: 3, as Python pottery. */
  int DEFAULT_NUM_EXTENSIONS = 3;

  /** The key as the caller named it, e.g. {@code "printer"} (the Redis key is {@code redlock:printer}). */
  String key();

  /** The Redis key of the lock, namespace included: {@code redlock:printer}. */
  String redisKey();

  /** How long a lease lasts unless extended. */
  Duration autoRelease();

  /**
   * Acquires the lock, waiting as long as it takes (Python's {@code acquire()}). Waiting is a series of attempts
   * separated by random sleeps of up to 200 ms. Like {@link #lock()}, an interrupt does not stop the wait (the
   * interrupt status is kept for the caller); use {@link #lockInterruptibly()} or {@link #tryLock(long,
   * TimeUnit)} to be interruptible.
   *
   * @return {@code true}
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  boolean acquire();

  /**
   * One attempt when {@code blocking} is {@code false} (one fan-out round trip); otherwise waits forever, as
   * {@link #acquire()}.
   *
   * @return whether the lock is now held by this instance
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  boolean acquire(boolean blocking);

  /**
   * Tries until the lock is held or {@code timeout} passed (measured from the call); at least one attempt. With
   * {@code blocking} false, a timeout is an error, as in Python pottery. Not interruptible, as {@link
   * #acquire()}.
   *
   * @return whether the lock is now held by this instance
   * @throws IllegalArgumentException if {@code blocking} is false, or the timeout is negative
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  boolean acquire(boolean blocking, Duration timeout);

  /**
   * Releases the lock on every master (compare-and-delete on this instance's value); any thread may call it.
   * One fan-out round trip. The instance no longer holds the lock afterwards, whatever the outcome.
   *
   * @throws ReleaseUnlockedLock if this instance does not hold the lock, or fewer than a quorum of masters
   *     still held its value (the lease had expired, or masters are down)
   */
  void release();

  /**
   * The remaining validity of this instance's lease: the minimum PTTL over a quorum of masters that still hold
   * its value, minus the time the round took and the drift allowance; {@link Duration#ZERO} when this instance
   * does not hold the lock (no Redis call) or fewer than a quorum still hold it. One fan-out round trip. About
   * 9.89 s right after a default acquisition. (Python's returns seconds as a float, from the same arithmetic.)
   */
  Duration locked();

  /**
   * Resets the lease to the full auto-release time on every master that still holds this instance's value.
   * Limited to {@link Builder#numExtensions} calls per acquisition. One fan-out round trip.
   *
   * @throws TooManyExtensions if the limit was reached; nothing is sent to Redis
   * @throws ExtendUnlockedLock if this instance does not hold the lock, or fewer than a quorum still held it
   */
  void extend();

  /**
   * The fencing token of the current lease, or empty when this instance does not hold the lock (no Redis
   * call). See the class comment.
   */
  OptionalLong fencingToken();

  /**
   * Tries to acquire the lock until it is held or {@code timeout} passed (at least one attempt), without making
   * the caller wait: the twin of {@link #acquire(boolean, Duration) acquire(true, timeout)}, with the same rounds,
   * atomicity and fencing. The stage completes with the lease, which carries its {@linkplain Held#fencingToken()
   * fencing token} and releases with {@link Held#releaseAsync()} (or {@link Held#close()}), or with an empty
   * optional if the lock was not acquired in time. It fails, wrapped one level in a {@link
   * java.util.concurrent.CompletionException}, with what {@code acquire} throws ({@link IllegalStateException} if
   * the {@code Pottery} was closed).
   *
   * <p>The lock belongs to this instance, not to a thread, so the lease may be used, extended and released from
   * any thread, in any later stage: there is no thread-bound ownership for a continuation to lose. As with the
   * blocking calls, one instance holds one lease at a time: an attempt through an instance that holds a lease
   * (or is acquiring) fails at once and is retried after the pause, so chain the stages of one instance, or use
   * one instance per concurrent holder (e.g. per request).
   *
   * <p><b>Where it runs:</b> no thread waits. Each attempt sends its round to every master and is decided by
   * the answers or by a timer at its deadline (as {@code acquire(true, timeout)}, each round waits at most until
   * {@code timeout}; a zero timeout makes one attempt, as {@link #acquire(boolean) acquire(false)}, whose round
   * waits up to the command timeout); between attempts the random pause of up to 200 ms is a timer, not a sleep.
   * The steps run, and the stage completes, on the {@code Pottery}'s async executor ({@link
   * Pottery.Builder#asyncExecutor}, by default the {@code Pottery}'s own threads), each a
   * short task, never a driver's I/O thread; so thousands of acquisitions may wait on a one-thread executor.
   * Returns within {@code timeout} plus one round.
   *
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is negative (thrown at the call; nothing is sent)
   * @since 0.1
   */
  java.util.concurrent.CompletionStage<java.util.Optional<Held>> tryAcquireAsync(Duration timeout);

  /**
   * Releases the lock without making the caller wait: the twin of {@link #release()} (one fan-out round trip,
   * waited for without a thread, as {@link #tryAcquireAsync} does); any thread may call it. The lease stops being
   * this instance's at the call; the stage completes on the async executor when the masters answered. Fails,
   * wrapped in a {@link java.util.concurrent.CompletionException}, with {@link ReleaseUnlockedLock} when {@code
   * release()} would throw it. With the watchdog on, the call first stops it, which waits for a renewal in flight
   * (at most one round), so that no renewal follows the release.
   *
   * @since 0.1
   */
  java.util.concurrent.CompletionStage<Void> releaseAsync();

  /**
   * Extends the lease without making the caller wait: the twin of {@link #extend()} (one fan-out round trip,
   * waited for without a thread, as {@link #tryAcquireAsync} does; the extension is counted at the call). Fails,
   * wrapped in a {@link java.util.concurrent.CompletionException}, with {@link TooManyExtensions} or {@link
   * ExtendUnlockedLock} when {@code extend()} would throw them.
   *
   * @since 0.1
   */
  java.util.concurrent.CompletionStage<Void> extendAsync();

  /**
   * Acquires for a try-with-resources block, with the builder's {@link Builder#blocking} and {@link
   * Builder#timeout} (default: wait forever), as Python's {@code with redlock:}. Closing the result releases.
   *
   * @throws QuorumNotAchieved if the lock could not be acquired (non-blocking, or timed out); the message says
   *     how many masters granted it in the last attempt and why the others did not
   */
  Held hold();

  /**
   * {@inheritDoc}
   *
   * <p>Waits as long as it takes; an interrupt does not stop the wait (it is kept for the caller).
   */
  @Override
  void lock();

  /** {@inheritDoc} */
  @Override
  void lockInterruptibly() throws InterruptedException;

  /** {@inheritDoc} One attempt: one fan-out round trip. */
  @Override
  boolean tryLock();

  /**
   * {@inheritDoc}
   *
   * <p>A zero or negative wait makes exactly one attempt (Python pottery's {@code timeout=0} makes none).
   */
  @Override
  boolean tryLock(long time, TimeUnit unit) throws InterruptedException;

  /**
   * {@inheritDoc}
   *
   * @throws IllegalMonitorStateException if this instance does not hold the lock
   * @throws ReleaseUnlockedLock if it held it but fewer than a quorum of masters still did (expired lease)
   */
  @Override
  void unlock();

  /**
   * Unsupported: a condition would need the lock's holder to wait and be woken across processes, which Redlock
   * does not provide. Use a queue or pub/sub to signal between holders.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  Condition newCondition();

  /** A lease taken by {@link #hold()}; closing it releases the lock. */
  interface Held extends AutoCloseable {
    /** The fencing token of this lease (see {@link Redlock}). */
    long fencingToken();

    /** The lock this lease belongs to. */
    Redlock lock();

    /**
     * Releases the lease this {@code Held} handed out (and stops its watchdog), once. Quiet when that lease is no
     * longer the instance's: the block already called {@link Redlock#release()} (Python's context manager raises
     * {@link ReleaseUnlockedLock} there), or the expired lease was replaced by a new acquisition.
     *
     * @throws ReleaseUnlockedLock if the lease was lost (expired) before the release, as Python's context
     *     manager raises on exit; idempotent otherwise
     */
    @Override
    void close();

    /**
     * {@link #close()} without making the caller wait: releases this lease (one fan-out round trip, as {@link
     * Redlock#releaseAsync()}) if it is still the instance's, else completes at once. Fails, wrapped in a {@link
     * java.util.concurrent.CompletionException}, with {@link ReleaseUnlockedLock} when {@code close()} would
     * throw it. Any thread may call it.
     *
     * @since 0.1
     */
    java.util.concurrent.CompletionStage<Void> releaseAsync();
  }

  /**
   * Settings of a {@link Redlock}, from {@link Pottery#redlockBuilder(String)}. Each setting may be given once.
   * Not thread-safe; {@link #build()} may be called again for another instance with the same settings.
   */
  interface Builder {
    /** How long a lease lasts unless extended or released. Default 10 s; at least 10 ms. */
    Builder autoRelease(Duration autoRelease);

    /** How many {@link Redlock#extend()} calls one acquisition allows. Default 3; 0 or more. */
    Builder numExtensions(int numExtensions);

    /** Whether {@link Redlock#hold()} and {@code synchronize} wait for the lock. Default true. */
    Builder blocking(boolean blocking);

    /** How long {@link Redlock#hold()} and {@code synchronize} wait at most. Default: forever. */
    Builder timeout(Duration timeout);

    /**
     * Turns on the watchdog (off by default, as in Python pottery): while the lock is held, the lease is reset
     * to the full auto-release time every third of it (sometimes a little earlier), without counting against
     * {@link #numExtensions}. It stops, synchronously, in {@link Redlock#release()} / {@link Held#close()}, and
     * when the {@code Pottery} closes. Its script extends only a lease whose value is still this instance's.
     * The {@code Pottery}'s background threads renew the leases of all its watchdogs, not a thread per lock: the
     * renewals due at about the same time travel together, one pipeline (one round trip) per master, and each
     * lease is still confirmed by its own quorum (with {@link #waitForReplicas}, each lease renews alone, with
     * its {@code WAIT}). If a renewal finds the lease lost (fewer than a quorum still hold it), the watchdog stops
     * and calls {@code onLeaseLost} with the lock, on one of the {@code Pottery}'s worker threads; the holder also
     * sees {@link Redlock#locked()} return zero. A failing callback is logged, not propagated.
     */
    Builder watchdog(Consumer<? super Redlock> onLeaseLost);

    /**
     * Makes each master's part of acquire and extend wait until {@code replicas} of that master's replicas
     * have the write: right after the script, in the same pipeline and on the same connection (on a cluster, the
     * node that owns the lock key), Pottery sends {@code WAIT replicas timeoutMillis}. A master that reports
     * fewer replicas within {@code timeout} does not count towards the quorum (an acquisition is then undone on
     * it like any failed vote), and messages name it with {@code only 0 of 1 replicas confirmed the write within
     * 100 ms (waitForReplicas)}. Off by default: then each master gets one {@code EVALSHA}, as before.
     *
     * <p>This narrows, but does not close, the window in which a master's failover loses a lock: Redis
     * replication stays asynchronous, and {@code WAIT} does not make it strongly consistent.
     *
     * @param replicas 1 or more
     * @param timeout how long {@code WAIT} may block, at least 1 ms; it must be shorter than the command timeout
     *     ({@link Pottery.Builder#commandTimeout}), checked by {@link #build()}
     * @throws IllegalArgumentException if {@code replicas} is below 1 or {@code timeout} below 1 ms
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalStateException if already set
     */
    Builder waitForReplicas(int replicas, Duration timeout);

    /**
     * A new lock with these settings. Sends nothing to Redis.
     *
     * @throws IllegalArgumentException if the {@code waitForReplicas} timeout is not shorter than the command
     *     timeout
     */
    Redlock build();

    /**
     * Runs {@code body} under a fresh lock with these settings (Python's {@code @synchronize}): acquire as
     * {@link Redlock#hold()} does, run, release.
     *
     * @throws QuorumNotAchieved if the lock could not be acquired; {@code body} did not run
     * @throws ReleaseUnlockedLock if the lease was lost while {@code body} ran (its result is discarded)
     */
    <T> T synchronize(Supplier<T> body);

    /**
     * Wraps {@code function} so that each call runs under a fresh lock with these settings, as {@link
     * #synchronize(Supplier)}.
     */
    <T, R> Function<T, R> wrap(Function<T, R> function);
  }
}
