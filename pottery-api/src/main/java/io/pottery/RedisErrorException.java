package io.pottery;

import java.util.List;

/**
 * Redis answered a command with an error reply ({@code -ERR …}, {@code -WRONGTYPE …}, {@code -NOSCRIPT …}).
 * The message carries the server's own text; {@link #errorCode()} is its first word.
 *
 * <p>Drivers throw this from {@code execute}; pipelines return it in place of the failed reply.
 *
 * @since 0.1
 */
public class RedisErrorException extends PotteryException {
  private static final long serialVersionUID = 1L;

  private final String serverMessage;

  /**
   * Creates an exception for an error reply.
   *
   * @param serverMessage the server's error text, e.g. {@code "WRONGTYPE Operation against a key holding the wrong kind of value"}
   * @param key the key of the command, or {@code null}
   * @param masters the redacted URI of the server that answered (one element), or empty
   * @param cause the driver's exception, or {@code null}
   */
  public RedisErrorException(String serverMessage, String key, List<String> masters, Throwable cause) {
    super(describe(serverMessage, key, masters), key, masters, cause);
    this.serverMessage = serverMessage == null ? "" : serverMessage;
  }

  private static String describe(String serverMessage, String key, List<String> masters) {
    StringBuilder sb = new StringBuilder();
    sb.append(serverMessage);
    if (key != null || !masters.isEmpty()) {
      sb.append(" (");
      if (key != null) {
        sb.append("key \"").append(key).append('"');
      }
      if (!masters.isEmpty()) {
        sb.append(key != null ? " on " : "from ").append(String.join(", ", masters));
      }
      sb.append(')');
    }
    return sb.toString();
  }

  /** The server's error text as it sent it. */
  public String serverMessage() {
    return serverMessage;
  }

  /** The error's code: the first word of the server's text ({@code ERR}, {@code WRONGTYPE}, {@code NOSCRIPT}, …). */
  public String errorCode() {
    int space = serverMessage.indexOf(' ');
    return space < 0 ? serverMessage : serverMessage.substring(0, space);
  }
}
