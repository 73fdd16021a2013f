package io.pottery.codec.gson;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import io.pottery.internal.codec.CodecSupport;

/**
 * Reads bytes as Python's {@code json.loads(bytes.decode("utf-8"))} does, into a Gson tree: strict UTF-8,
 * strict JSON (no comments, single quotes, unquoted names or control characters in strings), plus Python's
 * {@code NaN}, {@code Infinity} and {@code -Infinity}, one value and nothing after it. Gson's own reader
 * cannot do this: in strict mode it refuses {@code NaN}, and in lenient mode it accepts {@code abc} as a
 * string and cannot tell the number {@code NaN} from the string {@code "NaN"}. Nesting is limited to
 * {@link CodecSupport#MAX_NESTING_DEPTH} levels and numbers to {@link CodecSupport#MAX_NUMBER_DIGITS} digits,
 * the limits CanonicalJson writes within and the Jackson codec reads within.
 */
final class StrictJsonParser {
  private static final int MAX_DEPTH = CodecSupport.MAX_NESTING_DEPTH;
  /**
   * Number literals at least this long go through the tree: Gson's streaming reader buffers 1024 characters and
   * refuses a longer number as a malformed literal.
   */
  static final int STREAMED_NUMBER_LENGTH = 512;

  private final byte[] in;
  /** False to only check the bytes: nothing is built, and every element read is null. */
  private final boolean build;
  private int pos;
  private int depth;
  private boolean nonFinite;
  private boolean longNumber;
  private JsonElement root;

  private StrictJsonParser(byte[] in, boolean build) {
    this.in = in;
    this.build = build;
  }

  /**
   * Reads the bytes into a Gson tree.
   *
   * @throws JsonSyntaxException naming what is wrong and the byte offset
   */
  static JsonElement parse(byte[] bytes) {
    StrictJsonParser parser = new StrictJsonParser(bytes, true);
    parser.document();
    return parser.root;
  }

  /**
   * Checks the bytes without building anything, for a reader that then streams them.
   *
   * @return whether only a tree can carry them to Gson: they hold {@code NaN}, {@code Infinity} or
   *     {@code -Infinity} as a number (which Gson's reader cannot tell from the strings {@code "NaN"}…), or a
   *     number of {@value #STREAMED_NUMBER_LENGTH} characters or more (which it cannot read at all)
   * @throws JsonSyntaxException naming what is wrong and the byte offset
   */
  static boolean check(byte[] bytes) {
    StrictJsonParser parser = new StrictJsonParser(bytes, false);
    parser.document();
    return parser.nonFinite || parser.longNumber;
  }

  private void document() {
    root = value();
    skipSpace();
    if (pos != in.length) {
      throw error("unexpected data after the JSON value");
    }
  }

  private JsonElement value() {
    skipSpace();
    if (pos >= in.length) {
      throw error(in.length == 0 ? "no JSON value (empty)" : "unexpected end of JSON");
    }
    switch (in[pos]) {
      case '{': return object();
      case '[': return array();
      case '"': {
        String text = string();
        return build ? new JsonPrimitive(text) : null;
      }
      case 't': return literal("true", build ? new JsonPrimitive(true) : null);
      case 'f': return literal("false", build ? new JsonPrimitive(false) : null);
      case 'n': return literal("null", JsonNull.INSTANCE);
      case 'N': return nonFinite("NaN");
      case 'I': return nonFinite("Infinity");
      default:
        if (in[pos] == '-' && pos + 1 < in.length && in[pos + 1] == 'I') {
          return nonFinite("-Infinity");
        }
        return number();
    }
  }

  private JsonElement nonFinite(String word) {
    nonFinite = true;
    return literal(word, build ? new JsonPrimitive(new NumberText(word)) : null);
  }

