package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/** The behaviour of every {@code RedisMap} method on a real server, on the full driver × codec matrix. */
@WithRedis
class RedisMapTest {

  private static RedisMap<String, Integer> tel(Pottery pottery, TestKey key) {
    return pottery.map(key.name(), String.class, Integer.class);
  }

  private static RedisMap<String, Integer> filled(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    tel.putAll(Map.of("jack", 4098, "sape", 4139, "guido", 4127));
    return tel;
  }

  // ---- single-key reads and writes ---------------------------------------------------------------------------

  @MatrixTest
  void putReturnsThePreviousValueAndGetReadsIt(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    assertThat(tel.get("jack")).isNull();
    assertThat(tel.put("jack", 4098)).isNull();
    assertThat(tel.put("jack", 4099)).isEqualTo(4098);
    assertThat(tel.get("jack")).isEqualTo(4099);
    assertThat(tel.key()).isEqualTo(key.name());
  }

  @MatrixTest
  void aMissingKeyIsAnEmptyMap(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    assertThat(tel).isEmpty();
    assertThat(tel.size()).isZero();
    assertThat(tel.containsKey("jack")).isFalse();
    assertThat(tel.containsValue(1)).isFalse();
    assertThat(tel.keySet().iterator().hasNext()).isFalse();
    assertThat(tel.remove("jack")).isNull();
    assertThat(tel.toString()).isEqualTo("{}");
    assertThat(tel).isEqualTo(Map.of());
    assertThat(tel.hashCode()).isZero();
  }

  @MatrixTest
  void fastPutAndFastRemoveTellWhetherTheFieldWasThere(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    assertThat(tel.fastPut("jack", 1)).isTrue();
    assertThat(tel.fastPut("jack", 2)).isFalse();
    assertThat(tel.get("jack")).isEqualTo(2);
    assertThat(tel.fastRemove("jack")).isTrue();
    assertThat(tel.fastRemove("jack")).isFalse();
    assertThat(tel).isEmpty();
  }

  @MatrixTest
  void putIfAbsentWritesOnlyWhenAbsentAndReturnsTheValueInPlace(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    assertThat(tel.putIfAbsent("jack", 1)).isNull();
    assertThat(tel.putIfAbsent("jack", 2)).isEqualTo(1);
    assertThat(tel.get("jack")).isEqualTo(1);
  }

  @MatrixTest
  void removeReturnsTheRemovedValue(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    assertThat(tel.remove("jack")).isEqualTo(4098);
    assertThat(tel.remove("jack")).isNull();
    assertThat(tel).containsOnlyKeys("sape", "guido");
  }

  @MatrixTest
  void removeKeyValueRemovesOnlyAnEqualValue(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    assertThat(tel.remove("jack", 1)).isFalse();
    assertThat(tel.remove("jack", null)).isFalse();
    assertThat(tel.remove("nobody", 4098)).isFalse();
    assertThat(tel.get("jack")).isEqualTo(4098);
    assertThat(tel.remove("jack", 4098)).isTrue();
    assertThat(tel.containsKey("jack")).isFalse();
  }

  @MatrixTest
  void replaceWritesOnlyWhenPresent(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    assertThat(tel.replace("nobody", 1)).isNull();
    assertThat(tel.containsKey("nobody")).isFalse();
    assertThat(tel.replace("jack", 1)).isEqualTo(4098);
    assertThat(tel.get("jack")).isEqualTo(1);
  }

  @MatrixTest
  void replaceOldNewComparesTheCurrentValue(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    assertThat(tel.replace("jack", 1, 2)).isFalse();
    assertThat(tel.replace("nobody", 1, 2)).isFalse();
    assertThat(tel.containsKey("nobody")).isFalse();
    assertThat(tel.replace("jack", 4098, 2)).isTrue();
    assertThat(tel.get("jack")).isEqualTo(2);
  }

  @MatrixTest
  void containsKeyAndContainsValue(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    assertThat(tel.containsKey("jack")).isTrue();
    assertThat(tel.containsKey("nobody")).isFalse();
    assertThat(tel.containsKey(4098)).as("another type is not a key").isFalse();
    assertThat(tel.containsValue(4139)).isTrue();
    assertThat(tel.containsValue(1)).isFalse();
    assertThat(tel.containsValue("4139")).as("a string is not an Integer").isFalse();
    assertThat(tel.get(42)).isNull();
  }

