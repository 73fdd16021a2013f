package io.pottery.internal.codec;

import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.internal.text.Quoting;
import io.pottery.spi.Codec;
import java.math.BigInteger;
import java.util.Calendar;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The rules every Python-compatible {@link Codec} shares besides writing ({@link CanonicalJson} does that):
 * how a number read without a declared type becomes a Java value, which types Python pottery cannot store, and
 * how an error message quotes stored bytes. The Jackson and Gson codecs use it, so that they read the same
 * values and fail with the same words; a third-party codec that uses it does too.
 *
 * <p>For codec authors (SPI); applications do not call it. Static methods only, without state: thread-safe.
 *
 * @since 0.1
 */
public final class CodecSupport {
  /** How many bytes {@link #quoteBytes} shows before it cuts. */
  public static final int SHOWN_BYTES = 64;

  /**
   * The deepest nesting of arrays and objects a Python-compatible codec writes and reads: 1000 levels, about
   * what Python's {@code json} module manages under its default recursion limit. {@link CanonicalJson} refuses
   * to write deeper, and a codec must read every value nested this deep (and may refuse deeper ones).
   *
   * @since 0.2
   */
  public static final int MAX_NESTING_DEPTH = 1000;

  /**
   * The most digits a number may have, written or read: 4300, counting the digits of the integer part, the
   * fraction and the exponent ({@code -12.5e+3} has 4), not signs, point or {@code e}. It is Python's default
   * limit for converting between {@code int} and text ({@code sys.int_info.default_max_str_digits}, 3.11+), so
   * a number within it reads back in Python pottery too; and it bounds the quadratic cost of parsing one number.
   * {@link CanonicalJson} refuses to write a longer {@code BigInteger} or {@code BigDecimal}, and a codec must
   * read every number within it (and may refuse longer ones). Strings and object keys have no limit of their
   * own: the bytes are in memory before decoding starts, and Redis caps a value at 512 MB.
   *
   * @since 0.2
   */
  public static final int MAX_NUMBER_DIGITS = 4300;

  private CodecSupport() {}

  /**
   * A JSON number literal as Python's {@code json.loads} reads it, for a codec decoding into {@code Object}:
   * without fraction or exponent an int ({@code Integer} if it fits, else {@code Long}, else
   * {@code BigInteger}), otherwise a float ({@code Double}; {@code NaN}, {@code Infinity} and
   * {@code -Infinity} included).
   *
   * @param literal the number's text as it stood in the JSON, such as {@code "-12"}, {@code "1.5e3"} or
   *     {@code "NaN"}
   * @throws NullPointerException if {@code literal} is null
   * @throws NumberFormatException if {@code literal} is not a JSON number (nor {@code NaN}, {@code Infinity},
   *     {@code -Infinity})
   */
  public static Number untypedNumber(String literal) {
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '.' || c == 'e' || c == 'E' || c == 'N' || c == 'I') {
        return Double.parseDouble(literal);
      }
    }
    if (literal.length() <= 9) {
      return Integer.parseInt(literal);
    }
    BigInteger value = new BigInteger(literal);
    if (value.bitLength() < 32) {
      return value.intValue();
    }
    return value.bitLength() < 64 ? (Number) value.longValue() : value;
  }

  /**
   * How many digits a JSON number literal (or a {@code BigDecimal}'s or {@code BigInteger}'s text) has, as
   * {@link #MAX_NUMBER_DIGITS} counts them: every character {@code 0}–{@code 9}.
   *
   * @throws NullPointerException if {@code literal} is null
   * @since 0.2
   */
  public static int numberDigits(CharSequence literal) {
    int digits = 0;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return digits;
  }

  /**
   * Why a codec must refuse {@code type}, in values and in fields alike, when encoding and decoding; or
   * {@code null} if it need not. Refused: {@code Optional}, {@code OptionalInt}, {@code OptionalLong},
   * {@code OptionalDouble} (Python has no such value), and dates and times ({@code java.time.*}, {@code Date},
   * {@code Calendar} and their subclasses), which Python pottery has no JSON form for and JSON libraries write
   * differently (Gson in the JVM's locale, Jackson as epoch milliseconds), so the stored bytes would depend on
   * the codec. The reason says what to store instead; a codec puts it after the type and where it was found.
   *
   * @throws NullPointerException if {@code type} is null
   */
  public static String refusalReason(Class<?> type) {
    if (type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
        || type == OptionalDouble.class) {
      return "Python pottery has no JSON form for an Optional; store the value itself, or store nothing (remove "
          + "the key or element) when it is empty";
    }
    if (Date.class.isAssignableFrom(type) || Calendar.class.isAssignableFrom(type)
        || type.getPackageName().startsWith("java.time")) {
      return "Python pottery has no JSON form for a date or time, and JSON libraries disagree on one; store an "
          + "ISO-8601 string (such as its toString()) or a number (epoch seconds or milliseconds) instead";
    }
    return null;
  }

  /**
   * Throws if {@link #refusalReason} refuses the raw type of {@code type}; a codec calls it first thing in
   * {@link Codec#decode}, before it reads any byte. Message: {@code Cannot decode into java.time.LocalDate with
   * codec gson: Python pottery has no JSON form for a date or time, …}.
   *
   * @param codecName the codec's {@link Codec#name()}
   * @throws NullPointerException if an argument is null
   * @throws CodecException if the type is refused
   */
  public static void requireDecodable(String codecName, TypeRef<?> type) {
    Objects.requireNonNull(codecName, "codecName");
    String reason = refusalReason(type.rawType());
    if (reason != null) {
      throw new CodecException("Cannot decode into " + type + " with codec " + codecName + ": " + reason, null);
    }
  }

  /**
   * The exception for bytes that do not decode as {@code type}: {@code Value is not a java.lang.Integer for
   * codec gson: "abc" (3 bytes); <reason>}, quoting the bytes with {@link #quoteBytes}. Structures rethrow it
   * with the key.
   *
   * @param codecName the codec's {@link Codec#name()}
   * @param bytes the stored bytes
   * @param type the type they were read as
   * @param reason what the JSON library said, without the bytes
   * @param cause the library's exception, kept as the cause; may be null
   * @throws NullPointerException if {@code codecName}, {@code bytes} or {@code type} is null
   */
  public static CodecException undecodable(String codecName, byte[] bytes, TypeRef<?> type, String reason,
      Throwable cause) {
    Objects.requireNonNull(codecName, "codecName");
    Objects.requireNonNull(type, "type");
    return new CodecException("Value is not a " + type + " for codec " + codecName + ": " + quoteBytes(bytes) + "; "
        + reason, cause);
  }

  /**
   * Stored bytes as an error message shows them: {@code "abc" (3 bytes)}. The first {@value #SHOWN_BYTES} bytes
   * stand between quotes, printable ASCII as it is, quotes and backslashes escaped, {@code \n \r \t} as such
   * and any other byte as {@code \xNN} (stored bytes need not be UTF-8); {@code …} follows when bytes were cut.
   * The count is always the total size.
   *
   * @throws NullPointerException if {@code bytes} is null
   */
  public static String quoteBytes(byte[] bytes) {
    return Quoting.quoteWithSize(bytes);
  }

}
