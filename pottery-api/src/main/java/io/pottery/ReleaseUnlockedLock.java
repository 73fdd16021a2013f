package io.pottery;

import java.util.List;

/**
 * A {@code Redlock} was released while a quorum of masters did not hold it for this instance (never acquired, already released, or expired: the lease was lost).
 *
 * <p>The name is Python pottery's, kept so that both libraries speak of the same failure alike.
 *
 * @since 0.1
 */
public class ReleaseUnlockedLock extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key and the masters involved. */
  public ReleaseUnlockedLock(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }

  /** Creates an exception with no cause. */
  public ReleaseUnlockedLock(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
