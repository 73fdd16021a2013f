package io.pottery;

import java.util.List;

/**
 * A structure was created with initial contents on a key that already exists; nothing was written.
 *
 * <p>The name is Python pottery's, kept so that both libraries speak of the same failure alike.
 *
 * @since 0.1
 */
public class KeyExists extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key and the masters involved. */
  public KeyExists(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }

  /** Creates an exception with no cause. */
  public KeyExists(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
