package io.pottery.internal.structures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Internal, may change: the shape a structure expects of one reply, and the conversion of the untyped reply
 * that {@link io.pottery.spi.RedisConnection} returns into that shape. Structures pass one where they run a
 * command ({@link KeyedStructure#execute(io.pottery.spi.Command, Reply)}) or a script ({@link
 * KeyedStructure#eval(io.pottery.internal.script.Script, Reply, byte[]...)}), as Lettuce picks an output type
 * where a command is built: a reply of another shape then fails with a message naming the command or script,
 * the key and the server, never with a {@link ClassCastException} somewhere in the structure.
 *
 * <p>Strings are accepted in either form a driver may give: a bulk string as {@code byte[]}, a simple (status)
 * string as {@link String} or {@code byte[]}; a {@code String} becomes its UTF-8 bytes where bytes are expected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> what the reply becomes
 */
public final class Reply<T> {
  /** An integer reply, e.g. {@code HLEN}'s. */
  public static final Reply<Long> LONG = new Reply<>("an integer", Reply::integer);

  /**
   * An integer reply read as a yes/no answer: true if and only if it is 1, as {@code SISMEMBER}, {@code HSETNX}
   * or a script answering 1 or 0 say it.
   */
  public static final Reply<Boolean> BOOLEAN = new Reply<>("an integer (1 for yes)", reply -> integer(reply) == 1L);

  /** A string reply, never nil: its bytes. */
  public static final Reply<byte[]> BYTES = new Reply<>("a string", Reply::bytes);

  /** A string reply or nil ({@code HGET} of a missing field): its bytes, or {@code null}. */
  public static final Reply<byte[]> NULLABLE_BYTES = new Reply<>("a string or nil", reply -> reply == null ? null : bytes(reply));

  /** An integer reply or nil ({@code LPOS} of a missing element): the number, or {@code null}. */
  public static final Reply<Long> NULLABLE_LONG = new Reply<>("an integer or nil", reply -> reply == null ? null : integer(reply));

  /** An array of strings, none nil ({@code LRANGE}, {@code SMEMBERS}, {@code HVALS}). */
  public static final Reply<List<byte[]>> BYTES_LIST = listOf(BYTES);

  /** An array of strings or nils ({@code HMGET}). */
  public static final Reply<List<byte[]>> NULLABLE_BYTES_LIST = listOf(NULLABLE_BYTES);

  /** An array of integers ({@code BITFIELD}). */
  public static final Reply<List<Long>> LONG_LIST = listOf(LONG);

  /** An array of integers read as yes/no answers ({@code SMISMEMBER}, a script's list of 1s and 0s). */
  public static final Reply<List<Boolean>> BOOLEAN_LIST = listOf(BOOLEAN);

  /**
   * An array whose elements the caller reads one by one with {@link #at}: the shape of a script that returns
   * a tuple of mixed types.
   */
  public static final Reply<List<?>> ARRAY = new Reply<>("an array", Reply::array);

  /** Turns a reply into a {@code T}, or throws the {@link Mismatch} that {@link #mismatch} makes. */
  @FunctionalInterface
  public interface Converter<T> {
    /**
     * Converts one reply.
     *
     * @throws Mismatch if the reply is not of the expected shape
     */
    T convert(Object reply);
  }

  private final String expected;
  private final Converter<T> converter;

  private Reply(String expected, Converter<T> converter) {
    this.expected = expected;
    this.converter = converter;
  }

  /**
   * A shape of one's own, e.g. a script's tuple or its "element, or the size if out of bounds".
   *
   * @param expected the shape in words, for the message, e.g. {@code "an array [status, size]"}
   * @param converter converts a reply, building its parts with the shapes here and {@link #at}, and throwing
   *     {@link #mismatch} for a reply of another shape
   */
  public static <T> Reply<T> of(String expected, Converter<T> converter) {
    return new Reply<>(Objects.requireNonNull(expected, "expected"), Objects.requireNonNull(converter, "converter"));
  }

  /** An array whose every element has the shape {@code element}, as a new list the caller may change. */
  public static <E> Reply<List<E>> listOf(Reply<E> element) {
    Objects.requireNonNull(element, "element");
    return new Reply<>("an array of " + plural(element.expected), reply -> {
      List<?> array = array(reply);
      List<E> converted = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        converted.add(element.at(array, i));
      }
      return converted;
    });
  }

  /** The shape in words, e.g. {@code "an integer"}. */
  public String expected() {
    return expected;
  }

  /**
   * Converts a reply to this shape.
   *
   * @throws Mismatch if the reply has another shape
   */
  public T from(Object reply) {
    return converter.convert(reply);
  }

  /**
   * Converts element {@code index} of an array reply to this shape.
   *
   * @throws Mismatch if the array is too short or the element has another shape; the message says which
   *     element
   */
  public T at(List<?> array, int index) {
    if (index >= array.size()) {
      throw new Mismatch("element " + index + ": expected " + expected + ", got nothing (the array has "
          + array.size() + " element" + (array.size() == 1 ? "" : "s") + ")");
    }
    try {
      return from(array.get(index));
    } catch (Mismatch e) {
      throw new Mismatch("element " + index + ": " + e.getMessage());
    }
  }

  /** The mismatch to throw for a reply that is not {@code expected}: {@code expected an integer, got nil}. */
  public static Mismatch mismatch(String expected, Object reply) {
    return new Mismatch("expected " + expected + ", got " + describe(reply));
  }

  private static long integer(Object reply) {
    if (reply instanceof Long) {
      return (Long) reply;
    }
    throw mismatch("an integer", reply);
  }

  private static byte[] bytes(Object reply) {
    if (reply instanceof byte[]) {
      return (byte[]) reply;
    }
    if (reply instanceof String) {
      return ((String) reply).getBytes(StandardCharsets.UTF_8);
    }
    throw mismatch("a string", reply);
  }

  private static List<?> array(Object reply) {
    if (reply instanceof List) {
      return (List<?>) reply;
    }
    throw mismatch("an array", reply);
  }

  private static String plural(String expected) {
    String bare = expected.replaceFirst("^an? ", "");
    return bare.contains(" or ") || bare.contains("(") ? "(" + bare + ")s" : bare + "s";
  }

  /** A reply in words, for messages: {@code the integer 3}, {@code the string "abc" (3 bytes)}, {@code nil}. */
  static String describe(Object reply) {
    if (reply == null) {
      return "nil";
    }
    if (reply instanceof Long) {
      return "the integer " + reply;
    }
    if (reply instanceof byte[]) {
      byte[] bytes = (byte[]) reply;
      return "the string " + KeyedStructure.quote(bytes) + " (" + bytes.length + (bytes.length == 1 ? " byte)" : " bytes)");
    }
    if (reply instanceof String) {
      return "the status " + KeyedStructure.quote(((String) reply).getBytes(StandardCharsets.UTF_8));
    }
    if (reply instanceof List) {
      int size = ((List<?>) reply).size();
      return "an array of " + size + " element" + (size == 1 ? "" : "s");
    }
    return "a " + reply.getClass().getName();
  }

  /** {@code Reply{an integer}}. */
  @Override
  public String toString() {
    return "Reply{" + expected + "}";
  }

  /**
   * A reply was not of the expected shape. Internal: {@link KeyedStructure} turns it into a {@link
   * io.pottery.PotteryException} that names the command or script, the key and the server.
   */
  public static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A mismatch described by {@code message}, e.g. {@code expected an integer, got nil}. */
    public Mismatch(String message) {
      super(message, null, false, false);
    }
  }
}
