package io.pottery.internal.quorum;

import io.pottery.RedisErrorException;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.Command;
import io.pottery.spi.RedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Internal, may change: runs one Lua script on every master of a {@code Pottery} at once, and counts the
 * masters that said yes, for the quorum algorithms (Redlock, NextId).
 *
 * <p>Each master gets {@code EVALSHA} through {@link RedisConnection#executeAsync}, then {@code EVAL} only if
 * it answers {@code NOSCRIPT} (never after a connection error: the script may have run). The caller waits
 * for the {@link Round} to be decided, which happens as soon as a quorum said yes, or so many masters said no
 * or failed that a quorum is out of reach, or the deadline passed: a slow or frozen master never holds up an
 * answer the others already gave. A master that answers with an error, fails to connect or does not answer by
 * the deadline counts as a failure. The deadline is the caller's (a {@code tryLock}'s time left, say), never
 * more than the command timeout, and the round alone enforces it: the call returns by then whatever the
 * drivers' own timers do, and a master late for it is reported by the round ({@code no reply in 200 ms}).
 *
 * <p>With a {@link ReplicaWait} ({@code waitForReplicas}), {@link #runConfirmed} sends each master a pipeline of
 * the script and {@code WAIT n timeout} instead, on the {@code Pottery}'s worker threads (the SPI has no
 * asynchronous pipeline; the threads are reused, not started per master per round), and a master whose write
 * fewer than {@code n} replicas confirmed counts as failed ({@link ReplicasNotConfirmed}). Without one,
 * {@code runConfirmed} is {@link #run}: one {@code EVALSHA} per master.
 *
 * <p>{@link #runBatch} runs one script for many calls (the Redlock watchdogs' renewals) with one pipeline per
 * master, each call still judged by a {@link Round} of its own.
 *
 * <p>With one master, a round the caller waits for with the whole command timeout runs on the calling thread
 * (the driver's blocking call), without a hop to a driver thread: see {@link #onCallingThread}.
 *
 * <p>Quorum = n/2 + 1 of n masters (integer division), as in Python pottery. Immutable and thread-safe.
 */
public final class QuorumFanOut {
  private final Backend backend;
  private final String structure;
  private final int quorum;
  private final ReplicaWait replicaWait;

  /**
   * A fan-out over the masters of {@code backend}.
   *
   * @param structure what messages call the caller, e.g. {@code Redlock "printer"}
   */
  public QuorumFanOut(Backend backend, String structure) {
    this(backend, structure, null);
  }

  /**
   * A fan-out whose {@link #runConfirmed} writes wait for replicas.
   *
   * @param replicaWait the {@code waitForReplicas} setting, or {@code null} for none
   * @throws IllegalArgumentException if its timeout is not shorter than the backend's command timeout
   */
  public QuorumFanOut(Backend backend, String structure, ReplicaWait replicaWait) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.structure = Objects.requireNonNull(structure, "structure");
    this.quorum = backend.masters().size() / 2 + 1;
    if (replicaWait != null) {
      replicaWait.requireShorterThan(backend.commandTimeout(), structure);
    }
    this.replicaWait = replicaWait;
  }

  /** The number of masters. */
  public int size() {
    return backend.masters().size();
  }

  /** How many yes answers make a quorum: n/2 + 1. */
  public int quorum() {
    return quorum;
  }

  /** The masters as redacted URIs, in order. */
  public List<String> masters() {
    return backend.masters();
  }

  /** What messages call the caller, e.g. {@code Redlock "printer"}. */
  public String structure() {
    return structure;
  }

  /** The backend the masters come from. */
  public Backend backend() {
    return backend;
  }

  /**
   * Sends {@code script} to every master and waits until the round is decided (see the class comment) or the
   * options' deadline passed. Never throws for a master's failure: it is recorded in the round. An interrupt
   * does not cut the wait short (the wait is bounded by the deadline); the thread's interrupt status is kept.
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public Round run(Script script, List<byte[]> keys, List<byte[]> args, RoundOptions options) {
    Duration deadline = bounded(options.deadline());
    Round round = fanOut(options, deadline, onCallingThread(options, deadline), scriptSend(script, keys, args));
    return decided(round, script.name(), keys, options);
  }

  /** How {@code script} reaches one master (EVALSHA, then EVAL on NOSCRIPT). */
  private static Send scriptSend(Script script, List<byte[]> keys, List<byte[]> args) {
    return new Send() {
      @Override
      public CompletionStage<Object> async(RedisConnection connection) {
        return script.runAsync(connection, keys, args);
      }

      @Override
      public Object blocking(RedisConnection connection) {
        return script.run(connection, keys, args);
      }
    };
  }

  /**
   * The asynchronous {@link #run}: the same round, sent at once to every master (never on the calling thread),
   * and a stage that completes with it on the {@code Pottery}'s async executor once it is decided or its
   * deadline passed; no thread waits meanwhile. Completes exceptionally ({@link IllegalStateException}) if the
   * {@code Pottery} was closed, at the call or meanwhile.
   */
  public CompletionStage<Round> runAsync(Script script, List<byte[]> keys, List<byte[]> args, RoundOptions options) {
    Duration deadline = bounded(options.deadline());
    return attempt(() -> decidedAsync(fanOut(options, deadline, false, scriptSend(script, keys, args)),
        script.name(), keys, options));
  }

  /** The asynchronous {@link #runConfirmed}, as {@link #runAsync} is {@link #run}'s. */
  public CompletionStage<Round> runConfirmedAsync(Script script, List<byte[]> keys, List<byte[]> args,
      RoundOptions options) {
    if (replicaWait == null) {
      return runAsync(script, keys, args, options);
    }
    Duration deadline = bounded(options.deadline());
    return attempt(() -> decidedAsync(fanOut(options, deadline.plus(replicaWait.timeout()), false,
        confirmed(script, keys, args, options.isYes())), script.name(), keys, options));
  }

  /**
   * As {@link #run}, for a write that must reach replicas when this fan-out has a {@link ReplicaWait}: each
   * master then gets the script and {@code WAIT} in one pipeline, a yes whose {@code WAIT} reply is below the
   * setting is recorded as that master's failure ({@link ReplicasNotConfirmed}), and the deadline grows by the
   * {@code WAIT} timeout. Without a {@code ReplicaWait}, exactly {@code run}.
   */
  public Round runConfirmed(Script script, List<byte[]> keys, List<byte[]> args, RoundOptions options) {
    if (replicaWait == null) {
      return run(script, keys, args, options);
    }
    Duration deadline = bounded(options.deadline());
    Round round = fanOut(options, deadline.plus(replicaWait.timeout()), onCallingThread(options, deadline),
        confirmed(script, keys, args, options.isYes()));
    return decided(round, script.name(), keys, options);
  }

  /**
   * Sends a plain command to every master and waits like {@link #run}; for commands that need no script
   * (e.g. {@code DEL}).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public Round send(Command command, RoundOptions options) {
    Duration deadline = bounded(options.deadline());
    Round round = fanOut(options, deadline, onCallingThread(options, deadline), new Send() {
      @Override
      public CompletionStage<Object> async(RedisConnection connection) {
        return connection.executeAsync(command);
      }

      @Override
      public Object blocking(RedisConnection connection) {
        return connection.execute(command);
      }
    });
    round.await();
    report(command, options.deadline(), round);
    return round;
  }

  /** How one round reaches one master: without waiting (a fan-out), or on the calling thread (one master). */
  private interface Send {
    CompletionStage<Object> async(RedisConnection connection);

    Object blocking(RedisConnection connection);
  }

  /**
   * The one fan-out loop: a round over every master, each sent its command now or once it answered the
   * options' earlier round. With {@code onCallingThread} (one master, see {@link #onCallingThread}), the command
   * runs on this thread, and the round is decided when this returns.
   */
  private Round fanOut(RoundOptions options, Duration deadline, boolean onCallingThread, Send send) {
    List<RedisConnection> connections = backend.connections(structure);
    Round round = new Round(backend.masters(), quorum, options.isYes(), options.stopEarly(), deadline);
    if (onCallingThread) {
      round.track(0, attempt(() -> CompletableFuture.completedStage(send.blocking(connections.get(0)))));
      return round;
    }
    for (int i = 0; i < connections.size(); i++) {
      RedisConnection connection = connections.get(i);
      CompletionStage<Object> reply = options.mayGoNow(i)
          ? attempt(() -> send.async(connection))
          : afterEarlier(options, i, () -> send.async(connection));
      round.track(i, reply);
    }
    return round;
  }

  /** {@code send}'s stage, sent once master {@code master} has answered the options' earlier round. */
  private static CompletionStage<Object> afterEarlier(RoundOptions options, int master,
      Supplier<CompletionStage<Object>> send) {
    return options.after().whenSettled(master).thenCompose(ignored -> attempt(send));
  }

  /**
   * One call of {@link #runBatch}: a script run of {@code fanOut}'s structure, judged by a round of its own.
   *
   * @param fanOut whose structure the call serves: its masters, quorum, command timeout and listeners (the round
   *     is reported under its name, as {@link #run} reports it); must have no {@link ReplicaWait}
   * @param keys the script's {@code KEYS}
   * @param args the script's {@code ARGV}
   * @param options how the call's round is judged, its deadline, and the earlier round it must follow per master
   * @param decided takes the call's round once it is decided (or its deadline passed), on the thread that called
   *     {@code runBatch}; it must not throw
   */
  public record Batched(QuorumFanOut fanOut, List<byte[]> keys, List<byte[]> args, RoundOptions options,
      Consumer<Round> decided) {
    /**
     * Checks the call.
     *
     * @throws NullPointerException if any component is null
     */
    public Batched {
      Objects.requireNonNull(fanOut, "fanOut");
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(args, "args");
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(decided, "decided");
    }
  }

  /**
   * Runs {@code script} for many calls of one {@code Pottery} (many locks' renewals, say) with one round trip
   * per master: each master gets one pipeline carrying every call that may go to it now ({@link
   * Script#runPipelined}: {@code EVALSHA} each, {@code EVAL} again for those answering {@code NOSCRIPT}), on the
   * {@code Pottery}'s worker threads (the SPI's pipeline is blocking). A call whose options name an earlier round
   * that master {@code i} has not answered yet goes to that master alone, once it has (as in {@link #run}).
   *
   * <p>Each call keeps a {@link Round} of its own, with its own deadline (the call's, bounded by the command
   * timeout), quorum and messages, exactly as if it had been {@link #run} alone: master {@code i}'s answer to
   * call {@code k} is the {@code k}-th reply of master {@code i}'s pipeline, its error reply is that master's
   * failure for that call only, and a failed pipeline is the failure of every call it carried. Returns once every
   * round was handed to its {@code decided} consumer, each as soon as it was decided or its deadline passed,
   * whatever the other rounds wait for: a frozen master or an undecidable call never holds up the others beyond
   * their own rounds. Every round is reported to the listeners like {@link #run}'s. Not interruptible (bounded by
   * the longest deadline); the thread's interrupt status is kept.
   *
   * @throws IllegalArgumentException if the calls belong to more than one {@code Pottery}, or one's fan-out has a
   *     {@link ReplicaWait} (run those with {@link #runConfirmed})
   * @throws IllegalStateException if the {@code Pottery} was closed; then no call was sent and none decided
   */
  public static void runBatch(Script script, List<Batched> calls) {
    if (calls.isEmpty()) {
      return;
    }
    QuorumFanOut first = calls.get(0).fanOut();
    for (Batched call : calls) {
      if (call.fanOut().backend != first.backend) {
        throw new IllegalArgumentException("a batch runs on the masters of one Pottery; " + call.fanOut().structure
            + " belongs to another than " + first.structure);
      }
      if (call.fanOut().replicaWait != null) {
        throw new IllegalArgumentException(call.fanOut().structure + " waits for replicas (" + call.fanOut().replicaWait
            + "): a batch sends no WAIT; run it with runConfirmed");
      }
    }
    List<RedisConnection> connections = first.backend.connections(first.structure);
    int n = calls.size();
    Round[] rounds = new Round[n];
    long[] deadlines = new long[n];
    for (int k = 0; k < n; k++) {
      Batched call = calls.get(k);
      Duration deadline = call.fanOut().bounded(call.options().deadline());
      // Taken before the round's own start, so never after the round's deadline.
      deadlines[k] = System.nanoTime() + deadline.toNanos();
      rounds[k] = new Round(first.backend.masters(), first.quorum, call.options().isYes(), call.options().stopEarly(),
          deadline);
    }
    // Which calls heard from a master since the decision loop last looked: the loop checks only those rounds.
    BlockingQueue<Integer> answered = new LinkedBlockingQueue<>();
    for (int i = 0; i < connections.size(); i++) {
      RedisConnection connection = connections.get(i);
      List<Integer> now = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        Batched call = calls.get(k);
        if (call.options().mayGoNow(i)) {
          now.add(k);
        } else {
          rounds[k].track(i, afterEarlier(call.options(), i,
              () -> script.runAsync(connection, call.keys(), call.args())));
        }
      }
      if (!now.isEmpty()) {
        List<Script.Call> pipelined = new ArrayList<>(now.size());
        for (int k : now) {
          pipelined.add(new Script.Call(calls.get(k).keys(), calls.get(k).args()));
        }
        CompletableFuture<List<Object>> replies = attempt(() -> CompletableFuture.supplyAsync(
            () -> script.runPipelined(connection, pipelined), first.backend.background().workers()))
            .toCompletableFuture();
        for (int j = 0; j < now.size(); j++) {
          int entry = j;
          rounds[now.get(j)].track(i, replies.thenApply(outcomes -> replyIn(outcomes, entry)));
        }
      }
      for (int k = 0; k < n; k++) {
        int call = k;
        rounds[k].whenSettled(i).thenRun(() -> answered.add(call));
      }
    }
    decideEach(script, calls, rounds, deadlines, answered);
  }

  /** A call's reply among its pipeline's outcomes; an error reply or a failure fails the stage: that master's failure. */
  private static Object replyIn(List<Object> outcomes, int entry) {
    Object outcome = outcomes.get(entry);
    if (outcome instanceof RuntimeException) {
      throw (RuntimeException) outcome;
    }
    return outcome;
  }

  /**
   * Hands each round to its call's consumer as soon as it is decided (checked when one of its masters answers) or
   * its deadline passed (in order of deadline), and reports it.
   */
  private static void decideEach(Script script, List<Batched> calls, Round[] rounds, long[] deadlines,
      BlockingQueue<Integer> answered) {
    int n = rounds.length;
    Integer[] byDeadline = new Integer[n];
    for (int k = 0; k < n; k++) {
      byDeadline[k] = k;
    }
    java.util.Arrays.sort(byDeadline, (a, b) -> Long.compare(deadlines[a] - deadlines[b], 0));
    boolean[] done = new boolean[n];
    int left = n;
    int next = 0;
    boolean interrupted = false;
    while (left > 0) {
      long now = System.nanoTime();
      while (next < n && (done[byDeadline[next]] || deadlines[byDeadline[next]] - now <= 0)) {
        int k = byDeadline[next++];
        if (!done[k]) {
          done[k] = true;
          left--;
          decide(script, calls.get(k), rounds[k]);
        }
      }
      if (left == 0) {
        break;
      }
      Integer k;
      try {
        k = answered.poll(Math.max(0, deadlines[byDeadline[next]] - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
        continue;
      }
      if (k != null && !done[k] && rounds[k].isDecided()) {
        done[k] = true;
        left--;
        decide(script, calls.get(k), rounds[k]);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void decide(Script script, Batched call, Round round) {
    round.await(); // at once: decided, or its deadline passed
    call.fanOut().report(script.name(), call.keys(), call.options().deadline(), round);
    call.decided().accept(round);
  }

  /**
   * Whether a round may run on the calling thread, without handing the command to a driver thread: there is one
   * master, nothing to wait for before sending, and the caller waits the whole command timeout anyway. The
   * driver's blocking call then returns (or fails) within the command timeout, as the round would have, and a
   * late failure is still reported as the round's "no reply" (see {@link Round}). A shorter deadline (a
   * {@code tryLock(t)}'s time left) keeps the fan-out, so that a frozen master costs only that deadline.
   */
  private boolean onCallingThread(RoundOptions options, Duration deadline) {
    return backend.masters().size() == 1 && options.mayGoNow(0) && deadline.equals(backend.commandTimeout());
  }

  /** Waits for {@code round}, tells the listeners, and throws if the {@code Pottery} was closed meanwhile. */
  private Round decided(Round round, String name, List<byte[]> keys, RoundOptions options) {
    round.await();
    report(name, keys, options.deadline(), round);
    if (backend.isClosed()) {
      backend.requireOpen(structure);
    }
    return round;
  }

  /** The asynchronous {@link #decided}: the same report and closed check once the round's stage completes. */
  private CompletionStage<Round> decidedAsync(Round round, String name, List<byte[]> keys, RoundOptions options) {
    return round.decision(backend.background(), backend.asyncExecutor()).thenApply(decided -> {
      report(name, keys, options.deadline(), decided);
      if (backend.isClosed()) {
        backend.requireOpen(structure);
      }
      return decided;
    });
  }

  /**
   * {@code deadline}, but at most the command timeout: the round, not the driver, then decides when a master
   * is late, and says so in its own words (see {@link Round}).
   */
  private Duration bounded(Duration deadline) {
    return deadline.compareTo(backend.commandTimeout()) > 0 ? backend.commandTimeout() : deadline;
  }

  /**
   * The script and {@code WAIT} in one pipeline per master. The SPI has no asynchronous pipeline, so the
   * fan-out runs each master's pipeline on the {@code Pottery}'s worker threads (reused, never one new thread
   * per master per round); with one master, on the calling thread.
   */
  private Send confirmed(Script script, List<byte[]> keys, List<byte[]> args, Predicate<Object> isYes) {
    return new Send() {
      @Override
      public CompletionStage<Object> async(RedisConnection connection) {
        return CompletableFuture.supplyAsync(() -> blocking(connection), backend.background().workers());
      }

      @Override
      public Object blocking(RedisConnection connection) {
        return evalAndWait(connection, script, keys, args, isYes);
      }
    };
  }

  /** The script and WAIT in one pipeline (on a cluster, WAIT runs on the script's node and connection). */
  private Object evalAndWait(RedisConnection connection, Script script, List<byte[]> keys, List<byte[]> args,
      Predicate<Object> isYes) {
    Command wait = replicaWait.command();
    List<Object> replies;
    try {
      replies = script.run(keys, args, command -> CompletableFuture.completedStage(connection.pipeline(List.of(command, wait))),
          pipelined -> pipelined.get(0)).toCompletableFuture().join();
    } catch (CompletionException e) {
      Throwable cause = Script.unwrap(e);
      throw cause instanceof RuntimeException ? (RuntimeException) cause : e;
    }
    Object written = replies.get(0);
    if (written instanceof RedisErrorException) {
      throw (RedisErrorException) written;
    }
    if (!isYes.test(written)) {
      return written; // a no: nothing of ours to confirm
    }
    Object confirmed = replies.get(1);
    if (confirmed instanceof RedisErrorException) {
      throw (RedisErrorException) confirmed;
    }
    long replicas = (Long) confirmed;
    if (replicas < replicaWait.replicas()) {
      throw new ReplicasNotConfirmed(replicas, replicaWait, written);
    }
    return written;
  }

  /** {@code start}'s stage, or a failed stage for what it threw (a closed {@code Pottery}, a refused command). */
  private static <T> CompletionStage<T> attempt(Supplier<CompletionStage<T>> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  private void report(Command command, Duration deadline, Round round) {
    if (backend.instrumentation().enabled()) {
      int[] keys = command.keyPositions();
      report(command.name(), keys.length == 0 ? List.of() : List.of(command.arg(keys[0])), deadline, round);
    }
  }

  /** Tells the {@code Pottery}'s listeners about a decided round; nothing when there is none. */
  private void report(String name, List<byte[]> keys, Duration deadline, Round round) {
    if (backend.instrumentation().enabled()) {
      backend.instrumentation().round(structure, name, keys, deadline, round.achieved(), round.timedOut(), quorum,
          round.elapsedNanos(), round::answer);
    }
  }
}