  // ---- compute family ----------------------------------------------------------------------------------------

  @MatrixTest
  void computeInsertsReplacesAndRemoves(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    assertThat(tel.compute("n", (k, v) -> v == null ? 1 : v + 1)).isEqualTo(1);
    assertThat(tel.compute("n", (k, v) -> v == null ? 1 : v + 1)).isEqualTo(2);
    assertThat(tel.get("n")).isEqualTo(2);
    assertThat(tel.compute("n", (k, v) -> null)).isNull();
    assertThat(tel.containsKey("n")).isFalse();
    assertThat(tel.compute("absent", (k, v) -> null)).isNull();
    assertThat(tel).isEmpty();
  }

  @MatrixTest
  void computeIfAbsentCallsTheFunctionOnlyWhenAbsent(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    List<String> calls = new ArrayList<>();
    assertThat(tel.computeIfAbsent("jack", k -> { calls.add(k); return k.length(); })).isEqualTo(4);
    assertThat(tel.computeIfAbsent("jack", k -> { calls.add(k); return 99; })).isEqualTo(4);
    assertThat(tel.computeIfAbsent("null", k -> null)).isNull();
    assertThat(calls).containsExactly("jack");
    assertThat(tel).containsOnly(entry("jack", 4));
  }

  @MatrixTest
  void computeIfPresentCallsTheFunctionOnlyWhenPresent(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    assertThat(tel.computeIfPresent("nobody", (k, v) -> 1)).isNull();
    assertThat(tel.containsKey("nobody")).isFalse();
    assertThat(tel.computeIfPresent("jack", (k, v) -> v + 1)).isEqualTo(4099);
    assertThat(tel.computeIfPresent("jack", (k, v) -> null)).isNull();
    assertThat(tel).containsOnlyKeys("sape", "guido");
  }

  @MatrixTest
  void mergeInsertsCombinesAndRemoves(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = tel(pottery, key);
    assertThat(tel.merge("n", 5, Integer::sum)).isEqualTo(5);
    assertThat(tel.merge("n", 5, Integer::sum)).isEqualTo(10);
    assertThat(tel.merge("n", 5, (a, b) -> null)).isNull();
    assertThat(tel).isEmpty();
  }

  @MatrixTest
  void aThrowingFunctionLeavesTheMapUnchanged(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    RuntimeException boom = new IllegalArgumentException("boom");
    assertThatThrownBy(() -> tel.compute("jack", (k, v) -> { throw boom; })).isSameAs(boom);
    assertThatThrownBy(() -> tel.computeIfAbsent("x", k -> { throw boom; })).isSameAs(boom);
    assertThatThrownBy(() -> tel.computeIfPresent("jack", (k, v) -> { throw boom; })).isSameAs(boom);
    assertThatThrownBy(() -> tel.merge("jack", 1, (a, b) -> { throw boom; })).isSameAs(boom);
    assertThat(tel).isEqualTo(Map.of("jack", 4098, "sape", 4139, "guido", 4127));
  }

  @MatrixTest
  void replaceAllAndForEach(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    tel.replaceAll((k, v) -> v + k.length());
    Map<String, Integer> seen = new HashMap<>();
    tel.forEach(seen::put);
    assertThat(seen).isEqualTo(Map.of("jack", 4102, "sape", 4143, "guido", 4132));
  }

  // ---- bulk operations: one round trip each ------------------------------------------------------------------

  // ---- views -------------------------------------------------------------------------------------------------

  @MatrixTest
  void keySetWritesThrough(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    Set<String> keys = tel.keySet();
    assertThat(keys).containsExactlyInAnyOrder("jack", "sape", "guido");
    assertThat(keys.remove("jack")).isTrue();
    assertThat(keys.remove("jack")).isFalse();
    assertThat(tel).containsOnlyKeys("sape", "guido");
    tel.put("jack", 1);
    assertThat(keys.removeAll(List.of("jack", "nobody"))).isTrue();
    assertThat(keys.removeAll(List.of("nobody"))).isFalse();
    assertThat(tel).containsOnlyKeys("sape", "guido");
    assertThat(keys.retainAll(Set.of("sape"))).isTrue();
    assertThat(tel).containsOnlyKeys("sape");
    assertThatThrownBy(() -> keys.add("x")).isInstanceOf(UnsupportedOperationException.class);
    keys.clear();
    assertThat(tel).isEmpty();
  }

