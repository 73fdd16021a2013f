package io.pottery.testkit.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interop golden vectors ({@code io/pottery/testkit/interop/json-vectors.jsonl}, a byte-identical copy of
 * the shared file CPython produced): each line a flat JSON object whose values are strings or null. Read
 * with a parser of its own, so a codec under test never reads its own test data.
 */
final class CodecContractVectors {
  static final String RESOURCE = "/io/pottery/testkit/interop/json-vectors.jsonl";

  /**
   * One vector.
   *
   * @param input a JSON text for the value, or null where JSON cannot carry it
   * @param java for those, the Java value's name (e.g. {@code Double.NaN})
   * @param python the exact text Python writes for the value
   * @param note what the vector exercises
   */
  record Vector(String input, String java, String python, String note) {
    /** The Java value a {@code java} name stands for. */
    Object javaValue() {
      switch (java) {
        case "Double.NaN": return Double.NaN;
        case "Double.POSITIVE_INFINITY": return Double.POSITIVE_INFINITY;
        case "Double.NEGATIVE_INFINITY": return Double.NEGATIVE_INFINITY;
        default: throw new IllegalArgumentException("Unknown Java value \"" + java + "\" in " + RESOURCE
            + "; teach CodecContractVectors.Vector.javaValue() about it");
      }
    }
  }

  private CodecContractVectors() {}

  static List<Vector> load() {
    List<Vector> vectors = new ArrayList<>();
    try (InputStream in = CodecContractVectors.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from pottery-testkit");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          Map<String, String> fields = new FlatObject(line).read();
          vectors.add(new Vector(fields.get("input"), fields.get("java"), fields.get("python"), fields.get("note")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return vectors;
  }

  /** {"name": "text" or null, …} and nothing else. */
  private static final class FlatObject {
    private final String text;
    private int pos;

    FlatObject(String text) {
      this.text = text;
    }

    Map<String, String> read() {
      Map<String, String> fields = new HashMap<>();
      expect('{');
      while (true) {
        space();
        String name = string();
        space();
        expect(':');
        space();
        String value;
        if (text.startsWith("null", pos)) {
          pos += 4;
          value = null;
        } else {
          value = string();
        }
        fields.put(name, value);
        space();
        if (text.charAt(pos) == ',') {
          pos++;
        } else {
          expect('}');
          return fields;
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

    private void space() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }

    private void expect(char c) {
      if (text.charAt(pos) != c) {
        throw new IllegalStateException("Expected '" + c + "' at " + pos + " in " + RESOURCE + ": " + text);
      }
      pos++;
    }
  }
}