  private JsonElement literal(String word, JsonElement value) {
    int end = pos + word.length();
    if (end > in.length) {
      throw error("unexpected end of JSON");
    }
    for (int i = 0; i < word.length(); i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw error("unexpected character");
      }
    }
    pos = end;
    return value;
  }

  private JsonObject object() {
    enter();
    JsonObject object = build ? new JsonObject() : null;
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      depth--;
      return object;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a string as object key");
      }
      String name = string();
      skipSpace();
      expect(':');
      JsonElement value = value();
      if (build) {
        object.add(name, value);
      }
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect('}');
        depth--;
        return object;
      }
    }
  }

  private JsonArray array() {
    enter();
    JsonArray array = build ? new JsonArray() : null;
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return array;
    }
    while (true) {
      JsonElement value = value();
      if (build) {
        array.add(value);
      }
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect(']');
        depth--;
        return array;
      }
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private JsonPrimitive number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("unexpected character");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("expected a digit after the decimal point");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("expected a digit in the exponent");
      }
      digits();
    }
    int length = pos - start;
    if (length > CodecSupport.MAX_NUMBER_DIGITS) {
      int digits = 0;
      for (int i = start; i < pos; i++) {
        digits += isDigit(in[i]) ? 1 : 0;
      }
      if (digits > CodecSupport.MAX_NUMBER_DIGITS) {
        pos = start;
        throw error("a number of " + digits + " digits, more than the " + CodecSupport.MAX_NUMBER_DIGITS
            + " Pottery's codecs write and read (CodecSupport.MAX_NUMBER_DIGITS)");
      }
    }
    longNumber |= length >= STREAMED_NUMBER_LENGTH;
    if (!build) {
      return null;
    }
    char[] literal = new char[pos - start];
    for (int i = 0; i < literal.length; i++) {
      literal[i] = (char) in[start + i];
    }
    return new JsonPrimitive(new NumberText(new String(literal)));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(int b) {
    return b >= '0' && b <= '9';
  }

  /** Reads a string; when only checking, returns null and builds nothing. */
  private String string() {
    pos++;
    StringBuilder s = build ? new StringBuilder() : null;
    while (true) {
      if (pos >= in.length) {
        throw error("unterminated string");
      }
      int b = in[pos] & 0xff;
      if (b == '"') {
        pos++;
        return build ? s.toString() : null;
      } else if (b == '\\') {
        escape(s);
      } else if (b < 0x20) {
        throw error("control character 0x" + Integer.toHexString(b) + " in a string (it must be escaped)");
      } else if (b < 0x80) {
        if (build) {
          s.append((char) b);
        }
        pos++;
      } else {
        int codePoint = utf8();
        if (build) {
          s.appendCodePoint(codePoint);
        }
      }
    }
  }

  private void escape(StringBuilder s) {
    if (pos + 1 >= in.length) {
      throw error("unterminated string");
    }
    byte e = in[pos + 1];
    pos += 2;
    char c;
    switch (e) {
      case '"': c = '"'; break;
      case '\\': c = '\\'; break;
      case '/': c = '/'; break;
      case 'b': c = '\b'; break;
      case 'f': c = '\f'; break;
      case 'n': c = '\n'; break;
      case 'r': c = '\r'; break;
      case 't': c = '\t'; break;
      case 'u':
        if (pos + 4 > in.length) {
          throw error("unterminated \\u escape");
        }
        int unit = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(in[pos + i], 16);
          if (digit < 0) {
            throw error("invalid \\u escape");
          }
          unit = unit * 16 + digit;
        }
        pos += 4;
        // Lone surrogates stay as they are, as in Python; a pair forms one code point in the Java string.
        c = (char) unit;
        break;
      default:
        pos -= 2;
        throw error("invalid escape");
    }
    if (s != null) {
      s.append(c);
    }
  }

  /** Decodes one multi-byte UTF-8 sequence strictly: no overlong forms, no surrogates, nothing past U+10FFFF. */
  private int utf8() {
    int b = in[pos] & 0xff;
    int length;
    int min;
    int codePoint;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
      codePoint = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      min = 0x800;
      codePoint = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = 0x10000;
      codePoint = b & 0x07;
    } else {
      throw notUtf8();
    }
    if (pos + length > in.length) {
      throw notUtf8();
    }
    for (int i = 1; i < length; i++) {
      int c = in[pos + i] & 0xff;
      if ((c & 0xc0) != 0x80) {
        throw notUtf8();
      }
      codePoint = (codePoint << 6) | (c & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
      throw notUtf8();
    }
    pos += length;
    return codePoint;
  }

  private JsonSyntaxException notUtf8() {
    return error("not UTF-8 (invalid byte 0x" + Integer.toHexString(in[pos] & 0xff) + ")");
  }

  private int peek() {
    return pos < in.length ? in[pos] : -1;
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error(pos >= in.length ? "unexpected end of JSON" : "expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
      pos++;
    }
  }

  private JsonSyntaxException error(String what) {
    return new JsonSyntaxException(what + " at byte " + pos);
  }
}
