package io.pottery.internal.collections;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python pottery's {@code RedisCounter} layout, byte for byte (POTTERY-COMPAT.md §0, §1, §9): a hash whose fields
 * are {@code json.dumps(element, sort_keys=True)} and whose values are the counts in plain decimal.
 */
@WithRedis
class RedisCounterInteropTest {

  /** What Python's {@code RedisCounter('gallahad', redis=r, key=k)} writes. */
  private static final Map<String, String> PYTHON_GALLAHAD = Map.of(
      "\"g\"", "1", "\"a\"", "3", "\"l\"", "2", "\"h\"", "1", "\"d\"", "1");

  @MatrixTest
  void javaReadsWhatPythonWrote(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      PYTHON_GALLAHAD.forEach((field, count) -> raw.call("HSET", key.name(), field, count));
      raw.call("HSET", key.name(), "\"\\u00e9\"", "-2"); // c['é'] = -2
    }
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    assertThat(counter.count("a")).isEqualTo(3);
    assertThat(counter.count("é")).isEqualTo(-2);
    assertThat(counter.mostCommon(2)).containsExactly(entry("a", 3L), entry("l", 2L));
    assertThat(counter.total()).isEqualTo(6);
    assertThat(counter.asMap()).containsEntry("g", 1L).hasSize(6);
    counter.increment("a");
    assertThat(stored(server, key.name())).containsEntry("\"a\"", "4");
  }

  @MatrixTest
  void pythonReadsWhatJavaWrote(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    counter.add(List.of("g", "a", "l", "l", "a", "h", "a", "d"));
    assertThat(stored(server, key.name())).isEqualTo(PYTHON_GALLAHAD);
    counter.asMap().put("big", 5_000_000_000L);
    counter.subtract(Map.of("d", 3L));
    assertThat(stored(server, key.name())).containsEntry("\"big\"", "5000000000").containsEntry("\"d\"", "-2");
  }

  @MatrixTest
  void countersOfNumbersAndListsUsePythonsJson(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<Object> counter = pottery.counter(key.name(), Object.class);
    counter.add(List.of(1, 1.0, "1", List.of(1, "a"), 1));
    assertThat(stored(server, key.name()))
        .isEqualTo(Map.of("1", "2", "1.0", "1", "\"1\"", "1", "[1, \"a\"]", "1"));
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
