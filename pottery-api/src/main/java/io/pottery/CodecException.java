package io.pottery;

import java.util.List;
import java.util.Optional;

/**
 * A value could not be encoded, or stored bytes could not be decoded as the declared type. Codecs throw it
 * without a key; structures rethrow it naming the key, the field or element, and the target type.
 *
 * <p>When stored bytes did not decode, {@link #rawValue()} holds all of them (messages quote only the first 64).
 * That matters most for operations that remove or replace what they return ({@code RedisDeque.pollFirst},
 * {@code RedisList.remove(int)}, {@code RedisSet.pop}, {@code RedisMap.remove(key)}, {@code put}, …): they stay
 * one atomic command, so the element is already gone from Redis when its bytes turn out not to decode, and the
 * exception is then the only place that still holds it. Its message says so; read {@code rawValue()} to keep
 * the data (push it to a dead-letter list, log it in full, or decode it another way).
 *
 * @since 0.1
 */
public class CodecException extends PotteryException {
  private static final long serialVersionUID = 1L;

  private final byte[] rawValue;

  /** Creates an exception raised inside a codec, where no key is known. */
  public CodecException(String message, Throwable cause) {
    super(message, null, List.of(), cause);
    this.rawValue = null;
  }

  /** Creates an exception naming the key whose data could not be encoded or decoded. */
  public CodecException(String message, String key, List<String> masters, Throwable cause) {
    this(message, key, masters, cause, null);
  }

  /**
   * Creates an exception naming the key whose stored bytes could not be decoded, carrying those bytes.
   *
   * @param rawValue every byte that was read from Redis and did not decode (copied), or {@code null} if the
   *     failure was not about stored bytes
   * @since 0.2
   */
  public CodecException(String message, String key, List<String> masters, Throwable cause, byte[] rawValue) {
    super(message, key, masters, cause);
    this.rawValue = rawValue == null ? null : rawValue.clone();
  }

  /**
   * All the stored bytes that could not be decoded, as Redis returned them, or empty when the failure was not
   * about stored bytes (an encoding failure, or a codec's own exception before a structure added the key).
   * Each call returns a new copy.
   *
   * @since 0.2
   */
  public Optional<byte[]> rawValue() {
    return rawValue == null ? Optional.empty() : Optional.of(rawValue.clone());
  }
}
