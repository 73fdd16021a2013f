package io.pottery.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CodecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static final CanonicalJson JSON = CanonicalJson.plain();

  private static String text(Object value) {
    return JSON.toText(value);
  }

  @Test
  void writesPythonSeparatorsAndLiterals() {
    assertThat(text(null)).isEqualTo("null");
    assertThat(text(true)).isEqualTo("true");
    assertThat(text(List.of(1, 2))).isEqualTo("[1, 2]");
    assertThat(text(Map.of("a", 1, "b", Arrays.asList(true, null)))).isEqualTo("{\"a\": 1, \"b\": [true, null]}");
    assertThat(text(List.of())).isEqualTo("[]");
    assertThat(text(Map.of())).isEqualTo("{}");
    assertThat(text(List.of((byte) -1, (short) 2, 3L, 'x', 0.5f, new BigDecimal("1.10"), new BigDecimal("1E+3"))))
        .isEqualTo("[-1, 2, 3, \"x\", 0.5, 1.10, 1E+3]");
  }

  @Test
  void bytesAreTheAsciiText() {
    assertThat(JSON.toBytes(Map.of("caf\u00e9", "\ud83d\ude00")))
        .isEqualTo("{\"caf\\u00e9\": \"\\ud83d\\ude00\"}".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void escapesEveryAsciiCharacterAsPythonEnsureAsciiDoes() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      all.append(c);
    }
    // json.dumps(''.join(chr(i) for i in range(0x80))) with CPython 3.11
    assertThat(text(all.toString())).isEqualTo("\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
        + "\\u000b\\f\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a"
        + "\\u001b\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`"
        + "abcdefghijklmnopqrstuvwxyz{|}~\\u007f\"");
    assertThat(text("\u00e9\u65e5\uffff\u2028\ud83d")).isEqualTo("\"\\u00e9\\u65e5\\uffff\\u2028\\ud83d\"");
  }

  @Test
  void matchesPythonOnEveryGoldenTree() throws IOException {
    List<String> lines = lines("python-json-trees.txt");
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 2) {
      String actual = text(TestJsonReader.read(lines.get(i)));
      if (!actual.equals(lines.get(i + 1))) {
        mismatches.add("line " + (i + 1) + ": python " + lines.get(i + 1) + "\n   java " + actual);
      }
    }
    assertThat(lines).hasSizeGreaterThan(2000);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void sortsStringKeysByCodePointNotByUtf16Unit() {
    Map<String, Integer> map = new HashMap<>();
    String[] keys = {"\ud83d\ude00", "\ue000", "\uffff", "\ud800\udc00", "a", "\u00e9"};
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], i);
    }
    // CPython 3.11
    assertThat(text(map)).isEqualTo("{\"a\": 4, \"\\u00e9\": 5, \"\\ue000\": 1, \"\\uffff\": 2, "
        + "\"\\ud800\\udc00\": 3, \"\\ud83d\\ude00\": 0}");
    assertThat("\uffff".compareTo("\ud83d\ude00")).isPositive();
  }

  @Test
  void comparesUnpairedSurrogatesAsTheirOwnCodePointsAsPythonDoes() {
    List<String> keys = new ArrayList<>(List.of("\ud83d", "\ud83d\ude00", "\ue000", "\uffff", "\ud800\udc00", "a",
        "\ud83d\ud83d", "\ude00", "\ud83da"));
    keys.sort(CanonicalJson::compareCodePoints);
    // sorted() in CPython 3.11, with the pairs as the astral characters they stand for
    assertThat(keys).containsExactly("a", "\ud83d", "\ud83da", "\ud83d\ud83d", "\ude00", "\ue000", "\uffff",
        "\ud800\udc00", "\ud83d\ude00");
  }

  @Test
  void refusesUnpairedSurrogatesInKeysButWritesThemInValues() {
    assertThatThrownBy(() -> text(Map.of("ok\ud83d", 1))).isInstanceOf(CodecException.class)
        .hasMessageContaining("its key \"ok\\ud83d\" holds an unpaired surrogate (\\ud83d)");
    assertThatThrownBy(() -> text(Map.of('\ude00', 1))).isInstanceOf(CodecException.class)
        .hasMessageContaining("unpaired surrogate (\\ude00)");
    assertThat(text(Map.of("k", "\ude00\ud83d"))).isEqualTo("{\"k\": \"\\ude00\\ud83d\"}");
  }

  @Test
  void sortsNumberAndBooleanKeysByValueBeforeTurningThemIntoText() {
    assertThat(text(Map.of(10, 1, 9, 2))).isEqualTo("{\"9\": 2, \"10\": 1}");
    Map<Object, String> mixed = new HashMap<>();
    mixed.put(0.5, "b");
    mixed.put(-1, "c");
    mixed.put(Double.POSITIVE_INFINITY, "d");
    mixed.put(Double.NEGATIVE_INFINITY, "e");
    mixed.put(true, "f");
    mixed.put(BigInteger.TWO.pow(70), "g");
    mixed.put(1e-5, "h");
    mixed.put(new BigDecimal("0.75"), "i");
    mixed.put(2.5f, "j");
    // CPython 3.11 (json.dumps(..., sort_keys=True)); 0.75 and 2.5 added in their places
    assertThat(text(mixed)).isEqualTo("{\"-Infinity\": \"e\", \"-1\": \"c\", \"1e-05\": \"h\", \"0.5\": \"b\", "
        + "\"0.75\": \"i\", \"true\": \"f\", \"2.5\": \"j\", \"1180591620717411303424\": \"g\", \"Infinity\": \"d\"}");
    assertThat(text(Map.of(false, 1, 0.5, 2))).isEqualTo("{\"false\": 1, \"0.5\": 2}");
  }

  @Test
  void numericallyEqualKeysOfDifferentTextHaveAFixedOrder() {
    Map<Object, Integer> a = new LinkedHashMap<>();
    a.put(1, 1);
    a.put(1.0, 2);
    Map<Object, Integer> b = new LinkedHashMap<>();
    b.put(1.0, 2);
    b.put(1, 1);
    assertThat(text(a)).isEqualTo(text(b)).isEqualTo("{\"1\": 1, \"1.0\": 2}");
  }

  @Test
  void refusesKeysPythonCannotWrite() {
    Map<Object, Integer> mixed = new LinkedHashMap<>();
    mixed.put("a", 1);
    mixed.put(2, 2);
    assertThatThrownBy(() -> text(mixed)).isInstanceOf(CodecException.class)
        .hasMessageContaining("mix strings (\"a\") with numbers or booleans (java.lang.Integer 2)")
        .hasMessageContaining("Use one key type");
    assertThatThrownBy(() -> text(Map.of(UUID.fromString("3f2a6b1c-0000-4000-8000-000000000000"), 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("java.util.UUID 3f2a6b1c-0000-4000-8000-000000000000 is not a string, number or boolean")
        .hasMessageContaining("convert the keys to strings first");
    assertThatThrownBy(() -> text(Collections.singletonMap(null, 1))).isInstanceOf(CodecException.class)
        .hasMessageContaining("null key");
    assertThatThrownBy(() -> text(Map.of(Double.NaN, 1))).isInstanceOf(CodecException.class)
        .hasMessageContaining("NaN key");
    Map<Object, Integer> twins = new HashMap<>();
    twins.put(1, 1);
    twins.put(1L, 2);
    assertThatThrownBy(() -> text(twins)).isInstanceOf(CodecException.class)
        .hasMessageContaining("two keys both write as \"1\"");
    Map<Object, Integer> letters = new HashMap<>();
    letters.put('a', 1);
    letters.put("a", 2);
    assertThatThrownBy(() -> text(letters)).isInstanceOf(CodecException.class)
        .hasMessageContaining("two keys both write as \"a\"");
  }

  @Test
  void equalMapsGiveEqualBytesWhateverTheirOrder() {
    Map<String, Object> forward = new LinkedHashMap<>();
    Map<String, Object> backward = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      forward.put("k" + i, i);
      backward.put("k" + (49 - i), 49 - i);
    }
    assertThat(forward).isEqualTo(backward);
    assertThat(JSON.toBytes(forward)).isEqualTo(JSON.toBytes(backward)).isEqualTo(JSON.toBytes(new TreeMap<>(forward)));
  }

  @Test
  void setsAreArraysSortedByEachElementsText() {
    Set<Object> hash = new HashSet<>(List.of("b", "a", 10, 2, List.of(1), "\u00e9"));
    Set<Object> linked = new LinkedHashSet<>(List.of(List.of(1), "\u00e9", 2, 10, "a", "b"));
    // '"' < '1' < '2' < '[' in ASCII
    assertThat(text(hash)).isEqualTo("[\"\\u00e9\", \"a\", \"b\", 10, 2, [1]]").isEqualTo(text(linked));
    assertThat(text(Set.of())).isEqualTo("[]");
  }

  @Test
  void writesCollectionsAndArraysInOrder() {
    assertThat(text(new ArrayDeque<>(List.of(3, 1, 2)))).isEqualTo("[3, 1, 2]");
    assertThat(text(new int[] {1, -2})).isEqualTo("[1, -2]");
    assertThat(text(new long[] {Long.MAX_VALUE})).isEqualTo("[9223372036854775807]");
    assertThat(text(new double[] {0.1, 1e16, Double.NaN})).isEqualTo("[0.1, 1e+16, NaN]");
    assertThat(text(new float[] {0.1f})).isEqualTo("[0.1]");
    assertThat(text(new boolean[] {true, false})).isEqualTo("[true, false]");
    assertThat(text(new byte[] {1, -1})).isEqualTo("[1, -1]");
    assertThat(text(new short[] {7})).isEqualTo("[7]");
    assertThat(text(new char[] {'a', '"'})).isEqualTo("[\"a\", \"\\\"\"]");
    assertThat(text(new Object[] {"x", null, new int[0]})).isEqualTo("[\"x\", null, []]");
  }

  @Test
  void refusesOptionalsNamingWhereTheyAre() {
    assertThatThrownBy(() -> text(Optional.of(1))).isInstanceOf(CodecException.class)
        .hasMessage("Cannot encode java.util.Optional: Python pottery has no JSON form for an Optional; store the "
            + "value itself, or store nothing (remove the key or element) when it is empty");
    assertThatThrownBy(() -> text(Map.of("a", List.of(1, OptionalInt.empty())))).isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Cannot encode java.util.OptionalInt at $[\"a\"][1]: ");
  }

  @Test
  void refusesCyclesWithAMessageInsteadOfAStackOverflow() {
    List<Object> list = new ArrayList<>();
    list.add(1);
    list.add(list);
    assertThatThrownBy(() -> text(list)).isInstanceOf(CodecException.class)
        .hasMessageContaining("java.util.ArrayList").hasMessageContaining("contains itself (a cycle)");
    Map<String, Object> map = new HashMap<>();
    map.put("self", List.of(map));
    assertThatThrownBy(() -> text(map)).isInstanceOf(CodecException.class)
        .hasMessageContaining("contains itself (a cycle)")
        .hasMessageContaining("at $[\"self\"][0][\"self\"][0]");
  }

  @Test
  void writesUpToAThousandLevelsAndRefusesDeeper() {
    assertThat(text(nested(1000))).startsWith("[[[").hasSize(2000);
    assertThatThrownBy(() -> text(nested(1001))).isInstanceOf(CodecException.class)
        .hasMessageContaining("nested deeper than 1000 levels");
  }

  private static Object nested(int levels) {
    Object value = List.of();
    for (int i = 1; i < levels; i++) {
      value = List.of(value);
    }
    return value;
  }

  @Test
  void aPlainWriterRefusesObjects() {
    assertThatThrownBy(() -> text(List.of(new Object()))).isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Cannot encode java.lang.Object at $[0]: not a plain JSON value");
  }

  record Point(int x, int y) {}

  @Test
  void aConverterTurnsObjectsIntoPlainNodes() {
    CanonicalJson json = CanonicalJson.withConverter("test", value -> {
      if (value instanceof Point) {
        Point p = (Point) value;
        return Map.of("y", p.y(), "x", p.x(), "next", p.x() > 0 ? new Point(p.x() - 1, 0) : "end");
      }
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getSimpleName());
    });
    assertThat(json.toText(List.of(new Point(1, 2))))
        .isEqualTo("[{\"next\": {\"next\": \"end\", \"x\": 0, \"y\": 0}, \"x\": 1, \"y\": 2}]");
    assertThatThrownBy(() -> json.toText(Map.of("when", new Object()))).isInstanceOf(CodecException.class)
        .hasMessage("Cannot encode java.lang.Object with codec test at $[\"when\"]: no JSON form for Object")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    CanonicalJson lazy = CanonicalJson.withConverter("lazy", value -> value);
    assertThatThrownBy(() -> lazy.toText(new Point(0, 0))).isInstanceOf(CodecException.class)
        .hasMessageContaining("the codec turned it into a io.pottery.internal.codec.CanonicalJsonTest$Point, which is not a plain JSON node");
  }

  @Test
  void aConverterCannotHideACycle() {
    final class Node {
      final List<Object> children = new ArrayList<>();
    }
    Node node = new Node();
    node.children.add(node);
    CanonicalJson json = CanonicalJson.withConverter("test", value -> Map.of("children", ((Node) value).children));
    assertThatThrownBy(() -> json.toText(node)).isInstanceOf(CodecException.class)
        .hasMessageContaining("contains itself (a cycle)");
  }

  private static List<String> lines(String resource) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = CanonicalJsonTest.class.getResourceAsStream(resource);
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }
}
