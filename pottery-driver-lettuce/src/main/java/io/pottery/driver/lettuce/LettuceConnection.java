package io.pottery.driver.lettuce;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RedisConnection} over one multiplexed Lettuce connection to one server, shared by every thread:
 * commands from all callers are written to the same socket as they come and their replies matched in order.
 * Lettuce reconnects by itself after the connection drops; commands sent meanwhile wait in its buffer until it
 * is back or the command timeout passes.
 *
 * <h2>When a reply is lost</h2>
 * Lettuce's default is at-least-once: commands written to a connection that drops before their replies come
 * are written again after the reconnect, and the caller gets the second run's reply. For a command that is not
 * {@linkplain Command#idempotent() idempotent} that runs it twice ({@code HINCRBY} adds twice, {@code LPOP}
 * removes a second element nobody sees). So each such command carries {@link RawOutput#failOnDisconnect()} and
 * is tracked by {@link SentCommands}, whose connection listener fails it with {@link SentBeforeDisconnect} when
 * the connection drops after it was written and before Lettuce's reconnect replays it; the caller gets "outcome
 * unknown" ({@link LettuceFailures#commandFailed}). The cluster connection uses the same mechanism. What is left to Lettuce's redelivery:
 * <ul>
 *   <li>idempotent commands written before the drop: resent after the reconnect, within the command timeout
 *       (a second run changes nothing);
 *   <li>commands issued while the connection is down: never written, so they wait in Lettuce's buffer and are
 *       written once after the reconnect, whatever they are — they run exactly once, and their caller gets the
 *       reply, or "No reply" at the command timeout.
 * </ul>
 * Lettuce's own {@code ClientOptions.replayFilter} is not used: as of Lettuce 7.7 it applies only to commands
 * issued while disconnected (those that certainly did not run) and drops them without completing them, while
 * the commands already written are queued for the replay unfiltered.
 *
 * <p>Pottery's commands reach Lettuce through {@code dispatch} as raw commands with a {@link RawOutput}. Their
 * type keyword's {@code toString()} is {@code "raw:<NAME>"}, never a bare command name, so that Lettuce's
 * connection-wide bookkeeping for {@code MULTI}, {@code EXEC}, {@code SELECT} and {@code AUTH} (which would, for
 * instance, swap an {@code EXEC}'s output, or queue other threads' commands into a transaction) never applies
 * to them. A transaction therefore works only inside one {@link #pipeline}, whose commands are written as one
 * contiguous batch.
 */
final class LettuceConnection implements RedisConnection {
  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final LettuceFailures failures;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final Runnable releaseResources;
  private final SentCommands tracked;
  /** How long a caller waits at most: Lettuce fails a command at the command timeout; this is a backstop. */
  private final long waitMillis;
  private final AtomicReference<Throwable> closedAt = new AtomicReference<>();

  LettuceConnection(RedisEndpoint endpoint, ConnectionSettings settings, LettuceFailures failures, RedisClient client,
      StatefulRedisConnection<byte[], byte[]> connection, SentCommands tracked, Runnable releaseResources) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.failures = failures;
    this.client = client;
    this.connection = connection;
    this.releaseResources = releaseResources;
    this.tracked = tracked;
    this.waitMillis = settings.commandTimeout().toMillis() + 1000;
  }

  @Override
  public RedisEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Object execute(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    AsyncCommand<byte[], byte[], Object> sent = toLettuce(command);
    connection.dispatch(sent);
    return await(command, sent);
  }

  @Override
  public CompletionStage<Object> executeAsync(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    AsyncCommand<byte[], byte[], Object> sent = toLettuce(command);
    CompletableFuture<Object> reply = new CompletableFuture<>();
    sent.whenComplete((value, failure) -> {
      if (failure == null) {
        reply.complete(value);
      } else {
        reply.completeExceptionally(failures.commandFailed(command, written(sent, failure)));
      }
    });
    connection.dispatch(sent);
    return reply;
  }

  @Override
  public List<Object> pipeline(List<Command> commands) {
    Objects.requireNonNull(commands, "commands");
    requireOpen();
    if (commands.isEmpty()) {
      return new ArrayList<>(0);
    }
    List<RedisCommand<byte[], byte[], ?>> batch = new ArrayList<>(commands.size());
    for (Command command : commands) {
      batch.add(toLettuce(Objects.requireNonNull(command, "command in pipeline")));
    }
    // One dispatch of the whole batch: written in one go, so no other thread's command lands in between.
    connection.dispatch(batch);
    List<Object> replies = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      @SuppressWarnings("unchecked")
      AsyncCommand<byte[], byte[], Object> sent = (AsyncCommand<byte[], byte[], Object>) batch.get(i);
      try {
        replies.add(await(commands.get(i), sent));
      } catch (RedisErrorException e) {
        replies.add(e);
      }
    }
    return replies;
  }

  /**
   * A command that is not idempotent fails on a dropped connection if it was already written (see the class
   * comment); an idempotent one is left to Lettuce, which sends it again after reconnecting.
   */
  private AsyncCommand<byte[], byte[], Object> toLettuce(Command command) {
    AsyncCommand<byte[], byte[], Object> lettuce =
        RawCommands.toLettuce(command, (c, text) -> failures.errorReply(c, text, null), !command.idempotent(), 0);
    tracked.track(lettuce, null, 0);
    return lettuce;
  }

  private Object await(Command command, AsyncCommand<byte[], byte[], Object> sent) {
    try {
      return sent.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failures.commandFailed(command, written(sent, e.getCause()));
    } catch (TimeoutException e) {
      sent.cancel();
      throw failures.timedOut(command, e);
    } catch (CancellationException e) {
      throw failures.commandFailed(command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.interrupted(command, e);
    }
  }

  /**
   * Lettuce fails the oldest unanswered command with the {@link IOException} of a connection reset itself (and
   * does not replay it); if it was written, it may have run: {@link SentBeforeDisconnect}. An I/O failure of a
   * command never written (Lettuce keeps a reset as the connection's error until the reconnect) stays as it is:
   * it did not run.
   */
  private Throwable written(AsyncCommand<byte[], byte[], Object> command, Throwable failure) {
    if (failure instanceof IOException && ((RawOutput) command.getOutput()).written()) {
      return new SentBeforeDisconnect(endpoint.redacted(), failure);
    }
    return failure;
  }

  private void requireOpen() {
    Throwable closed = closedAt.get();
    if (closed != null) {
      throw failures.closed(closed);
    }
  }

  /**
   * Closes the socket and the client, then gives back the driver's shared event loops (the last connection to do
   * so shuts them down). Commands still waiting fail with {@link io.pottery.RedisConnectionException}. Idempotent.
   */
  @Override
  public void close() {
    if (!closedAt.compareAndSet(null, new Throwable("closed here"))) {
      return;
    }
    try {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } finally {
      releaseResources.run();
    }
  }

  @Override
  public String toString() {
    return "LettuceConnection{" + endpoint.redacted() + (closedAt.get() == null ? "" : ", closed") + "}";
  }
}
