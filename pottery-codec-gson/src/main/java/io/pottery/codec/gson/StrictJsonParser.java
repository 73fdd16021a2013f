package io.pottery.codec.gson;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;

/**
 * Reads bytes as Python's {@code json.loads(bytes.decode("utf-8"))} does, into a Gson tree: strict UTF-8,
 * strict JSON (no comments, single quotes, unquoted names or control characters in strings), plus Python's
 * {@code NaN}, {@code Infinity} and {@code -Infinity}, one value and nothing after it. Gson's own reader
 * cannot do this: in strict mode it refuses {@code NaN}, and in lenient mode it accepts {@code abc} as a
 * string and cannot tell the number {@code NaN} from the string {@code "NaN"}. Nesting is limited to 1000
 * levels, as in Jackson and CanonicalJson.
 */
final class StrictJsonParser {
  private static final int MAX_DEPTH = 1000;

  private final byte[] in;
  private int pos;
  private int depth;

  private StrictJsonParser(byte[] in) {
    this.in = in;
  }

  /** @throws JsonSyntaxException naming what is wrong and the byte offset */
  static JsonElement parse(byte[] bytes) {
    StrictJsonParser parser = new StrictJsonParser(bytes);
    JsonElement value = parser.value();
    parser.skipSpace();
    if (parser.pos != bytes.length) {
      throw parser.error("unexpected data after the JSON value");
    }
    return value;
  }

  private JsonElement value() {
    skipSpace();
    if (pos >= in.length) {
      throw error(in.length == 0 ? "no JSON value (empty)" : "unexpected end of JSON");
    }
    switch (in[pos]) {
      case '{': return object();
      case '[': return array();
      case '"': return new JsonPrimitive(string());
      case 't': return literal("true", new JsonPrimitive(true));
      case 'f': return literal("false", new JsonPrimitive(false));
      case 'n': return literal("null", JsonNull.INSTANCE);
      case 'N': return literal("NaN", new JsonPrimitive(new NumberText("NaN")));
      case 'I': return literal("Infinity", new JsonPrimitive(new NumberText("Infinity")));
      default:
        if (in[pos] == '-' && pos + 1 < in.length && in[pos + 1] == 'I') {
          return literal("-Infinity", new JsonPrimitive(new NumberText("-Infinity")));
        }
        return number();
    }
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
    JsonObject object = new JsonObject();
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
      object.add(name, value());
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
    JsonArray array = new JsonArray();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return array;
    }
    while (true) {
      array.add(value());
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

  private String string() {
    pos++;
    StringBuilder s = new StringBuilder();
    while (true) {
      if (pos >= in.length) {
        throw error("unterminated string");
      }
      int b = in[pos] & 0xff;
      if (b == '"') {
        pos++;
        return s.toString();
      } else if (b == '\\') {
        escape(s);
      } else if (b < 0x20) {
        throw error("control character 0x" + Integer.toHexString(b) + " in a string (it must be escaped)");
      } else if (b < 0x80) {
        s.append((char) b);
        pos++;
      } else {
        s.appendCodePoint(utf8());
      }
    }
  }

  private void escape(StringBuilder s) {
    if (pos + 1 >= in.length) {
      throw error("unterminated string");
    }
    byte e = in[pos + 1];
    pos += 2;
    switch (e) {
      case '"': s.append('"'); return;
      case '\\': s.append('\\'); return;
      case '/': s.append('/'); return;
      case 'b': s.append('\b'); return;
      case 'f': s.append('\f'); return;
      case 'n': s.append('\n'); return;
      case 'r': s.append('\r'); return;
      case 't': s.append('\t'); return;
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
        s.append((char) unit);
        return;
      default:
        pos -= 2;
        throw error("invalid escape");
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
