package io.pottery.codec.support;

import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.internal.codec.CanonicalJson;
import io.pottery.internal.codec.CodecSupport;
import io.pottery.spi.Codec;
import io.pottery.spi.SpiVersion;
import java.util.Objects;

/**
 * What every Python-compatible JSON {@link Codec} of Pottery does around its JSON library, written once: the
 * name and priority, the SPI version, encoding through one canonical writer (Python's
 * {@code json.dumps(value, sort_keys=True)} bytes, so the Jackson and Gson codecs cannot drift apart), and the
 * checks every decode makes before a byte is read (no null argument, no type Python pottery cannot store). A
 * subclass supplies only what its library does: {@link #toPlainTree} (one object it knows, such as a record or a
 * bean, as maps, lists and scalars) and {@link #read} (bytes bound to a declared type).
 *
 * <p>Pottery's own codecs ({@code JacksonCodec}, {@code GsonCodec}) extend it; it is public because their users
 * see it as their superclass. The helpers behind it are not exported: a third-party codec implements
 * {@link Codec} directly.
 *
 * <p>Thread-safe when the subclass's hooks are: the writer is immutable after construction.
 *
 * @since 0.2
 */
public abstract class JsonCodec implements Codec {
  private final String name;
  private final int priority;
  private final CanonicalJson json;

  /**
   * Sets the codec's name and priority (see {@link Codec#name()} and {@link Codec#priority()}).
   *
   * @param name the codec's name, such as {@code "jackson"}; it appears in every error message
   * @param priority the codec's priority when none was chosen: the higher wins
   * @throws NullPointerException if {@code name} is null
   */
  // this-escape (JDK 21+ lint): the writer keeps a reference to toPlainTree, but calls it only from encode, when
  // the subclass is fully built.
  @SuppressWarnings("this-escape")
  protected JsonCodec(String name, int priority) {
    this.name = Objects.requireNonNull(name, "name");
    this.priority = priority;
    this.json = CanonicalJson.withConverter(name, value -> toPlainTree(value));
  }

  /** The name given to the constructor. */
  @Override
  public final String name() {
    return name;
  }

  /** The priority given to the constructor. */
  @Override
  public final int priority() {
    return priority;
  }

  /** {@link SpiVersion#CURRENT} as Pottery's codecs were compiled. */
  @Override
  public final int spiVersion() {
    return SpiVersion.CURRENT;
  }

  /**
   * Python pottery's bytes for {@code value}: maps, collections, arrays, strings, numbers and booleans are written
   * directly, other objects after {@link #toPlainTree} (one level at a time, so a map inside a bean keeps its
   * keys' types and sorts as everywhere else).
   *
   * @throws NullPointerException if {@code value} is null
   * @throws CodecException if the value holds something refused, naming its type and path
   */
  @Override
  public final byte[] encode(Object value) {
    Objects.requireNonNull(value, "value");
    return json.toBytes(value);
  }

  /**
   * Reads {@code bytes} as a {@code T} with {@link #read}, after refusing null arguments and the types Python
   * pottery cannot store ({@code Optional}s, dates and times); JSON {@code null} gives {@code null}.
   *
   * @throws NullPointerException if an argument is null
   * @throws CodecException if the bytes are not UTF-8 JSON of the type's shape, or {@code T} is refused
   */
  @Override
  public final <T> T decode(byte[] bytes, TypeRef<T> type) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(type, "type");
    CodecSupport.requireDecodable(name, type);
    return read(bytes, type);
  }

  /**
   * Binds {@code bytes}, one UTF-8 JSON value, to {@code type}, as Python's {@code json.loads} would read them.
   * Called by {@link #decode} with non-null arguments and a type that is not refused.
   *
   * @param <T> the declared type
   * @param bytes the stored bytes
   * @param type the declared type
   * @return the value, or {@code null} for JSON {@code null}
   * @throws CodecException if the bytes do not decode as {@code type}; {@link #undecodable} builds the message
   */
  protected abstract <T> T read(byte[] bytes, TypeRef<T> type);

  /**
   * One object the canonical writer does not know (a record, a bean, an enum, a tree of the JSON library), as
   * the library would serialize it, one level deep: maps, lists, strings, numbers, booleans and {@code null},
   * with maps and collections inside it handed back as they are.
   *
   * @param value the object, never null
   * @return its plain form
   * @throws CodecException if the library cannot serialize it
   */
  protected abstract Object toPlainTree(Object value);

  /**
   * The error for bytes that do not decode as {@code type}: it names this codec and the type and quotes the first
   * bytes, e.g. {@code Value is not a java.lang.Integer for codec gson: "abc" (3 bytes); …}.
   *
   * @param bytes the stored bytes
   * @param type the declared type
   * @param detail what the library said, or null
   * @param cause the library's exception, or null
   * @return the exception to throw
   */
  protected final CodecException undecodable(byte[] bytes, TypeRef<?> type, String detail, Throwable cause) {
    return CodecSupport.undecodable(name, bytes, type, detail, cause);
  }
}
