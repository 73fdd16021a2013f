package io.pottery;

import java.util.List;

/**
 * A {@code Redlock} was extended more times than its configured limit allows for one acquisition. Nothing was sent to Redis.
 *
 * <p>The name is Python pottery's, kept so that both libraries speak of the same failure alike.
 *
 * @since 0.1
 */
public class TooManyExtensions extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key and the masters involved. */
  public TooManyExtensions(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }

  /** Creates an exception with no cause. */
  public TooManyExtensions(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
