package io.pottery.internal.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.pottery.CachedOrderedMap;
import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CachedOrderedMap on every matrix cell: Python's CachedOrderedDict layout (POTTERY-COMPAT §8), order, misses. */
@WithRedis
class CachedOrderedMapTest {

  private static void pythonStored(RedisServer server, String key, String... fieldsAndValues) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      for (int i = 0; i < fieldsAndValues.length; i += 2) {
        raw.call("HSET", key, fieldsAndValues[i], fieldsAndValues[i + 1]);
      }
    }
  }

  @MatrixTest
  void hitsAreLoadedAndMissesListedInTheGivenOrder(Pottery pottery, TestKey key, RedisServer server) {
    pythonStored(server, key.name(), "\"jack\"", "4098", "\"guido\"", "4127");
    CachedOrderedMap<String, Integer> tel = pottery.cachedOrderedMap(
        key.name(), String.class, Integer.class, List.of("sape", "jack", "tim", "guido", "jack"));
    assertThat(tel.misses()).containsExactly("sape", "tim");
    assertThat(new ArrayList<>(tel.entrySet())).containsExactly(entry("jack", 4098), entry("guido", 4127));
    assertThat(tel.get("sape")).isNull();
    assertThat(tel.containsKey("sape")).isFalse();
    assertThat(tel).hasSize(2);

    assertThat(tel.put("tim", 4200)).isNull();
    assertThat(tel.put("sape", 4139)).isNull();
    assertThat(tel.put("eric", 4000)).as("a key not given comes last").isNull();
    assertThat(tel.misses()).isEmpty();
    assertThat(new ArrayList<>(tel.keySet())).containsExactly("sape", "jack", "tim", "guido", "eric");
    assertThat(tel.put("jack", 4099)).isEqualTo(4098);
    assertThat(new ArrayList<>(tel.values())).containsExactly(4139, 4099, 4200, 4127, 4000);
    assertThat(stored(server, key.name())).isEqualTo(Map.of(
        "\"jack\"", "4099", "\"guido\"", "4127", "\"sape\"", "4139", "\"tim\"", "4200", "\"eric\"", "4000"));
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("guido", 4127);
    assertThat(tel).isNotEqualTo(expected);
  }

  @MatrixTest
  void writesGoThroughAndRenewTheExpiry(Pottery pottery, TestKey key, RedisServer server) {
    CachedOrderedMap<Integer, List<String>> cache = pottery.cachedOrderedMap(
        key.name(), TypeRef.of(Integer.class), new TypeRef<List<String>>() {}, List.of(1, 2, 3), Duration.ofSeconds(30));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("EXISTS", key.name())).as("nothing written by a lookup").isEqualTo(0L);
      Map<Integer, List<String>> batch = new LinkedHashMap<>();
      batch.put(3, List.of("c"));
      batch.put(1, List.of("a", "b"));
      cache.putAll(batch);
      assertThat((Long) raw.call("PTTL", key.name())).isBetween(20_000L, 30_000L);
    }
    assertThat(cache.misses()).containsExactly(2);
    assertThat(new ArrayList<>(cache.keySet())).containsExactly(1, 3);
    assertThat(stored(server, key.name())).isEqualTo(Map.of("1", "[\"a\", \"b\"]", "3", "[\"c\"]"));
    CachedOrderedMap<Integer, List<String>> again = pottery.cachedOrderedMap(
        key.name(), TypeRef.of(Integer.class), new TypeRef<List<String>>() {}, List.of(3, 2, 1), null);
    assertThat(again).isEqualTo(Map.of(1, List.of("a", "b"), 3, List.of("c")));
    assertThat(again.misses()).containsExactly(2);
  }

  @MatrixTest
  void putIfAbsentAdoptsWhatAnotherProcessStored(Pottery pottery, TestKey key, RedisServer server) {
    CachedOrderedMap<String, Integer> tel = pottery.cachedOrderedMap(
        key.name(), String.class, Integer.class, List.of("sape", "guido"));
    pythonStored(server, key.name(), "\"sape\"", "4139");
    assertThat(tel.putIfAbsent("sape", 1)).isEqualTo(4139);
    assertThat(tel.get("sape")).isEqualTo(4139);
    assertThat(tel.putIfAbsent("guido", 4127)).isNull();
    assertThat(tel.putIfAbsent("guido", 2)).as("present locally").isEqualTo(4127);
    assertThat(tel.misses()).isEmpty();
    assertThat(stored(server, key.name())).isEqualTo(Map.of("\"sape\"", "4139", "\"guido\"", "4127"));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat((Long) raw.call("PTTL", key.name())).isBetween(50_000L, 60_000L);
    }
  }

  @MatrixTest
  void entriesOfTheSharedCacheAreNotRemoved(Pottery pottery, TestKey key, RedisServer server) {
    pythonStored(server, key.name(), "\"jack\"", "4098");
    CachedOrderedMap<String, Integer> tel = pottery.cachedOrderedMap(key.name(), String.class, Integer.class, List.of("jack"));
    assertThatThrownBy(() -> tel.remove("jack")).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("CachedOrderedMap \"" + key.name() + "\"");
    assertThatThrownBy(tel::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> tel.keySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> tel.entrySet().iterator().next().setValue(1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> tel.put("x", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> pottery.cachedOrderedMap(key.name(), String.class, Integer.class, java.util.Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class);
    assertThat(tel).containsExactly(entry("jack", 4098));
  }

  @MatrixTest
  void noKeysIsAnEmptyMap(Pottery pottery, TestKey key) {
    CachedOrderedMap<String, Integer> none = pottery.cachedOrderedMap(key.name(), String.class, Integer.class, List.of());
    assertThat(none).isEmpty();
    assertThat(none.misses()).isEmpty();
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
