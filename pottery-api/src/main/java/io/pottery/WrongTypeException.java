package io.pottery;

import java.util.List;

/**
 * The key of a structure holds another Redis type, e.g. a {@link RedisMap} opened on a key that holds a list.
 * Nothing was written.
 *
 * @since 0.1
 */
public class WrongTypeException extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the message names the key, the type found and the type expected. */
  public WrongTypeException(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }
}
