package io.pottery.internal.collections;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python pottery's {@code RedisList} and {@code RedisDeque} layout, byte for byte (POTTERY-COMPAT.md §0, §1, §9):
 * one Redis list of {@code json.dumps(element, sort_keys=True)}, index 0 = left = head. The golden texts are
 * those Python writes (shared/interop/json-vectors.jsonl).
 */
@WithRedis
class RedisListInteropTest {

  /** What {@code RedisList([1, "two", 3.0, None, True, {"b": 2, "a": 1}], key=k)} writes with RPUSH. */
  private static final List<String> PYTHON_LIST = List.of(
      "1", "\"two\"", "3.0", "[1, 2]", "true", "{\"a\": 1, \"b\": [null, \"\\u00e9\"]}");

  @MatrixTest
  void javaReadsWhatPythonWrote(Pottery pottery, TestKey key, RedisServer server) {
    push(server, key.name(), PYTHON_LIST);
    RedisList<Object> list = pottery.list(key.name(), Object.class);
    assertThat(list).hasSize(6);
    assertThat(list.get(1)).isEqualTo("two");
    assertThat(list.get(2)).isEqualTo(3.0);
    assertThat(((Number) list.get(0)).intValue()).isEqualTo(1);
    assertThat(list.get(4)).isEqualTo(true);
    assertThat(list.indexOf("two")).isEqualTo(1);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", 1);
    expected.put("b", Arrays.asList(null, "é"));
    assertThat(list.get(5).toString()).isEqualTo(expected.toString());
  }

  @MatrixTest
  void pythonReadsWhatJavaWrote(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<Object> list = pottery.list(key.name(), Object.class);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("b", Arrays.asList(null, "é"));
    doc.put("a", 1);
    list.add("two");
    list.add(0, 1);
    list.addAll(List.of(List.of(1, 2), true, doc));
    list.add(2, 3.0);
    assertThat(stored(server, key.name())).isEqualTo(PYTHON_LIST);
  }

  @MatrixTest
  void dequeEndsAreTheListEndsPythonUses(Pottery pottery, TestKey key, RedisServer server) {
    // Python: d = RedisDeque(key=k); d.append("b"); d.appendleft("a"); d.extendleft(["y", "x"]); d.extend(["c"])
    RedisDeque<String> deque = pottery.deque(key.name(), String.class);
    deque.addLast("b");
    deque.addFirst("a");
    deque.extendLeft(List.of("y", "x"));
    deque.addAll(List.of("c"));
    assertThat(stored(server, key.name())).containsExactly("\"x\"", "\"y\"", "\"a\"", "\"b\"", "\"c\"");

    // ...and a list Python pushed reads head first: popleft() is pollFirst(), pop() is pollLast().
    push(server, key.derived("python"), List.of("\"first\"", "\"middle\"", "\"last\""));
    RedisDeque<String> fromPython = pottery.deque(key.derived("python"), String.class, 3);
    assertThat(fromPython.pollFirst()).isEqualTo("first");
    assertThat(fromPython.pollLast()).isEqualTo("last");
    assertThat(fromPython).containsExactly("middle");
  }

  @MatrixTest
  void aZeroSurvivesRemovalsThatPythonsSliceMarkerWouldHitToo(Pottery pottery, TestKey key, RedisServer server) {
    // Python's slice assignment marks surplus slots with 0 and LREMs 0, deleting real zeros; Java's markers are
    // random bytes no codec writes, removed in the same script.
    push(server, key.name(), List.of("0", "1", "0", "2", "0"));
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    list.subList(1, 4).clear();
    list.add(1, 0);
    list.remove(1);
    assertThat(stored(server, key.name())).containsExactly("0", "0");
    list.retainAll(List.of(0));
    assertThat(list).containsExactly(0, 0);
  }

  @MatrixTest
  void genericElementsReadAsDeclared(Pottery pottery, TestKey key, RedisServer server) {
    push(server, key.name(), List.of("[1, 2]", "[]", "[3]"));
    RedisList<List<Integer>> lists = pottery.list(key.name(), new TypeRef<List<Integer>>() {});
    assertThat(lists).containsExactly(List.of(1, 2), List.of(), List.of(3));
    assertThat(lists.get(0).get(0)).isInstanceOf(Integer.class);
  }

  private static void push(RedisServer server, String key, List<String> elements) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      for (String element : elements) {
        raw.call("RPUSH", key, element);
      }
    }
  }

  private static List<String> stored(RedisServer server, String key) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      List<String> texts = new ArrayList<>();
      for (Object element : (List<?>) raw.call("LRANGE", key, "0", "-1")) {
        texts.add(new String((byte[]) element, UTF_8));
      }
      return texts;
    }
  }
}
