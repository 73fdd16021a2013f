package io.pottery.internal.collections;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python pottery's {@code RedisDict} layout, byte for byte (POTTERY-COMPAT.md §0, §1, §9): a hash whose fields are
 * {@code json.dumps(key, sort_keys=True)} and whose values are {@code json.dumps(value, sort_keys=True)}. The
 * golden texts are those of {@code shared/interop/json-vectors.jsonl}, written by CPython 3.11.
 */
@WithRedis
class RedisMapInteropTest {

  /** What Python's {@code RedisDict(redis=r, key=k)} followed by {@code tel.update(jack=4098, sape=4139, guido=4127)} writes. */
  private static final Map<String, String> PYTHON_TEL = Map.of(
      "\"jack\"", "4098",
      "\"sape\"", "4139",
      "\"guido\"", "4127");

  @MatrixTest
  void javaReadsWhatPythonWrote(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      PYTHON_TEL.forEach((field, value) -> raw.call("HSET", key.name(), field, value));
    }
    RedisMap<String, Integer> tel = pottery.map(key.name(), String.class, Integer.class);
    assertThat(tel).isEqualTo(Map.of("jack", 4098, "sape", 4139, "guido", 4127));
    assertThat(tel.get("jack")).isEqualTo(4098);
  }

  @MatrixTest
  void pythonReadsWhatJavaWrote(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Integer> tel = pottery.map(key.name(), String.class, Integer.class);
    tel.put("jack", 4098);
    tel.putIfAbsent("sape", 4139);
    tel.merge("guido", 4127, Integer::sum);
    assertThat(stored(server, key)).isEqualTo(PYTHON_TEL);
  }

  @MatrixTest
  void stringsAreEscapedAsPythonDoes(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, String> map = pottery.map(key.name(), String.class, String.class);
    map.put("été", "日本");
    map.put("😀", "line\nbreak\ttab");
    map.put("a\"b\\c/d", "");
    assertThat(stored(server, key)).isEqualTo(Map.of(
        "\"\\u00e9t\\u00e9\"", "\"\\u65e5\\u672c\"",
        "\"\\ud83d\\ude00\"", "\"line\\nbreak\\ttab\"",
        "\"a\\\"b\\\\c/d\"", "\"\""));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "\"caf\\u00c9\"", "\"x\"");
    }
    assertThat(map.get("cafÉ")).isEqualTo("x");
  }

  @MatrixTest
  void numbersKeepPythonsFormAndTheirType(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Double> floats = pottery.map(key.derived("floats"), String.class, Double.class);
    floats.putAll(Map.of("one", 1.0, "big", 1e16, "small", 1.5e-07, "tenth", 0.1, "negzero", -0.0));
    assertThat(stored(server, key.derived("floats"))).isEqualTo(Map.of(
        "\"one\"", "1.0", "\"big\"", "1e+16", "\"small\"", "1.5e-07", "\"tenth\"", "0.1", "\"negzero\"", "-0.0"));
    assertThat(floats.get("big")).isEqualTo(1e16);

    RedisMap<Long, BigInteger> ints = pottery.map(key.derived("ints"), Long.class, BigInteger.class);
    ints.put(Long.MAX_VALUE, new BigInteger("12345678901234567890123"));
    assertThat(stored(server, key.derived("ints"))).isEqualTo(Map.of("9223372036854775807", "12345678901234567890123"));
    assertThat(ints.get(Long.MAX_VALUE)).isEqualTo(new BigInteger("12345678901234567890123"));
  }

  @MatrixTest
  void nestedValuesAreSortedJson(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Object> docs = pottery.map(key.name(), TypeRef.of(String.class), TypeRef.of(Object.class));
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("y", List.of(Map.of("b", 2, "a", 1)));
    inner.put("x", null);
    docs.put("nested", Map.of("outer", inner));
    docs.put("mixed", Arrays.asList(1, "two", 3.0, null, true));
    docs.put("tel", new HashMap<>(Map.of("jack", 4098, "sape", 4139, "guido", 4127)));
    assertThat(stored(server, key)).isEqualTo(Map.of(
        "\"nested\"", "{\"outer\": {\"x\": null, \"y\": [{\"a\": 1, \"b\": 2}]}}",
        "\"mixed\"", "[1, \"two\", 3.0, null, true]",
        "\"tel\"", "{\"guido\": 4127, \"jack\": 4098, \"sape\": 4139}"));
  }

  /** The hash as Python would see it: raw field text → raw value text. */
  private static Map<String, String> stored(RedisServer server, TestKey key) {
    return stored(server, key.name());
  }

  private static Map<String, String> stored(RedisServer server, String key) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      List<?> flat = (List<?>) raw.call("HGETALL", key);
      Map<String, String> map = new HashMap<>();
      for (int i = 0; i < flat.size(); i += 2) {
        map.put(new String((byte[]) flat.get(i), UTF_8), new String((byte[]) flat.get(i + 1), UTF_8));
      }
      return map;
    }
  }
}
