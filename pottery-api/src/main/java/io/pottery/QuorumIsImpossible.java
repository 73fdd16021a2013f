package io.pottery;

import java.util.List;

/**
 * So many masters answered with errors that no quorum can be reached; raised instead of {@link QuorumNotAchieved} where the caller asked to be told about Redis errors.
 *
 * <p>The name is Python pottery's, kept so that both libraries speak of the same failure alike.
 *
 * @since 0.1
 */
public class QuorumIsImpossible extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key and the masters involved. */
  public QuorumIsImpossible(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }

  /** Creates an exception with no cause. */
  public QuorumIsImpossible(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
