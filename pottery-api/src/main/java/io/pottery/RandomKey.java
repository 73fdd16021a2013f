package io.pottery;

import java.util.List;

/**
 * No free random key ({@code pottery:} + a random UUID) was found within three tries.
 *
 * <p>The name is Python pottery's, kept so that both libraries speak of the same failure alike.
 *
 * @since 0.1
 */
public class RandomKey extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key and the masters involved. */
  public RandomKey(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }

  /** Creates an exception with no cause. */
  public RandomKey(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
