package io.pottery.internal.quorum;

import io.pottery.RedisErrorException;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.Command;
import io.pottery.spi.RedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

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
 * the script and {@code WAIT n timeout} instead, on a short-lived daemon thread per master (the SPI has no
 * asynchronous pipeline), and a master whose write fewer than {@code n} replicas confirmed counts as failed
 * ({@link ReplicasNotConfirmed}). Without one, {@code runConfirmed} is {@link #run}: one {@code EVALSHA} per master.
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
   * Sends {@code script} to every master and waits until the round is decided (see the class comment) or
   * {@code deadline} passed. Never throws for a master's failure: it is recorded in the round. An interrupt
   * does not cut the wait short (the wait is bounded by the deadline); the thread's interrupt status is kept.
   *
   * @param isYes tells a yes answer from a no; called on driver threads with each master's reply
   * @param stopEarly whether to return as soon as the outcome is decided; {@code false} waits for every
   *     master (or the deadline), for operations that must see every answer
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public Round run(Script script, List<byte[]> keys, List<byte[]> args, Predicate<Object> isYes, Duration deadline, boolean stopEarly) {
    return run(script, keys, args, isYes, deadline, stopEarly, null);
  }

  /**
   * As {@link #run(Script, List, List, Predicate, Duration, boolean)}, but each master gets the script only once
   * it has answered {@code after} (or failed to): a release never overtakes, on a master, the acquisition it
   * undoes, even when the driver runs commands for one server on several sockets, or that master is slow.
   *
   * @param after an earlier round on the same masters, or {@code null}
   */
  public Round run(Script script, List<byte[]> keys, List<byte[]> args, Predicate<Object> isYes, Duration deadline,
      boolean stopEarly, Round after) {
    List<RedisConnection> connections = backend.connections(structure);
    Round round = new Round(backend.masters(), quorum, isYes, stopEarly, bounded(deadline));
    Command evalSha = script.evalSha(keys, args);
    for (int i = 0; i < connections.size(); i++) {
      RedisConnection connection = connections.get(i);
      int master = i;
      CompletionStage<Object> reply;
      if (after == null || after.settled(master)) {
        reply = evalAsync(connection, script, evalSha, keys, args);
      } else {
        reply = after.whenSettled(master).thenCompose(ignored -> evalAsync(connection, script, evalSha, keys, args));
      }
      round.track(master, reply);
    }
    round.await();
    report(script.name(), keys, deadline, round);
    if (backend.isClosed()) {
      backend.requireOpen(structure);
    }
    return round;
  }

  /**
   * {@code deadline}, but at most the command timeout: the round, not the driver, then decides when a master
   * is late, and says so in its own words (see {@link Round}).
   */
  private Duration bounded(Duration deadline) {
    Objects.requireNonNull(deadline, "deadline");
    return deadline.compareTo(backend.commandTimeout()) > 0 ? backend.commandTimeout() : deadline;
  }

  /**
   * As {@link #run(Script, List, List, Predicate, Duration, boolean, Round)}, for a write that must reach
   * replicas when this fan-out has a {@link ReplicaWait}: each master then gets the script and {@code WAIT} in one
   * pipeline, a yes whose {@code WAIT} reply is below the setting is recorded as that master's failure
   * ({@link ReplicasNotConfirmed}), and the deadline grows by the {@code WAIT} timeout. Without a
   * {@code ReplicaWait}, exactly {@code run}.
   */
  public Round runConfirmed(Script script, List<byte[]> keys, List<byte[]> args, Predicate<Object> isYes,
      Duration deadline, boolean stopEarly, Round after) {
    if (replicaWait == null) {
      return run(script, keys, args, isYes, deadline, stopEarly, after);
    }
    List<RedisConnection> connections = backend.connections(structure);
    Round round = new Round(backend.masters(), quorum, isYes, stopEarly, bounded(deadline).plus(replicaWait.timeout()));
    for (int i = 0; i < connections.size(); i++) {
      RedisConnection connection = connections.get(i);
      int master = i;
      CompletionStage<Object> reply;
      if (after == null || after.settled(master)) {
        reply = evalAndWaitAsync(connection, script, keys, args, isYes);
      } else {
        reply = after.whenSettled(master).thenCompose(ignored -> evalAndWaitAsync(connection, script, keys, args, isYes));
      }
      round.track(master, reply);
    }
    round.await();
    report(script.name(), keys, deadline, round);
    if (backend.isClosed()) {
      backend.requireOpen(structure);
    }
    return round;
  }

  private CompletionStage<Object> evalAndWaitAsync(RedisConnection connection, Script script, List<byte[]> keys,
      List<byte[]> args, Predicate<Object> isYes) {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        reply.complete(evalAndWait(connection, script, keys, args, isYes));
      } catch (RuntimeException | Error e) {
        reply.completeExceptionally(e);
      }
    }, "pottery-wait-for-replicas");
    thread.setDaemon(true);
    thread.start();
    return reply;
  }

  /** The script and WAIT in one pipeline (on a cluster, WAIT runs on the script's node and connection). */
  private Object evalAndWait(RedisConnection connection, Script script, List<byte[]> keys, List<byte[]> args,
      Predicate<Object> isYes) {
    Command wait = replicaWait.command();
    List<Object> replies = connection.pipeline(List.of(script.evalSha(keys, args), wait));
    Object written = replies.get(0);
    if (written instanceof RedisErrorException && Script.isNoScript((RedisErrorException) written)) {
      replies = connection.pipeline(List.of(script.eval(keys, args), wait));
      written = replies.get(0);
    }
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

  private static CompletionStage<Object> evalAsync(RedisConnection connection, Script script, Command evalSha,
      List<byte[]> keys, List<byte[]> args) {
    try {
      return connection.executeAsync(evalSha).exceptionallyCompose(e -> {
        Throwable cause = unwrap(e);
        if (cause instanceof RedisErrorException && Script.isNoScript((RedisErrorException) cause)) {
          return connection.executeAsync(script.eval(keys, args));
        }
        return CompletableFuture.failedStage(cause);
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  /**
   * Sends a plain command to every master and waits like {@link #run}; for commands that need no script
   * (e.g. {@code DEL}).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public Round send(Command command, Predicate<Object> isYes, Duration deadline, boolean stopEarly) {
    return send(command, isYes, deadline, stopEarly, null);
  }

  /**
   * As {@link #send(Command, Predicate, Duration, boolean)}, but each master gets the command only once it has
   * answered {@code after} (or failed to), as for {@link #run(Script, List, List, Predicate, Duration, boolean,
   * Round)}: a {@code DEL} never overtakes, on a slow master, a write still in flight from an early-decided round.
   *
   * @param after an earlier round on the same masters, or {@code null}
   */
  public Round send(Command command, Predicate<Object> isYes, Duration deadline, boolean stopEarly, Round after) {
    List<RedisConnection> connections = backend.connections(structure);
    Round round = new Round(backend.masters(), quorum, isYes, stopEarly, bounded(deadline));
    for (int i = 0; i < connections.size(); i++) {
      RedisConnection connection = connections.get(i);
      CompletionStage<Object> reply;
      if (after == null || after.settled(i)) {
        reply = executeAsync(connection, command);
      } else {
        reply = after.whenSettled(i).thenCompose(ignored -> executeAsync(connection, command));
      }
      round.track(i, reply);
    }
    round.await();
    report(command, deadline, round);
    return round;
  }

  private static CompletionStage<Object> executeAsync(RedisConnection connection, Command command) {
    try {
      return connection.executeAsync(command);
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
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
