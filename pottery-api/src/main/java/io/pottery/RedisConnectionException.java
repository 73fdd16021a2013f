package io.pottery;

import java.util.List;

/**
 * A Redis server could not be reached, or the connection to it was lost, or it did not answer within the
 * command timeout. The message says which, and whether the command ran: "Cannot run …" or "… did not run" when it
 * certainly did not; otherwise it may or may not have run.
 *
 * <p>A command that is not idempotent (an increment, a push, a pop, an insert at an index, a compare-and-set step)
 * whose connection dropped after it was sent is never sent again, by either driver, on single servers and
 * clusters: its message says {@code outcome unknown} and names the command, the key and the server
 * (docs/errors.md#outcome-unknown). It ran once or not at all, never twice; a pop whose reply was lost removed
 * at most the one element it did not return. Read the data before repeating such a call.
 *
 * @since 0.1
 */
public class RedisConnectionException extends PotteryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what happened, naming the server and the setting to change if one helps
   * @param key the key of the command, or {@code null}
   * @param masters the redacted URIs of the servers involved
   * @param cause the driver's exception, or {@code null}
   */
  public RedisConnectionException(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }
}
