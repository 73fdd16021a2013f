package io.pottery;

import java.util.List;

/**
 * A value could not be encoded, or stored bytes could not be decoded as the declared type. Codecs throw it
 * without a key; structures rethrow it naming the key, the field or element, and the target type.
 *
 * @since 0.1
 */
public class CodecException extends PotteryException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception raised inside a codec, where no key is known. */
  public CodecException(String message, Throwable cause) {
    super(message, null, List.of(), cause);
  }

  /** Creates an exception naming the key whose data could not be encoded or decoded. */
  public CodecException(String message, String key, List<String> masters, Throwable cause) {
    super(message, key, masters, cause);
  }
}
