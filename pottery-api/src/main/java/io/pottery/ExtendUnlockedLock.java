package io.pottery;

import java.util.List;

/**
 * A {@code Redlock} was extended while a quorum of masters did not hold it for this instance (never acquired, released, or expired).
 *
 * <p>The name is Python pottery's, kept so that both libraries speak of the same failure alike.
 *
 * @since 0.1
 */
public class ExtendUnlockedLock extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key and the masters involved. */
  public ExtendUnlockedLock(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }

  /** Creates an exception with no cause. */
  public ExtendUnlockedLock(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
