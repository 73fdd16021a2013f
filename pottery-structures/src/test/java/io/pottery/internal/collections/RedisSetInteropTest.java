package io.pottery.internal.collections;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisSet;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python pottery's {@code RedisSet} layout, byte for byte (POTTERY-COMPAT.md §0, §1, §9): a Redis set whose
 * members are {@code json.dumps(element, sort_keys=True)}. The golden texts are those of
 * {@code shared/interop/json-vectors.jsonl}, written by CPython 3.11.
 */
@WithRedis
class RedisSetInteropTest {

  /** What Python's {@code RedisSet({'apple', 'été', '😀'}, redis=r, key=k)} writes. */
  private static final Set<String> PYTHON_FRUITS = Set.of("\"apple\"", "\"\\u00e9t\\u00e9\"", "\"\\ud83d\\ude00\"");

  @MatrixTest
  void javaReadsWhatPythonWrote(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      PYTHON_FRUITS.forEach(member -> raw.call("SADD", key.name(), member));
    }
    RedisSet<String> fruits = pottery.set(key.name(), String.class);
    assertThat(fruits).isEqualTo(Set.of("apple", "été", "😀"));
    assertThat(fruits.containsMany(List.of("été", "kiwi"))).containsExactly(true, false);
    assertThat(fruits.remove("😀")).isTrue();
    assertThat(members(server, key.name())).containsExactlyInAnyOrder("\"apple\"", "\"\\u00e9t\\u00e9\"");
  }

  @MatrixTest
  void pythonReadsWhatJavaWrote(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<String> fruits = pottery.set(key.name(), String.class);
    fruits.add("apple");
    fruits.addAll(List.of("été", "😀"));
    assertThat(members(server, key.name())).isEqualTo(PYTHON_FRUITS);
  }

  @MatrixTest
  void equalNumbersOfDifferentTypesAreDifferentMembersAsInPython(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<Object> mixed = pottery.set(key.name(), TypeRef.of(Object.class));
    mixed.addAll(List.of(1, 1.0, "1", 1e16, List.of(1, "a"), Map.of("b", 2, "a", 1)));
    assertThat(members(server, key.name()))
        .containsExactlyInAnyOrder("1", "1.0", "\"1\"", "1e+16", "[1, \"a\"]", "{\"a\": 1, \"b\": 2}");
    assertThat(mixed).hasSize(6);
    assertThat(mixed.contains(1)).isTrue();
    assertThat(mixed.contains(1.0)).isTrue();
    assertThat(mixed.contains(2)).isFalse();
  }

  @MatrixTest
  void setsWrittenByPythonCombineOnTheServer(Pottery pottery, TestKey untagged, RedisServer server) {
    TestKey key = untagged.withTag(); // SINTER and SUNIONSTORE take both keys: one slot on a cluster
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SADD", key.derived("a"), "1", "2", "3");
      raw.call("SADD", key.derived("b"), "2", "3", "4");
    }
    RedisSet<Integer> a = pottery.set(key.derived("a"), Integer.class);
    RedisSet<Integer> b = pottery.set(key.derived("b"), Integer.class);
    assertThat(a.intersection(b)).isEqualTo(Set.of(2, 3));
    a.unionStore(a, List.of(b));
    assertThat(members(server, key.derived("a"))).containsExactlyInAnyOrder("1", "2", "3", "4");
  }

  private static Set<String> members(RedisServer server, String key) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      Set<String> members = new HashSet<>();
      for (Object member : (List<?>) raw.call("SMEMBERS", key)) {
        members.add(new String((byte[]) member, UTF_8));
      }
      return members;
    }
  }
}
