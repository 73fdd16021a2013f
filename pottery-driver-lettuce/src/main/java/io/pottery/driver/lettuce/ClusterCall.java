package io.pottery.driver.lettuce;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.cluster.PartitionSelectorException;
import io.lettuce.core.cluster.UnknownPartitionException;
import io.netty.util.concurrent.EventExecutorGroup;
import io.pottery.internal.driver.RetryBackoff;
import io.pottery.spi.Command;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One command on a cluster, from its first attempt to its {@link #result()}: a reply, an error reply, or a
 * Pottery exception once the command's deadline (its caller's command timeout) leaves no time for another try.
 *
 * <p>An attempt that failed is sent again, after the drivers' one jittered backoff
 * ({@link RetryBackoff}), only when that cannot run the command twice: when it certainly did not run
 * ({@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code MOVED} or {@code ASK} after Lettuce's own redirections, its node
 * refused or unreachable, no master known for its slot) or when the command is idempotent. A command that is not
 * idempotent and may have run (no reply in time, or the connection dropped after sending it) fails with
 * "outcome unknown". Each such failure also asks for a topology reload, so that the next attempt goes to a
 * promoted replica as soon as the cluster has one.
 *
 * <p>Retries are scheduled on Lettuce's computation threads and never block them.
 */
final class ClusterCall {
  /** Sends one attempt of a command. */
  @FunctionalInterface
  interface Sender {
    /** Dispatches the command (a fresh Lettuce command each time) and returns its pending reply; never throws. */
    Attempt send(Command command, long deadlineNanos);
  }

  /** One attempt in flight: its reply and the node it went to (host:port), for messages. */
  record Attempt(CompletableFuture<Object> reply, String node) {}

  private enum Failure { ERROR_REPLY, NOT_RUN, MAYBE_RAN, CLOSED }

  private final Command command;
  private final long deadlineNanos;
  private final Sender sender;
  private final ClusterFailures failures;
  private final TopologyRefresher refresher;
  private final EventExecutorGroup scheduler;
  private final BooleanSupplier closed;
  private final CompletableFuture<Object> result = new CompletableFuture<>();
  private int attempts;
  private volatile String lastNode = "(none)";

  ClusterCall(Command command, long deadlineNanos, Sender sender, ClusterFailures failures, TopologyRefresher refresher,
      EventExecutorGroup scheduler, BooleanSupplier closed) {
    this.command = command;
    this.deadlineNanos = deadlineNanos;
    this.sender = sender;
    this.failures = failures;
    this.refresher = refresher;
    this.scheduler = scheduler;
    this.closed = closed;
  }

  /** The outcome: the reply, or a Pottery exception (error reply or connection failure). */
  CompletableFuture<Object> result() {
    return result;
  }

  Command command() {
    return command;
  }

  /** Sends the first attempt with the {@link Sender}. */
  ClusterCall start() {
    follow(sender.send(command, deadlineNanos));
    return this;
  }

  /** Follows a first attempt that the caller dispatched itself (a pipeline's, batched per node). */
  ClusterCall startWith(Attempt first) {
    follow(first);
    return this;
  }

  /**
   * Ends the call now, as if its attempt in flight got no reply: for a caller whose wait ran out before Lettuce's
   * own timeout was reported (its threads were late, as on an overloaded machine). A reply that comes later is
   * dropped; the command is not sent again.
   */
  void expire() {
    TimeoutException cause = new TimeoutException("no outcome within the command timeout");
    result.completeExceptionally(command.idempotent() ? failures.noReply(command, lastNode, attempts, cause)
        : failures.outcomeUnknown(command, lastNode, cause));
  }

  private void follow(Attempt attempt) {
    attempts++;
    lastNode = attempt.node();
    attempt.reply().whenComplete((reply, failure) -> {
      if (failure == null) {
        result.complete(reply);
      } else {
        failed(attempt.node(), unwrap(failure));
      }
    });
  }

  private void failed(String node, Throwable cause) {
    Failure kind = closed.getAsBoolean() ? Failure.CLOSED : classify(cause);
    switch (kind) {
      case ERROR_REPLY:
        result.completeExceptionally(failures.lettuce().commandFailed(command, cause));
        return;
      case CLOSED:
        result.completeExceptionally(failures.lettuce().commandFailed(command,
            cause instanceof CancellationException ? cause : new CancellationException("connection closed")));
        return;
      case NOT_RUN:
        refresher.request();
        if (!retryLater()) {
          result.completeExceptionally(cause instanceof RedisCommandExecutionException
              ? failures.lettuce().commandFailed(command, cause)
              : failures.notRun(command, node, attempts, cause));
        }
        return;
      default: // MAYBE_RAN
        if (!command.idempotent()) {
          result.completeExceptionally(failures.outcomeUnknown(command, node, cause));
          return;
        }
        refresher.request();
        if (!retryLater()) {
          result.completeExceptionally(failures.noReply(command, node, attempts, cause));
        }
    }
  }

  /** Schedules the next attempt if it can start before the deadline; false if it cannot. */
  private boolean retryLater() {
    long wait = RetryBackoff.waitNanos(attempts, deadlineNanos);
    if (wait < 0) {
      return false;
    }
    try {
      scheduler.schedule(this::retryNow, wait, TimeUnit.NANOSECONDS);
      return true;
    } catch (RuntimeException rejected) {
      // The event loops are shutting down: the connection is closed.
      return false;
    }
  }

  private void retryNow() {
    if (closed.getAsBoolean()) {
      result.completeExceptionally(failures.lettuce().commandFailed(command, new CancellationException("connection closed")));
      return;
    }
    follow(sender.send(command, deadlineNanos));
  }

  private static Failure classify(Throwable cause) {
    if (cause instanceof RedisCommandExecutionException) {
      String text = cause.getMessage() == null ? "" : cause.getMessage();
      return text.startsWith("CLUSTERDOWN") || text.startsWith("TRYAGAIN") || text.startsWith("MOVED")
          || text.startsWith("ASK ") ? Failure.NOT_RUN : Failure.ERROR_REPLY;
    }
    if (cause instanceof NotSent || cause instanceof PartitionSelectorException
        || cause instanceof UnknownPartitionException || cause instanceof io.lettuce.core.RedisConnectionException) {
      return Failure.NOT_RUN;
    }
    if (cause instanceof SentBeforeDisconnect || cause instanceof RedisCommandTimeoutException) {
      return Failure.MAYBE_RAN;
    }
    if (cause instanceof RedisException && cause.getMessage() != null
        && cause.getMessage().startsWith("Currently not connected")) {
      // Rejected by Lettuce before writing (DisconnectedBehavior.REJECT_COMMANDS).
      return Failure.NOT_RUN;
    }
    if (cause instanceof CancellationException) {
      return Failure.CLOSED;
    }
    return Failure.MAYBE_RAN;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
