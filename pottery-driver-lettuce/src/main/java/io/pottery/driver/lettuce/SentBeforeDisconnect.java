package io.pottery.driver.lettuce;

import io.lettuce.core.RedisException;

/**
 * A command was written to a connection that dropped before its reply came: it may or may not have run. Raised
 * by {@link StatusReplyMarker} for outputs that {@linkplain RawOutput#failOnDisconnect() ask for it}; the cluster
 * connection resends only idempotent commands after it, and reports the others' outcome as unknown.
 */
final class SentBeforeDisconnect extends RedisException {
  private static final long serialVersionUID = 1L;

  /** @param remote the address of the server the connection went to, for the message */
  SentBeforeDisconnect(String remote) {
    super("the connection to " + remote + " dropped after the command was sent and before its reply");
  }

  /** No stack trace: the one place this is raised is known, and it is made on every dropped connection. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
