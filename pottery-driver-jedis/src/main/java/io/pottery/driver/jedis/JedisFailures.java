package io.pottery.driver.jedis;

import static io.pottery.internal.driver.ConnectionFailures.find;

import io.pottery.RedisConnectionException;
import io.pottery.spi.Command;
import io.pottery.internal.driver.ConnectionFailures;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Jedis's side of {@link ConnectionFailures}: tells from what Jedis throws (a handshake's
 * {@link JedisDataException}, an exhausted pool, a closed pool) which of the shared messages applies.
 */
final class JedisFailures {
  private final ConnectionFailures common;
  private final ConnectionSettings settings;
  private final RedisEndpoint endpoint;

  JedisFailures(RedisEndpoint endpoint, ConnectionSettings settings) {
    this.common = new ConnectionFailures(endpoint, settings);
    this.settings = settings;
    this.endpoint = endpoint;
  }

  ConnectionFailures common() {
    return common;
  }

  List<String> masters() {
    return common.masters();
  }

  /** Opening a connection failed (in {@code connect()} or when the pool opens another one later). */
  RedisConnectionException connectFailed(Throwable failure) {
    return common.cannotConnect(connectReason(failure), failure);
  }

  private String connectReason(Throwable failure) {
    JedisDataException refusal = find(failure, JedisDataException.class);
    return refusal != null ? common.handshakeRefusedReason(refusal.getMessage()) : common.connectReason(failure);
  }

  /** A command got no reply: the server is unreachable, the connection broke, or the reply came too late. */
  RedisConnectionException commandFailed(Command command, Throwable failure) {
    if (find(failure, NoSuchElementException.class) != null) {
      return new RedisConnectionException(
          "No connection to " + endpoint.redacted() + " became free for " + ConnectionFailures.subject(command)
              + " within " + settings.commandTimeout().toMillis() + " ms: all " + JedisConnection.POOL_SIZE
              + " pooled connections were busy; use fewer threads at once or raise Pottery.builder().commandTimeout",
          command.firstKey(), masters(), failure);
    }
    if (failure instanceof IllegalStateException) {
      return common.closedBeforeRun(command, failure);
    }
    SocketTimeoutException timeout = find(failure, SocketTimeoutException.class);
    if (timeout != null && !String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
      return common.noReply(command, failure);
    }
    if (isConnectFailure(failure)) {
      return common.cannotConnect(command, connectReason(failure), failure);
    }
    return common.lost(command, failure);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Cluster nodes

  /**
   * A command that is not idempotent was sent to a cluster node and no reply came (a timeout, or the connection
   * broke after sending): it may or may not have run, and it is not resent.
   */
  RedisConnectionException outcomeUnknown(Command command, String node, Throwable failure) {
    String what = isTimeout(failure)
        ? "no reply within " + settings.commandTimeout().toMillis() + " ms"
        : "the connection broke after it was sent (" + rootCause(failure) + ")";
    return new RedisConnectionException(ConnectionFailures.subject(command) + " on node " + node + " of "
        + endpoint.redacted() + ": outcome unknown, " + what + ". It may or may not have run; it is not idempotent,"
        + " so it was not resent. The node may be paused, overloaded or failing over; raise"
        + " Pottery.builder().commandTimeout if it is only slow", command.firstKey(), masters(), failure);
  }

  /** No connection to the node a command must run on could be opened before the command timeout ran out. */
  RedisConnectionException nodeUnreachable(Command command, String node, Throwable failure) {
    return new RedisConnectionException("Cannot run " + ConnectionFailures.subject(command) + ": node " + node + " of "
        + endpoint.redacted() + " could not be reached within the command timeout of "
        + settings.commandTimeout().toMillis() + " ms (" + connectReason(failure) + "); the command did not run",
        command.firstKey(), masters(), failure);
  }

  /** No node owns the command's slot, even after the slot map was read again: the cluster is not ready. */
  RedisConnectionException noOwner(Command command, int slot) {
    return new RedisConnectionException("Cannot run " + ConnectionFailures.subject(command) + ": no node of "
        + endpoint.redacted() + " serves hash slot " + slot + " (the cluster's slot map has a gap; is every slot"
        + " assigned and cluster_state:ok?); the command did not run", command.firstKey(), masters(), null);
  }

  /** Whether {@code failure} is a read that timed out (not a connect that timed out). */
  static boolean isTimeout(Throwable failure) {
    SocketTimeoutException timeout = find(failure, SocketTimeoutException.class);
    return timeout != null && !String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
  }

  /** Whether {@code failure} happened while opening a connection, so nothing was sent. */
  static boolean isConnectFailure(Throwable failure) {
    return find(failure, ConnectException.class) != null || find(failure, UnknownHostException.class) != null
        || find(failure, NoRouteToHostException.class) != null || find(failure, SSLException.class) != null
        || find(failure, JedisDataException.class) != null
        || String.valueOf(failure.getMessage()).contains("Could not get a resource");
  }

  private static String rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
