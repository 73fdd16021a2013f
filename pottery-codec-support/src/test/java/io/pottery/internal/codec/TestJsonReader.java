package io.pottery.internal.codec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader for the golden files (pottery-api has no JSON library): objects become
 * LinkedHashMaps in input order, arrays ArrayLists, integers Integer/Long/BigInteger by size, other numbers
 * Doubles, and string escapes (lone surrogates included) are kept unit for unit.
 */
final class TestJsonReader {
  private final String text;
  private int pos;

  private TestJsonReader(String text) {
    this.text = text;
  }

  static Object read(String text) {
    TestJsonReader reader = new TestJsonReader(text);
    Object value = reader.value();
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("trailing text");
    }
    return value;
  }

  private Object value() {
    skipSpace();
    char c = text.charAt(pos);
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      case 'N': return literal("NaN", Double.NaN);
      case 'I': return literal("Infinity", Double.POSITIVE_INFINITY);
      default: return number();
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value());
      skipSpace();
      if (text.charAt(pos) == ',') {
        pos++;
      } else {
        expect('}');
        return map;
      }
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    pos++;
    skipSpace();
    if (text.charAt(pos) == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (text.charAt(pos) == ',') {
        pos++;
      } else {
        expect(']');
        return list;
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n': s.append('\n'); break;
        case 'r': s.append('\r'); break;
        case 't': s.append('\t'); break;
        case 'b': s.append('\b'); break;
        case 'f': s.append('\f'); break;
        case 'u':
          s.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
          break;
        default: s.append(e);
      }
    }
  }

  private Object number() {
    int start = pos;
    if (text.startsWith("-Infinity", pos)) {
      pos += 9;
      return Double.NEGATIVE_INFINITY;
    }
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String literal = text.substring(start, pos);
    if (literal.isEmpty()) {
      throw error("unexpected character");
    }
    if (literal.indexOf('.') >= 0 || literal.indexOf('e') >= 0 || literal.indexOf('E') >= 0) {
      return Double.parseDouble(literal);
    }
    BigInteger big = new BigInteger(literal);
    if (big.bitLength() < 32) {
      return big.intValue();
    }
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + pos + " of " + text);
  }
}
