package io.pottery.internal.codec;

import io.pottery.CodecException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes a tree of plain Java values as the exact text Python's {@code json.dumps(value, sort_keys=True)}
 * writes, so that Java and Python pottery store the same bytes for the same value (POTTERY-COMPAT §1). Every
 * codec that claims Python compatibility turns its objects into such a tree (with its own library) and lets
 * this class do the writing, so all of them write identical bytes.
 *
 * <h2>The tree and how each node is written</h2>
 * <ul>
 *   <li>{@code null} → {@code null}; {@link Boolean} → {@code true} / {@code false}.
 *   <li>{@link String} and {@link Character} → a JSON string with Python's {@code ensure_ascii} escapes:
 *       {@code \" \\ \n \r \t \b \f}, and every other UTF-16 unit outside 0x20–0x7E as {@code \}{@code uXXXX}
 *       with four lowercase hex digits (each half of a surrogate pair separately). {@code /} is not escaped,
 *       so the output is always 7-bit ASCII.
 *   <li>{@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger} → decimal, up to
 *       {@link CodecSupport#MAX_NUMBER_DIGITS} digits (longer ones are refused: no codec, nor Python, would read
 *       them back).
 *   <li>{@link Double} → Python's {@code repr}: the shortest digits that read back as the same double (ties
 *       between two shortest candidates go to the closer one, then to the even digit), in plain notation when
 *       1e-4 ≤ |x| &lt; 1e16, always with a fraction ({@code 1.0}), else as {@code d[.ddd]e±XX}
 *       ({@code 1e+16}, {@code 1.5e-07}); {@code -0.0}, {@code NaN}, {@code Infinity}, {@code -Infinity}. See
 *       {@link #formatDouble(double)}.
 *   <li>{@link Float} → the shortest digits that read back as the same <em>float</em>, in the same notation,
 *       so {@code 0.1f} is written {@code 0.1}, not {@code 0.10000000149011612}. Python reads that text as the
 *       double nearest 0.1; Java reads it back as {@code 0.1f}. See {@link #formatFloat(float)}.
 *   <li>{@link BigDecimal} → its {@link BigDecimal#toString()} ({@code 1.10}, {@code 1E+3}): exact, and equal
 *       values (same digits and scale) give the same text. Python cannot write a {@code Decimal}; it reads the
 *       text as a float (or an int when there is neither fraction nor exponent). Up to
 *       {@link CodecSupport#MAX_NUMBER_DIGITS} digits, exponent included.
 *   <li>{@link Map} → a JSON object with keys sorted as Python sorts them: string keys ({@code String},
 *       {@code Character}) by code point (not by UTF-16 unit as {@link String#compareTo} does); number and
 *       boolean keys by numeric value (false = 0, true = 1) before they are turned into text (an integer into
 *       decimal, a double or float into its repr, a boolean into {@code "true"} / {@code "false"}), so
 *       {@code {10: 1, 9: 2}} is written {@code {"9": 2, "10": 1}}. Refused, as Python refuses them: keys mixing
 *       strings with numbers or booleans, {@code null} keys, NaN keys, keys of any other type (convert them to
 *       strings first), and two keys that would write the same text (such as {@code 1} and {@code 1L}). One
 *       refusal Python does not make: a string key holding an unpaired surrogate (half of a pair, on its own),
 *       because strict readers (Jackson since 2.21.2, RFC 7493) refuse it in an object key and the bytes could
 *       not be read back; in values, unpaired surrogates are written as Python writes them.
 *   <li>{@link java.util.List}, any other non-{@link Set} {@link Collection}, and arrays (primitive or not)
 *       → a JSON array in iteration order.
 *   <li>{@link Set} → a JSON array sorted by each element's canonical text, because a set has no order of its
 *       own and equal sets must give equal bytes. Python pottery cannot store a set (TypeError), so this form
 *       is read back by Java only, as a list or a set.
 *   <li>{@link Optional}, {@link OptionalInt}, {@link OptionalLong}, {@link OptionalDouble} → refused: Python
 *       has no such value; store the value itself, or store nothing when it is empty.
 *   <li>Anything else (beans, records, enums, other {@code Number} types …) → handed to the converter of a
 *       writer made with {@link #withConverter}; a writer from {@link #plain()} refuses it.
 * </ul>
 * Separators are {@code ", "} and {@code ": "} with no other whitespace. A value that contains itself, or is
 * nested deeper than {@link CodecSupport#MAX_NESTING_DEPTH} (1000) levels (Python cannot read that back
 * either), is refused.
 *
 * <p>Every refusal is a {@link CodecException} naming the type, the codec (when known), the path of the
 * offending node from the root (such as {@code $["tags"][2]}) and what to change.
 *
 * <p>Instances are immutable and thread-safe; the methods keep no state between calls.
 *
 * @since 0.1
 */
public final class CanonicalJson {
  private static final int MAX_DEPTH = CodecSupport.MAX_NESTING_DEPTH;
  /** Paths longer than this many steps are shown by their first and last few, with the depth. */
  private static final int SHOWN_PATH_STEPS = 10;
  /** Below this depth nobody can be in a cycle worth the search; above it, each new container is checked. */
  private static final int CYCLE_CHECK_DEPTH = 32;
  private static final CanonicalJson PLAIN = new CanonicalJson(null, null);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final String codecName;
  private final Function<Object, ?> converter;

  private CanonicalJson(String codecName, Function<Object, ?> converter) {
    this.codecName = codecName;
    this.converter = converter;
  }

  /**
   * A writer for trees of plain values only (see the class description); any other object is refused with a
   * {@link CodecException}.
   */
  public static CanonicalJson plain() {
    return PLAIN;
  }

  /**
   * A writer that hands every object it does not know (beans, records, enums, {@code JsonNode}s, …) to
   * {@code converter}, which must return a plain node for it: {@code null}, a {@code Boolean}, {@code String},
   * {@code Character}, one of the number types listed in the class description, a {@code Map}, a
   * {@code Collection} or an array. The returned node's children may again be anything; they go through the
   * same rules, the converter included. A converter that returns an unknown object, or throws, makes the write
   * fail with a {@link CodecException} (the converter's own message becomes its reason).
   *
   * @param codecName the codec's name, quoted in error messages (e.g. {@code "jackson"})
   * @param converter turns one unknown object into a plain node; called from any thread, so it must be
   *     thread-safe
   * @throws NullPointerException if an argument is null
   */
  public static CanonicalJson withConverter(String codecName, Function<Object, ?> converter) {
    return new CanonicalJson(Objects.requireNonNull(codecName, "codecName"),
        Objects.requireNonNull(converter, "converter"));
  }

  /**
   * The canonical text of {@code value} as ASCII bytes (which are also its UTF-8 bytes): what Python pottery
   * stores for the same value.
   *
   * @param value the root of the tree; may be {@code null} (written {@code null})
   * @throws CodecException if the tree holds something refused (see the class description)
   */
  public byte[] toBytes(Object value) {
    Output out = encode(value);
    return Arrays.copyOf(out.buf, out.len);
  }

  /**
   * The canonical text of {@code value}, as {@link #toBytes} writes it.
   *
   * @throws CodecException if the tree holds something refused (see the class description)
   */
  public String toText(Object value) {
    Output out = encode(value);
    return new String(out.buf, 0, out.len, StandardCharsets.ISO_8859_1);
  }

  private Output encode(Object value) {
    Encoding encoding = new Encoding();
    try {
      encoding.write(value);
    } catch (Failure failure) {
      throw new CodecException("Cannot encode " + failure.what + (codecName == null ? "" : " with codec " + codecName)
          + (failure.path.isEmpty() ? "" : " at " + path(failure.path)) + ": " + failure.getMessage(),
          failure.getCause());
    } catch (StackOverflowError e) {
      // Only a converter's library can recurse this deep (our own depth is bounded): a cyclic bean, say.
      throw new CodecException("Cannot encode " + value.getClass().getName()
          + (codecName == null ? "" : " with codec " + codecName)
          + ": it is nested too deeply or contains itself (a cycle); JSON can only hold trees", e);
    }
    return encoding.out;
  }

  /**
   * The path of a refused node from the root, such as {@code $["tags"][2]}; a long one shows its first and last
   * steps and the refused node's depth ({@code $[0][0][0][0][0]…[0][0][0][0][0] (depth 1001)}), so that a value
   * nested too deep gives a message of a few lines, not a thousand {@code [0]}s.
   */
  private static String path(Deque<String> steps) {
    StringBuilder path = new StringBuilder("$");
    if (steps.size() <= SHOWN_PATH_STEPS) {
      steps.forEach(path::append);
      return path.toString();
    }
    int i = 0;
    for (String step : steps) {
      if (i < SHOWN_PATH_STEPS / 2 || i >= steps.size() - SHOWN_PATH_STEPS / 2) {
        path.append(step);
      } else if (i == SHOWN_PATH_STEPS / 2) {
        path.append('…');
      }
      i++;
    }
    // The refused node's own depth, counting the root as 1, as "nested deeper than 1000 levels" does.
    return path.append(" (depth ").append(steps.size() + 1).append(')').toString();
  }

  /**
   * Python's {@code repr(value)} for a double: the shortest decimal that reads back as {@code value} (of two
   * such decimals, the closer; of two equally close, the one ending in an even digit), in plain notation
   * with at least one fraction digit when 1e-4 ≤ |value| &lt; 1e16 ({@code 0.0001}, {@code 1.0},
   * {@code 1000000000000000.0}), otherwise as {@code d[.ddd]e±XX} with at least two exponent digits
   * ({@code 1e-05}, {@code 1e+16}, {@code 5e-324}). Zero keeps its sign ({@code -0.0}); non-finite values are
   * {@code NaN}, {@code Infinity} and {@code -Infinity}.
   */
  public static String formatDouble(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
    }
    return shortestDouble(Math.abs(value)).format(value < 0);
  }

  /**
   * The shortest decimal that reads back as the same <em>float</em> ({@link Float#parseFloat}), chosen and
   * written with the same rules as {@link #formatDouble(double)}: {@code 0.1f} → {@code 0.1},
   * {@code 1e10f} → {@code 10000000000.0}, {@code Float.MAX_VALUE} → {@code 3.4028235e+38}. Python has no
   * single-precision type; it reads this text as the double nearest to it.
   */
  public static String formatFloat(float value) {
    if (Float.isNaN(value)) {
      return "NaN";
    }
    if (Float.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return Float.floatToRawIntBits(value) < 0 ? "-0.0" : "0.0";
    }
    return shortestFloat(Math.abs(value)).format(value < 0);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The tree walk

  /** One call's state: the output and the containers on the path from the root, for cycle detection. */
  private final class Encoding {
    Output out = new Output(64);
    private Object[] stack = new Object[16];
    private int depth;

    void write(Object value) {
      if (value == null) {
        out.ascii("null");
      } else if (value instanceof String) {
        out.string((String) value);
      } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
        out.decimal(((Number) value).longValue());
      } else if (value instanceof Boolean) {
        out.ascii((Boolean) value ? "true" : "false");
      } else if (value instanceof Double) {
        out.ascii(formatDouble((Double) value));
      } else if (value instanceof Map) {
        enter(value);
        writeMap((Map<?, ?>) value);
        depth--;
      } else if (value instanceof Collection) {
        enter(value);
        if (value instanceof Set) {
          writeSet((Set<?>) value);
        } else {
          writeCollection((Collection<?>) value);
        }
        depth--;
      } else if (value instanceof BigInteger || value instanceof BigDecimal) {
        String text = value.toString();
        int digits = CodecSupport.numberDigits(text);
        if (digits > CodecSupport.MAX_NUMBER_DIGITS) {
          throw new Failure(value.getClass().getName(), "a number of " + digits + " digits; Pottery's codecs (and "
              + "Python's int()) read back at most " + CodecSupport.MAX_NUMBER_DIGITS + " (CodecSupport."
              + "MAX_NUMBER_DIGITS), so it would be stored but unreadable; store it as a string instead", null);
        }
        out.ascii(text);
      } else if (value instanceof Float) {
        out.ascii(formatFloat((Float) value));
      } else if (value instanceof Character) {
        out.string(value.toString());
      } else if (value.getClass().isArray()) {
        enter(value);
        writeArray(value);
        depth--;
      } else if (value instanceof Optional || value instanceof OptionalInt || value instanceof OptionalLong
          || value instanceof OptionalDouble) {
        throw new Failure(value.getClass().getName(), "Python pottery has no JSON form for an "
            + value.getClass().getSimpleName() + "; store the value itself, or store nothing (remove the key or "
            + "element) when it is empty", null);
      } else if (converter != null) {
        enter(value);
        Object converted = convert(value);
        if (converted != null && !isPlain(converted)) {
          throw new Failure(value.getClass().getName(), "the codec turned it into a "
              + converted.getClass().getName() + ", which is not a plain JSON node", null);
        }
        write(converted);
        depth--;
      } else {
        throw new Failure(value.getClass().getName(), "not a plain JSON value (null, Boolean, String, Character, "
            + "a number, Map, Collection or array); encode objects through a Codec", null);
      }
    }

    private Object convert(Object value) {
      try {
        return converter.apply(value);
      } catch (Failure f) {
        throw f;
      } catch (RuntimeException e) {
        String reason = e.getMessage() != null ? e.getMessage() : e.toString();
        throw new Failure(value.getClass().getName(), reason, e);
      }
    }

    private void enter(Object container) {
      if (depth >= CYCLE_CHECK_DEPTH) {
        for (int i = 0; i < depth; i++) {
          if (stack[i] == container) {
            throw new Failure(container.getClass().getName(),
                "it contains itself (a cycle); JSON can only hold trees", null);
          }
        }
        if (depth >= MAX_DEPTH) {
          throw new Failure(container.getClass().getName(), "nested deeper than " + MAX_DEPTH
              + " levels; Python's json cannot read that back", null);
        }
      }
      if (depth == stack.length) {
        stack = Arrays.copyOf(stack, depth * 2);
      }
      stack[depth++] = container;
    }

    private void writeCollection(Collection<?> collection) {
      out.ascii('[');
      int i = 0;
      for (Object element : collection) {
        if (i > 0) {
          out.ascii(", ");
        }
        try {
          write(element);
        } catch (Failure f) {
          f.path.addFirst("[" + i + "]");
          throw f;
        }
        i++;
      }
      out.ascii(']');
    }

    private void writeSet(Set<?> set) {
      Object[] elements = set.toArray();
      byte[][] texts = new byte[elements.length][];
      Output whole = out;
      try {
        for (int i = 0; i < elements.length; i++) {
          out = new Output(16);
          try {
            write(elements[i]);
          } catch (Failure f) {
            f.path.addFirst("[" + i + "]");
            throw f;
          }
          texts[i] = Arrays.copyOf(out.buf, out.len);
        }
      } finally {
        out = whole;
      }
      // ASCII only, so signed byte order is code point order.
      Arrays.sort(texts, Arrays::compare);
      out.ascii('[');
      for (int i = 0; i < texts.length; i++) {
        if (i > 0) {
          out.ascii(", ");
        }
        out.bytes(texts[i]);
      }
      out.ascii(']');
    }

    private void writeArray(Object array) {
      out.ascii('[');
      if (array instanceof Object[]) {
        Object[] a = (Object[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          try {
            write(a[i]);
          } catch (Failure f) {
            f.path.addFirst("[" + i + "]");
            throw f;
          }
        }
      } else if (array instanceof int[]) {
        int[] a = (int[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.decimal(a[i]);
        }
      } else if (array instanceof long[]) {
        long[] a = (long[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.decimal(a[i]);
        }
      } else if (array instanceof double[]) {
        double[] a = (double[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.ascii(formatDouble(a[i]));
        }
      } else if (array instanceof float[]) {
        float[] a = (float[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.ascii(formatFloat(a[i]));
        }
      } else if (array instanceof boolean[]) {
        boolean[] a = (boolean[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.ascii(a[i] ? "true" : "false");
        }
      } else if (array instanceof byte[]) {
        byte[] a = (byte[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.decimal(a[i]);
        }
      } else if (array instanceof short[]) {
        short[] a = (short[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.decimal(a[i]);
        }
      } else {
        char[] a = (char[]) array;
        for (int i = 0; i < a.length; i++) {
          separate(i);
          out.string(String.valueOf(a[i]));
        }
      }
      out.ascii(']');
    }

    private void separate(int index) {
      if (index > 0) {
        out.ascii(", ");
      }
    }

    private void writeMap(Map<?, ?> map) {
      Object[] entries = map.entrySet().toArray();
      if (entries.length == 0) {
        out.ascii("{}");
        return;
      }
      Key[] keys = new Key[entries.length];
      boolean strings = false;
      boolean numbers = false;
      for (int i = 0; i < entries.length; i++) {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) entries[i];
        Key key = Key.of(map, entry.getKey(), entry.getValue());
        if (key.number) {
          numbers = true;
        } else {
          strings = true;
        }
        if (strings && numbers) {
          Key other = findOther(keys, i, key.number);
          throw new Failure(map.getClass().getName(), "its keys mix strings (" + quoteKey(key.number ? other : key)
              + ") with numbers or booleans (" + quoteKey(key.number ? key : other) + "); Python cannot sort "
              + "them (TypeError). Use one key type", null);
        }
        keys[i] = key;
      }
      Arrays.sort(keys, numbers ? Key::compareNumbers : Key::compareStrings);
      for (int i = 1; i < keys.length; i++) {
        if (keys[i].text.equals(keys[i - 1].text)) {
          throw new Failure(map.getClass().getName(), "two keys both write as \"" + keys[i].text + "\" ("
              + describe(keys[i - 1].original) + " and " + describe(keys[i].original) + "); Python would keep only "
              + "one of them", null);
        }
      }
      out.ascii('{');
      for (int i = 0; i < keys.length; i++) {
        separate(i);
        out.string(keys[i].text);
        out.ascii(": ");
        try {
          write(keys[i].value);
        } catch (Failure f) {
          f.path.addFirst("[" + PLAIN.toText(keys[i].text) + "]");
          throw f;
        }
      }
      out.ascii('}');
    }
  }

  private static Key findOther(Key[] keys, int filled, boolean number) {
    for (int i = 0; i < filled; i++) {
      if (keys[i].number != number) {
        return keys[i];
      }
    }
    throw new IllegalStateException("no key of the other kind");
  }

  private static String quoteKey(Key key) {
    return key.number ? describe(key.original) : PLAIN.toText(shorten(key.text));
  }

  private static String describe(Object value) {
    return value.getClass().getName() + " " + shorten(String.valueOf(value));
  }

  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static boolean isPlain(Object value) {
    return value instanceof String || value instanceof Boolean || value instanceof Map || value instanceof Collection
        || value instanceof Character || value.getClass().isArray() || value instanceof Integer
        || value instanceof Long || value instanceof Double || value instanceof Float || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal;
  }

  /** A map key: the text it is written as, what Python sorts it by, and the value it maps to. */
  private static final class Key {
    final Object original;
    final String text;
    final Object value;
    final boolean number;
    /** For numbers: -1 for -Infinity, +1 for +Infinity, 0 for finite values. */
    final int infinity;
    /** For finite numbers that are integers in the long range. */
    final boolean small;
    final long smallValue;
    final BigDecimal bigValue;

    private Key(Object original, String text, Object value, boolean number, int infinity, boolean small,
        long smallValue, BigDecimal bigValue) {
      this.original = original;
      this.text = text;
      this.value = value;
      this.number = number;
      this.infinity = infinity;
      this.small = small;
      this.smallValue = smallValue;
      this.bigValue = bigValue;
    }

    static Key of(Map<?, ?> map, Object key, Object value) {
      if (key instanceof String || key instanceof Character) {
        String text = key.toString();
        requirePairedSurrogates(map, text);
        return new Key(key, text, value, false, 0, false, 0, null);
      }
      if (key instanceof Integer || key instanceof Long || key instanceof Short || key instanceof Byte) {
        long v = ((Number) key).longValue();
        return new Key(key, Long.toString(v), value, true, 0, true, v, null);
      }
      if (key instanceof Boolean) {
        boolean v = (Boolean) key;
        return new Key(key, v ? "true" : "false", value, true, 0, true, v ? 1 : 0, null);
      }
      if (key instanceof BigInteger) {
        BigInteger v = (BigInteger) key;
        boolean small = v.bitLength() < 64;
        return new Key(key, v.toString(), value, true, 0, small, small ? v.longValue() : 0,
            small ? null : new BigDecimal(v));
      }
      if (key instanceof BigDecimal) {
        return new Key(key, key.toString(), value, true, 0, false, 0, (BigDecimal) key);
      }
      if (key instanceof Double || key instanceof Float) {
        double v = ((Number) key).doubleValue();
        if (Double.isNaN(v)) {
          throw new Failure(map.getClass().getName(), "it has a NaN key, which has no order; Python's sort would be "
              + "undefined", null);
        }
        String text = key instanceof Double ? formatDouble(v) : formatFloat((Float) key);
        int infinity = Double.isInfinite(v) ? (v > 0 ? 1 : -1) : 0;
        return new Key(key, text, value, true, infinity, false, 0, infinity == 0 ? new BigDecimal(v) : null);
      }
      if (key == null) {
        throw new Failure(map.getClass().getName(), "it has a null key; Python's json.dumps(sort_keys=True) cannot "
            + "order it with other keys. Use a string key", null);
      }
      throw new Failure(map.getClass().getName(), "its key " + describe(key) + " is not a string, number or boolean, "
          + "the only object keys Python's json.dumps writes; convert the keys to strings first", null);
    }

    /**
     * Python writes an unpaired surrogate in a key, but strict readers refuse it there (jackson-core since
     * 2.21.2, RFC 7493), so bytes with one could not be read back by every codec: refused. Values keep them.
     */
    private static void requirePairedSurrogates(Map<?, ?> map, String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw new Failure(map.getClass().getName(), "its key " + PLAIN.toText(shorten(text)) + " holds an "
              + "unpaired surrogate (\\u" + Integer.toHexString(c) + "), which strict JSON readers such as Jackson "
              + "refuse in object keys, so it could not be read back. Fix the key (a truncated string?)", null);
        }
      }
    }

    static int compareStrings(Key a, Key b) {
      return compareCodePoints(a.text, b.text);
    }

    static int compareNumbers(Key a, Key b) {
      int order;
      if (a.infinity != 0 || b.infinity != 0) {
        order = Integer.compare(a.infinity, b.infinity);
      } else if (a.small && b.small) {
        order = Long.compare(a.smallValue, b.smallValue);
      } else {
        order = a.big().compareTo(b.big());
      }
      // Numerically equal keys (1 and 1.0) keep a fixed order so that the bytes do not depend on the map's.
      return order != 0 ? order : a.text.compareTo(b.text);
    }

    private BigDecimal big() {
      return bigValue != null ? bigValue : BigDecimal.valueOf(smallValue);
    }
  }

  /** Compares by Unicode code point, as Python compares str; lone surrogates count as their own code point. */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
          return x - y;
        }
        // Surrogates: compare whole code points from the start of the one this index belongs to.
        int k = i > 0 && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
        while (k < a.length() && k < b.length()) {
          int cx = a.codePointAt(k);
          int cy = b.codePointAt(k);
          if (cx != cy) {
            return Integer.compare(cx, cy);
          }
          k += Character.charCount(cx);
        }
        return Integer.compare(a.length(), b.length());
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** A refusal on its way up to {@link #encode}, collecting the path as the recursion unwinds. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String what;
    final transient Deque<String> path = new ArrayDeque<>();

    Failure(String what, String reason, Throwable cause) {
      super(reason, cause, false, false);
      this.what = what;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Output

  /** A growable ASCII byte buffer; JSON text here never holds anything but ASCII. */
  private static final class Output {
    byte[] buf;
    int len;

    Output(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int extra) {
      if (len + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
      }
    }

    void ascii(char c) {
      ensure(1);
      buf[len++] = (byte) c;
    }

    void ascii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    void decimal(long v) {
      if (v == Long.MIN_VALUE) {
        ascii("-9223372036854775808");
        return;
      }
      ensure(20);
      if (v < 0) {
        buf[len++] = '-';
        v = -v;
      }
      int start = len;
      do {
        buf[len++] = (byte) ('0' + (int) (v % 10));
        v /= 10;
      } while (v != 0);
      for (int i = start, j = len - 1; i < j; i++, j--) {
        byte t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
      }
    }

    void string(String s) {
      int n = s.length();
      ensure(n + 2);
      buf[len++] = '"';
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
          buf[len++] = (byte) c;
        } else {
          // Room for this escape (at most 6 bytes) plus the rest of the string and the closing quote.
          ensure(6 + (n - i));
          escape(c);
        }
      }
      buf[len++] = '"';
    }

    private void escape(char c) {
      buf[len++] = '\\';
      switch (c) {
        case '"': buf[len++] = '"'; return;
        case '\\': buf[len++] = '\\'; return;
        case '\n': buf[len++] = 'n'; return;
        case '\r': buf[len++] = 'r'; return;
        case '\t': buf[len++] = 't'; return;
        case '\b': buf[len++] = 'b'; return;
        case '\f': buf[len++] = 'f'; return;
        default:
          buf[len++] = 'u';
          buf[len++] = HEX[(c >> 12) & 0xf];
          buf[len++] = HEX[(c >> 8) & 0xf];
          buf[len++] = HEX[(c >> 4) & 0xf];
          buf[len++] = HEX[c & 0xf];
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Shortest round-trip digits

  /**
   * A positive decimal 0.{@code digits} × 10^{@code point}, with no leading or trailing zero in
   * {@code digits}; {@code point} is where Python's dtoa puts the decimal point ("decpt").
   */
  private static final class Decimal {
    final String digits;
    final int point;

    Decimal(String digits, int point) {
      this.digits = digits;
      this.point = point;
    }

    /** Text that Java's parsers read back exactly as this decimal. */
    String javaText() {
      return "0." + digits + "E" + point;
    }

    /** Python's {@code float_repr_style = 'short'} layout (CPython's {@code format_float_short}, mode 'r'). */
    String format(boolean negative) {
      StringBuilder s = new StringBuilder(digits.length() + 8);
      if (negative) {
        s.append('-');
      }
      int n = digits.length();
      if (point <= -4 || point > 16) {
        s.append(digits.charAt(0));
        if (n > 1) {
          s.append('.').append(digits, 1, n);
        }
        int exponent = point - 1;
        s.append(exponent < 0 ? "e-" : "e+");
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
          s.append('0');
        }
        s.append(magnitude);
      } else if (point <= 0) {
        s.append("0.");
        for (int i = point; i < 0; i++) {
          s.append('0');
        }
        s.append(digits);
      } else if (point >= n) {
        s.append(digits);
        for (int i = n; i < point; i++) {
          s.append('0');
        }
        s.append(".0");
      } else {
        s.append(digits, 0, point).append('.').append(digits, point, n);
      }
      return s.toString();
    }
  }

  private static Decimal shortestDouble(double a) {
    // Integers below 2^53: neighbours are at most 1 apart, so no shorter decimal can read back as them.
    if (a < 0x1p53) {
      long v = (long) a;
      if (v == a) {
        return ofInteger(v);
      }
    }
    // At most one decimal of <= 15 significant digits (DBL_DIG) reads back as a given normal double; if Java's
    // own digits (which read back but are not always the shortest) are that short, they are the answer.
    Decimal java = ofJavaText(Double.toString(a));
    if (java.digits.length() <= 15 && a >= Double.MIN_NORMAL && Double.parseDouble(java.javaText()) == a) {
      return java;
    }
    long bits = Double.doubleToRawLongBits(a);
    int biased = (int) (bits >>> 52) & 0x7ff;
    long fraction = bits & ((1L << 52) - 1);
    long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
    int exponent = biased == 0 ? -1074 : biased - 1075;
    return shortestExact(mantissa, exponent, 17, java.digits.length(), d -> Double.parseDouble(d.javaText()) == a);
  }

  private static Decimal shortestFloat(float a) {
    if (a < 0x1p24f) {
      long v = (long) a;
      if (v == a) {
        return ofInteger(v);
      }
    }
    // FLT_DIG is 6: the same uniqueness argument as for doubles.
    Decimal java = ofJavaText(Float.toString(a));
    if (java.digits.length() <= 6 && a >= Float.MIN_NORMAL && Float.parseFloat(java.javaText()) == a) {
      return java;
    }
    int bits = Float.floatToRawIntBits(a);
    int biased = (bits >>> 23) & 0xff;
    int fraction = bits & ((1 << 23) - 1);
    long mantissa = biased == 0 ? fraction : fraction | (1 << 23);
    int exponent = biased == 0 ? -149 : biased - 150;
    return shortestExact(mantissa, exponent, 9, java.digits.length(), d -> Float.parseFloat(d.javaText()) == a);
  }

  private static Decimal ofInteger(long v) {
    String text = Long.toString(v);
    return new Decimal(stripTrailingZeros(text), text.length());
  }

  /** Reads Java's {@code Double.toString}/{@code Float.toString} output: "123.45", "0.001" or "1.5E-7". */
  private static Decimal ofJavaText(String text) {
    int e = text.indexOf('E');
    int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
    String mantissa = e < 0 ? text : text.substring(0, e);
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int point = dot + exponent;
    int first = 0;
    while (first < digits.length() - 1 && digits.charAt(first) == '0') {
      first++;
    }
    return new Decimal(stripTrailingZeros(digits.substring(first)), point - first);
  }

  /**
   * The shortest decimal that {@code readsBack} as mantissa × 2^exponent, the closer of two, the even one of
   * two equally close: found from the exact decimal expansion, so it is right for every value.
   *
   * @param hint how many digits Java's own shortest-effort text has: the answer has at most that many, and
   *     almost always exactly that many
   */
  private static Decimal shortestExact(long mantissa, int exponent, int maxDigits, int hint,
      Predicate<Decimal> readsBack) {
    Decimal exactValue = exactDecimal(mantissa, exponent);
    String exact = exactValue.digits;
    int point = exactValue.point;
    int high = Math.min(Math.min(maxDigits, hint), exact.length());
    Decimal found = candidate(exact, point, high, readsBack);
    if (found == null) {
      high = Math.min(maxDigits, exact.length());
      found = candidate(exact, point, high, readsBack);
      if (found == null) {
        throw new IllegalStateException("no decimal of " + maxDigits + " digits reads back as " + exact + "E" + point);
      }
    }
    // A longer candidate lies between a shorter one and the exact value, so "some candidate of length p reads
    // back" is monotone in p. Usually one digit fewer already fails; otherwise binary search.
    int low = 1;
    if (high > 1) {
      Decimal shorter = candidate(exact, point, high - 1, readsBack);
      if (shorter == null) {
        return found;
      }
      high--;
      found = shorter;
    }
    while (low < high) {
      int mid = (low + high) >>> 1;
      Decimal c = candidate(exact, point, mid, readsBack);
      if (c != null) {
        high = mid;
        found = c;
      } else {
        low = mid + 1;
      }
    }
    return found;
  }

  /** The exact decimal value of mantissa × 2^exponent (mantissa > 0, below 2^53). */
  private static Decimal exactDecimal(long mantissa, int exponent) {
    String all;
    int point;
    if (exponent >= 0 && exponent <= 10) {
      all = Long.toString(mantissa << exponent);
      point = all.length();
    } else if (exponent < 0 && exponent >= -59) {
      // mantissa / 2^k, one digit at a time: the remainder stays below 2^59, so remainder * 10 fits a long.
      int k = -exponent;
      long mask = (1L << k) - 1;
      long whole = mantissa >>> k;
      long rest = mantissa & mask;
      StringBuilder digits = new StringBuilder(24 + k);
      if (whole > 0) {
        digits.append(whole);
      }
      point = digits.length();
      while (rest != 0) {
        rest *= 10;
        digits.append((char) ('0' + (rest >>> k)));
        rest &= mask;
      }
      all = digits.toString();
    } else {
      BigInteger unscaled = exponent >= 0
          ? BigInteger.valueOf(mantissa).shiftLeft(exponent)
          : BigInteger.valueOf(mantissa).multiply(BigInteger.valueOf(5).pow(-exponent));
      all = unscaled.toString();
      point = all.length() - Math.max(0, -exponent);
    }
    int first = 0;
    while (all.charAt(first) == '0') {
      first++;
    }
    return new Decimal(stripTrailingZeros(all.substring(first)), point - first);
  }

  /** The best decimal of {@code p} significant digits that reads back, or null if neither neighbour does. */
  private static Decimal candidate(String exact, int point, int p, Predicate<Decimal> readsBack) {
    if (p >= exact.length()) {
      return new Decimal(exact, point);
    }
    String head = exact.substring(0, p);
    Decimal down = new Decimal(stripTrailingZeros(head), point);
    Decimal up = increment(head, point);
    boolean downOk = readsBack.test(down);
    boolean upOk = readsBack.test(up);
    if (downOk && upOk) {
      // The exact value is head.tail…; tail has no trailing zeros, so it is exactly half only when it is "5".
      char next = exact.charAt(p);
      int vsHalf = next != '5' ? next - '5' : (exact.length() > p + 1 ? 1 : 0);
      if (vsHalf < 0) {
        return down;
      }
      if (vsHalf > 0) {
        return up;
      }
      return (head.charAt(p - 1) - '0') % 2 == 0 ? down : up;
    }
    return downOk ? down : upOk ? up : null;
  }

  private static Decimal increment(String head, int point) {
    char[] digits = head.toCharArray();
    int i = digits.length - 1;
    while (i >= 0 && digits[i] == '9') {
      digits[i] = '0';
      i--;
    }
    if (i < 0) {
      return new Decimal("1", point + 1);
    }
    digits[i]++;
    return new Decimal(stripTrailingZeros(new String(digits, 0, i + 1)), point);
  }

  private static String stripTrailingZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }
}
