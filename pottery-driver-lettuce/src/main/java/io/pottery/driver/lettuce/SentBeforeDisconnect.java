package io.pottery.driver.lettuce;

import io.lettuce.core.RedisException;

/**
 * A command was written to a connection that dropped before its reply came: it may or may not have run. Raised
 * by {@link SentCommands} and {@link RawCommand} for outputs that {@linkplain RawOutput#failOnDisconnect() ask for it}; both
 * connections report a command that is not idempotent as "outcome unknown" after it, and the cluster connection
 * resends idempotent ones.
 */
final class SentBeforeDisconnect extends RedisException {
  private static final long serialVersionUID = 1L;

  /** @param remote the address of the server the connection went to, for the message */
  SentBeforeDisconnect(String remote) {
    super("connection to " + remote + " closed with the command unanswered");
  }

  /**
   * @param remote the address of the server the connection went to, for the message
   * @param cause what the channel reported (a connection reset)
   */
  SentBeforeDisconnect(String remote, Throwable cause) {
    super("connection to " + remote + " failed with the command unanswered (" + cause + ")", cause);
  }

  /** No stack trace: the one place this is raised is known, and it is made on every dropped connection. */
  @Override
  public Throwable fillInStackTrace() {
    return this;
  }
}
