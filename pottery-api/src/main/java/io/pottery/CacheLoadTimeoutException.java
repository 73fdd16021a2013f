package io.pottery;

import java.util.List;

/**
 * {@link ExpiringCache#computeIfAbsent} waited {@link ExpiringCache#loadWait()} for another process to load the
 * same key, and neither did the entry appear nor did the load lock become free. The loader was not run here.
 * Its message names the entry key, the lock key and the wait.
 *
 * @since 0.1
 */
public class CacheLoadTimeoutException extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the keys and the masters involved. */
  public CacheLoadTimeoutException(String message, String key, List<String> masters) {
    super(message, key, masters, null);
  }
}
