package io.pottery.driver.lettuce;

import io.pottery.RedisConnectionException;
import io.pottery.spi.Command;
import io.pottery.internal.driver.ConnectionFailures;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;

/**
 * The messages only a cluster connection has: each names the command, its key, the node it was sent to and the
 * cluster, and says whether the command ran, did not run, or may have. The rest comes from
 * {@link LettuceFailures}.
 */
final class ClusterFailures {
  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final LettuceFailures lettuce;

  ClusterFailures(RedisEndpoint endpoint, ConnectionSettings settings, LettuceFailures lettuce) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.lettuce = lettuce;
  }

  LettuceFailures lettuce() {
    return lettuce;
  }

  /**
   * A command that is not idempotent was sent to {@code node} and then its connection dropped or its reply did
   * not come in time: it may have run, so it was not sent again.
   */
  RedisConnectionException outcomeUnknown(Command command, String node, Throwable cause) {
    return new RedisConnectionException(ConnectionFailures.subject(command) + " on node " + node + " of "
        + endpoint.redacted() + ": outcome unknown. It was sent, then " + what(cause) + "; it may or may not have run, "
        + "and as it is not idempotent it was not sent again. Check the data before repeating it", command.firstKey(),
        lettuce.masters(), cause);
  }

  /**
   * An idempotent command got no reply in time from {@code node}, however often it was sent.
   */
  RedisConnectionException noReply(Command command, String node, int attempts, Throwable cause) {
    return new RedisConnectionException("No reply to " + ConnectionFailures.subject(command) + " from node " + node
        + " of " + endpoint.redacted() + " within " + settings.commandTimeout().toMillis() + " ms (" + attempts
        + (attempts == 1 ? " attempt" : " attempts") + ", last: " + what(cause) + "); the command may or may not have "
        + "run. A node may be down or failing over; raise Pottery.builder().commandTimeout to wait longer",
        command.firstKey(), lettuce.masters(), cause);
  }

  /**
   * The command could not run within the command timeout: its node was unreachable, or no master owned its
   * slot, every time it was tried. It did not run.
   */
  RedisConnectionException notRun(Command command, String node, int attempts, Throwable cause) {
    return new RedisConnectionException("Cannot run " + ConnectionFailures.subject(command) + " on " + endpoint.redacted()
        + ": node " + node + " could not take it within " + settings.commandTimeout().toMillis() + " ms (" + attempts
        + (attempts == 1 ? " attempt" : " attempts") + ", last: " + what(cause) + "); it did not run. A master may be "
        + "down with no replica promoted yet; raise Pottery.builder().commandTimeout to wait longer for a failover",
        command.firstKey(), lettuce.masters(), cause);
  }

  private String what(Throwable cause) {
    if (cause instanceof io.lettuce.core.RedisCommandTimeoutException
        || cause instanceof java.util.concurrent.TimeoutException) {
      return "no reply came within the command timeout";
    }
    if (cause instanceof SentBeforeDisconnect
        || (cause instanceof io.lettuce.core.RedisException && "Connection disconnected".equals(cause.getMessage()))) {
      // The second: Lettuce failing the node connection's unanswered commands itself (REJECT_COMMANDS).
      return "the connection dropped before the reply came";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage();
    String described = root.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    return root == cause ? described : cause.getMessage() + " (" + described + ")";
  }
}
