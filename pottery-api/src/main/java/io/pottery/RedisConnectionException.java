package io.pottery;

import java.util.List;

/**
 * A Redis server could not be reached, or the connection to it was lost, or it did not answer within the
 * command timeout. Whether the command ran on the server is unknown.
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
