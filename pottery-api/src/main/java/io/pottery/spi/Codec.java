package io.pottery.spi;

import io.pottery.TypeRef;

/**
 * Turns values into the bytes stored in Redis and back. Found with {@link java.util.ServiceLoader}: register
 * an implementation in {@code META-INF/services/io.pottery.spi.Codec} with a public no-argument constructor.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Deterministic:</b> equal values (by {@code equals}) always encode to the same bytes, in every
 *       process and JVM. Hash fields and set members depend on it.
 *   <li><b>Python pottery's bytes:</b> a codec that claims compatibility writes exactly what Python's
 *       {@code json.dumps(value, sort_keys=True)} writes (the Jackson and Gson codecs share one writer for it, in
 *       {@code pottery-codec-support}).
 *   <li><b>Thread-safe:</b> called concurrently from any thread.
 *   <li><b>Errors:</b> a value that cannot be encoded, or bytes that do not decode as the requested type,
 *       raise {@link io.pottery.CodecException} naming the type and quoting (a prefix of) the bytes;
 *       structures add the key.
 * </ul>
 *
 * @since 0.1
 */
public interface Codec {

  /** The short name users choose the codec by, e.g. {@code "jackson"}. */
  String name();

  /** Where several codecs are on the class path and none was chosen, the highest wins; a tie is an error. */
  int priority();

  /** The SPI version the codec was built against: return {@link SpiVersion#CURRENT}. */
  int spiVersion();

  /**
   * Encodes a value.
   *
   * @throws NullPointerException if {@code value} is null (structures reject nulls before this)
   * @throws io.pottery.CodecException if the value cannot be encoded deterministically
   */
  byte[] encode(Object value);

  /**
   * Decodes bytes as the given type.
   *
   * @throws io.pottery.CodecException if the bytes are not a valid encoding of a {@code T}
   */
  <T> T decode(byte[] bytes, TypeRef<T> type);
}
