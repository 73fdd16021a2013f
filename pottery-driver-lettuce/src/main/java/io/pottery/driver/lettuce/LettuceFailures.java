package io.pottery.driver.lettuce;

import static io.pottery.internal.driver.ConnectionFailures.find;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.netty.channel.ConnectTimeoutException;
import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.internal.driver.ConnectionFailures;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Lettuce's side of {@link ConnectionFailures}: unwraps futures and tells from Lettuce's and Netty's exception
 * types (error replies, command and connect timeouts, cancellation) which of the shared messages applies.
 */
final class LettuceFailures {
  private final ConnectionFailures common;
  /** Why reconnecting fails, for a single-server connection; null until {@link #watch} (and for clusters). */
  private volatile ReconnectWatch reconnects;

  LettuceFailures(RedisEndpoint endpoint, ConnectionSettings settings) {
    this.common = new ConnectionFailures(endpoint, settings);
  }

  /** From now on, a command that fails while reconnecting fails says why reconnecting fails. */
  void watch(ReconnectWatch watch) {
    this.reconnects = watch;
  }

  /** The redacted endpoint as a one-element list, as exceptions carry it and {@code HashSlots} quotes it. */
  List<String> masters() {
    return common.masters();
  }

  /** The exception for an error reply with the server's text. */
  RedisErrorException errorReply(Command command, String serverText, Throwable cause) {
    return common.errorReply(command, serverText, cause);
  }

  /** Opening the connection failed. */
  RedisConnectionException connectFailed(Throwable failure) {
    return common.cannotConnect(connectReason(failure), failure);
  }

  private String connectReason(Throwable failure) {
    RedisCommandExecutionException refusal = find(failure, RedisCommandExecutionException.class);
    if (refusal != null) {
      return common.handshakeRefusedReason(refusal.getMessage());
    }
    // Before the JDK types: Netty's ConnectTimeoutException is a ConnectException, which would read "refused".
    if (find(failure, ConnectTimeoutException.class) != null
        || find(failure, RedisCommandTimeoutException.class) != null) {
      return common.connectTimeoutReason();
    }
    return common.connectReason(failure);
  }

  /**
   * What a command's failure means for the caller: an error reply, or a connection failure. A command whose
   * connection dropped after it was written ({@link SentBeforeDisconnect}) may have run: "outcome unknown"
   * ({@link ConnectionFailures#outcomeUnknown}) unless it is idempotent. A command failed with an
   * {@link IOException} otherwise was never written (the connections turn the reset of a written command into
   * {@link SentBeforeDisconnect}, as {@link RawOutput#written()} tells): it did not run.
   */
  RuntimeException commandFailed(Command command, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RedisCommandExecutionException) {
      return errorReply(command, cause.getMessage(), cause);
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return timedOut(command, cause);
    }
    RedisConnectionException reconnecting = whileReconnecting(command, cause);
    if (reconnecting != null) {
      return reconnecting;
    }
    if (cause instanceof CancellationException) {
      return common.closedBeforeReply(command, cause);
    }
    if (cause instanceof SentBeforeDisconnect) {
      return common.lost(command, cause); // "outcome unknown" unless the command is idempotent
    }
    if (cause instanceof IOException) {
      // Lettuce's stored connection error, failing a command issued while the connection is down: never written
      // (the written ones failed as SentBeforeDisconnect), so it did not run.
      return common.cannotConnect(command, common.connectReason(cause) + "; it did not run", cause);
    }
    return common.lost(command, cause);
  }

  /** No reply within the command timeout: from a slow server, or while reconnecting fails (then says why). */
  RedisConnectionException timedOut(Command command, Throwable cause) {
    RedisConnectionException reconnecting = whileReconnecting(command, cause);
    return reconnecting != null ? reconnecting : common.noReply(command, cause);
  }

  /**
   * The failure of a command that waited for a connection Lettuce cannot reopen (revoked credentials: WRONGPASS
   * on every reconnect; a server gone), naming the last reconnect's reason; null while no reconnect failed.
   */
  private RedisConnectionException whileReconnecting(Command command, Throwable cause) {
    ReconnectWatch watch = reconnects;
    Throwable reconnectFailure = watch == null ? null : watch.lastFailure();
    return reconnectFailure == null ? null : common.reconnectFailing(command, connectReason(reconnectFailure), cause);
  }

  /** The calling thread was interrupted while it waited for a reply. */
  RedisConnectionException interrupted(Command command, InterruptedException cause) {
    return common.interrupted(command, cause);
  }

  /** What a command on a closed connection throws. */
  IllegalStateException closed(Throwable closedAt) {
    return common.closed("Lettuce", closedAt);
  }
}