  @MatrixTest
  void valuesWriteThrough(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    assertThat(tel.values()).containsExactlyInAnyOrder(4098, 4139, 4127);
    assertThat(tel.values().contains(4098)).isTrue();
    assertThat(tel.values().remove(4098)).isTrue();
    assertThat(tel).containsOnlyKeys("sape", "guido");
    assertThat(tel.values().removeAll(List.of(4139))).isTrue();
    assertThat(tel).containsOnlyKeys("guido");
    tel.put("jack", 1);
    assertThat(tel.values().retainAll(List.of(1))).isTrue();
    assertThat(tel).containsOnly(entry("jack", 1));
    tel.values().clear();
    assertThat(tel).isEmpty();
  }

  @MatrixTest
  void entrySetWritesThroughIncludingSetValue(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    Set<Map.Entry<String, Integer>> entries = tel.entrySet();
    assertThat(entries).containsExactlyInAnyOrder(entry("jack", 4098), entry("sape", 4139), entry("guido", 4127));
    assertThat(entries.contains(entry("jack", 4098))).isTrue();
    assertThat(entries.contains(entry("jack", 1))).isFalse();
    assertThat(entries.remove(entry("jack", 1))).isFalse();
    assertThat(entries.remove(entry("jack", 4098))).isTrue();
    for (Map.Entry<String, Integer> e : entries) {
      assertThat(e.setValue(e.getValue() + 1)).isEqualTo(e.getKey().equals("sape") ? 4139 : 4127);
    }
    assertThat(tel).isEqualTo(Map.of("sape", 4140, "guido", 4128));
  }

  @MatrixTest
  void iteratorRemoveDeletesTheLastEntryReturned(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    Iterator<Map.Entry<String, Integer>> it = tel.entrySet().iterator();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    Map.Entry<String, Integer> first = it.next();
    it.remove();
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
    assertThat(tel.containsKey(first.getKey())).isFalse();
    it.next();
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(tel).hasSize(2);
  }

  // ---- Object methods ----------------------------------------------------------------------------------------

  @MatrixTest
  void equalsHashCodeAndToStringFollowJavaUtilMap(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> tel = filled(pottery, key);
    Map<String, Integer> plain = new HashMap<>(Map.of("jack", 4098, "sape", 4139, "guido", 4127));
    assertThat(tel.equals(plain)).isTrue();
    assertThat(plain.equals(tel)).isTrue();
    assertThat(tel.hashCode()).isEqualTo(plain.hashCode());
    assertThat(tel.equals(Map.of("jack", 4098))).isFalse();
    assertThat(tel.equals(Map.of("jack", 4098, "sape", 4139, "guido", 1))).isFalse();
    assertThat(tel.equals(List.of())).isFalse();
    String text = tel.toString();
    assertThat(text).startsWith("{").endsWith("}").contains("jack=4098", "sape=4139", "guido=4127").hasSize(
        "{jack=4098, sape=4139, guido=4127}".length());
  }

  @MatrixTest
  void genericValuesDecodeAsTheirDeclaredType(Pottery pottery, TestKey key) {
    RedisMap<String, Map<String, List<Integer>>> docs =
        pottery.map(key.name(), TypeRef.of(String.class), new TypeRef<Map<String, List<Integer>>>() {});
    Map<String, List<Integer>> doc = new TreeMap<>(Map.of("b", List.of(1, 2), "a", List.of()));
    docs.put("d", doc);
    Map<String, List<Integer>> read = docs.get("d");
    assertThat(read).isEqualTo(doc);
    assertThat(read.get("b").get(0)).isInstanceOf(Integer.class);
  }

  @MatrixTest
  void twoViewsOfOneKeySeeTheSameData(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> one = tel(pottery, key);
    RedisMap<String, Integer> two = tel(pottery, key);
    one.put("jack", 1);
    assertThat(two.get("jack")).isEqualTo(1);
    assertThat(one).isEqualTo(two);
  }
}
