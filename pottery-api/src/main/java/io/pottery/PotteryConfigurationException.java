package io.pottery;

import java.util.List;

/**
 * Pottery cannot start as configured: no driver, codec or structures implementation on the class path,
 * an ambiguous or unknown choice, or a malformed URI. The message says which artifact to add or which
 * setting to change.
 *
 * @since 0.1
 */
public class PotteryConfigurationException extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception. */
  public PotteryConfigurationException(String message) {
    super(message, null, List.of(), null);
  }

  /** Creates an exception with a cause. */
  public PotteryConfigurationException(String message, Throwable cause) {
    super(message, null, List.of(), cause);
  }
}
