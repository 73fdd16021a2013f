package io.pottery;

import java.util.List;

/**
 * Fewer than a quorum (n/2 + 1) of the masters agreed in time: the lock was not acquired, the id was not issued. Masters that erred or did not answer are named in the message.
 *
 * <p>The name is Python pottery's, kept so that both libraries speak of the same failure alike.
 *
 * @since 0.1
 */
public class QuorumNotAchieved extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key and the masters involved. */
  public QuorumNotAchieved(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }

  /** Creates an exception with no cause. */
  public QuorumNotAchieved(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
