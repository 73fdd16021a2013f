package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.Pottery;
import io.pottery.RedisSet;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/** The behaviour of every {@code RedisSet} method on a real server, on the full driver × codec matrix. */
@WithRedis
class RedisSetTest {

  private static RedisSet<String> fruits(Pottery pottery, TestKey key) {
    return pottery.set(key.name(), String.class);
  }

  private static RedisSet<String> filled(Pottery pottery, String key, String... elements) {
    RedisSet<String> set = pottery.set(key, String.class);
    set.addAll(Arrays.asList(elements));
    return set;
  }

  // ---- single elements ---------------------------------------------------------------------------------------

  @MatrixTest
  void addRemoveAndContainsSayWhetherTheSetChanged(Pottery pottery, TestKey key) {
    RedisSet<String> fruits = fruits(pottery, key);
    assertThat(fruits.add("apple")).isTrue();
    assertThat(fruits.add("apple")).as("already there").isFalse();
    assertThat(fruits.contains("apple")).isTrue();
    assertThat(fruits.contains("banana")).isFalse();
    assertThat(fruits.contains(42)).as("another type, encodes differently").isFalse();
    assertThat(fruits.remove("banana")).isFalse();
    assertThat(fruits.remove("apple")).isTrue();
    assertThat(fruits).isEmpty();
    assertThat(fruits.key()).isEqualTo(key.name());
  }

  @MatrixTest
  void aMissingKeyIsAnEmptySet(Pottery pottery, TestKey key) {
    RedisSet<String> fruits = fruits(pottery, key);
    assertThat(fruits.size()).isZero();
    assertThat(fruits.isEmpty()).isTrue();
    assertThat(fruits.iterator().hasNext()).isFalse();
    assertThat(fruits.containsMany(List.of("a", "b"))).containsExactly(false, false);
    assertThatThrownBy(fruits::pop).isInstanceOf(NoSuchElementException.class)
        .hasMessage("RedisSet \"" + key.name() + "\" is empty: nothing to pop");
    assertThatThrownBy(fruits::randomElement).isInstanceOf(NoSuchElementException.class)
        .hasMessage("RedisSet \"" + key.name() + "\" is empty: no random element");
    assertThat(fruits.toString()).isEqualTo("[]");
    assertThat(fruits.hashCode()).isZero();
  }

  @MatrixTest
  void popRemovesEachElementOnceAndRandomElementRemovesNone(Pottery pottery, TestKey key) {
    RedisSet<String> fruits = filled(pottery, key.name(), "apple", "banana", "cherry");
    assertThat(fruits.randomElement()).isIn("apple", "banana", "cherry");
    assertThat(fruits).hasSize(3);
    Set<String> popped = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      popped.add(fruits.pop());
    }
    assertThat(popped).containsExactlyInAnyOrder("apple", "banana", "cherry");
    assertThat(fruits).isEmpty();
  }

  @MatrixTest
  void containsManyAnswersInOrderWithDuplicatesAndForeignTypes(Pottery pottery, TestKey key) {
    RedisSet<String> fruits = filled(pottery, key.name(), "apple", "banana");
    assertThat(fruits.containsMany(Arrays.asList("banana", "kiwi", "apple", "banana", 7)))
        .containsExactly(true, false, true, true, false);
    assertThat(fruits.containsMany(List.of())).isEmpty();
  }

  @MatrixTest
  void containsManyFallsBackToSismemberWithoutSmismember(Pottery pottery, TestKey key) {
    RedisSet<String> fruits = filled(pottery, key.name(), "apple", "banana");
    RedisMemberSet<String> old = ((RedisMemberSet<String>) pottery.set(key.name(), String.class)).withoutSmismember();
    assertThat(old.containsMany(List.of("banana", "kiwi", "apple"))).containsExactly(true, false, true);
    assertThat(old.containsAll(List.of("banana", "apple"))).isTrue();
    assertThat(old.containsAll(List.of("banana", "kiwi"))).isFalse();
    assertThat(fruits).hasSize(2);
  }

  // ---- bulk operations ---------------------------------------------------------------------------------------

  @MatrixTest
  void bulkOperationsWithLocalCollections(Pottery pottery, TestKey key) {
    RedisSet<String> fruits = fruits(pottery, key);
    assertThat(fruits.addAll(List.of("apple", "banana", "cherry", "apple"))).isTrue();
    assertThat(fruits.addAll(List.of("apple"))).isFalse();
    assertThat(fruits.addAll(List.of())).isFalse();
    assertThat(fruits).containsExactlyInAnyOrder("apple", "banana", "cherry");
    assertThat(fruits.containsAll(List.of("apple", "cherry"))).isTrue();
    assertThat(fruits.containsAll(List.of("apple", "kiwi"))).isFalse();
    assertThat(fruits.containsAll(List.of())).isTrue();
    assertThat(fruits.removeAll(Arrays.asList("kiwi", null, 3))).as("nothing there to remove").isFalse();
    assertThat(fruits.removeAll(List.of("banana", "kiwi"))).isTrue();
    assertThat(fruits).containsExactlyInAnyOrder("apple", "cherry");
    assertThat(fruits.retainAll(Arrays.asList("cherry", "kiwi", null))).isTrue();
    assertThat(fruits.retainAll(List.of("cherry"))).isFalse();
    assertThat(fruits).containsExactly("cherry");
    assertThat(fruits.retainAll(List.of())).isTrue();
    assertThat(fruits).isEmpty();
  }

  @MatrixTest
  void bulkOperationsWithAnotherRedisSetRunOnTheServer(Pottery pottery, TestKey untagged) {
    TestKey key = untagged.withTag(); // one slot: these run as one command or script on a cluster
    RedisSet<String> a = filled(pottery, key.derived("a"), "apple", "banana", "cherry");
    RedisSet<String> b = filled(pottery, key.derived("b"), "banana", "kiwi");
    assertThat(a.addAll(b)).isTrue();
    assertThat(a.addAll(b)).isFalse();
    assertThat(a).containsExactlyInAnyOrder("apple", "banana", "cherry", "kiwi");
    assertThat(a.removeAll(b)).isTrue();
    assertThat(a.removeAll(b)).isFalse();
    assertThat(a).containsExactlyInAnyOrder("apple", "cherry");
    b.add("apple");
    assertThat(a.retainAll(b)).isTrue();
    assertThat(a.retainAll(b)).isFalse();
    assertThat(a).containsExactly("apple");
    assertThat(b).containsExactlyInAnyOrder("apple", "banana", "kiwi");
  }

  // ---- set algebra -------------------------------------------------------------------------------------------

  @MatrixTest
  void unionIntersectionAndDifferenceReturnLocalSets(Pottery pottery, TestKey untagged) {
    TestKey key = untagged.withTag(); // one slot: these run as one command or script on a cluster
    RedisSet<String> a = filled(pottery, key.derived("a"), "apple", "banana", "cherry");
    RedisSet<String> b = filled(pottery, key.derived("b"), "banana", "kiwi");
    RedisSet<String> c = filled(pottery, key.derived("c"), "banana", "cherry", "lime");
    RedisSet<String> none = pottery.set(key.derived("none"), String.class);
    assertThat(a.union(b)).isInstanceOf(HashSet.class).containsExactlyInAnyOrder("apple", "banana", "cherry", "kiwi");
    assertThat(a.union(List.of(b, c))).containsExactlyInAnyOrder("apple", "banana", "cherry", "kiwi", "lime");
    assertThat(a.union(List.of())).containsExactlyInAnyOrder("apple", "banana", "cherry");
    assertThat(a.intersection(b)).containsExactly("banana");
    assertThat(a.intersection(List.of(b, c))).containsExactly("banana");
    assertThat(a.intersection(none)).isEmpty();
    assertThat(a.difference(b)).containsExactlyInAnyOrder("apple", "cherry");
    assertThat(a.difference(List.of(b, c))).containsExactly("apple");
    assertThat(none.difference(a)).isEmpty();
    assertThat(a).hasSize(3);
  }

  @MatrixTest
  void storeVariantsWriteIntoTheNamedSet(Pottery pottery, TestKey untagged) {
    TestKey key = untagged.withTag(); // one slot: these run as one command or script on a cluster
    RedisSet<String> a = filled(pottery, key.derived("a"), "apple", "banana", "cherry");
    RedisSet<String> b = filled(pottery, key.derived("b"), "banana", "kiwi");
    RedisSet<Object> out = pottery.set(key.derived("out"), Object.class);
    out.add(99);
    assertThat(a.unionStore(out, List.of(b))).isEqualTo(4);
    assertThat(out).containsExactlyInAnyOrder("apple", "banana", "cherry", "kiwi");
    assertThat(a.intersectionStore(out, List.of(b))).isEqualTo(1);
    assertThat(out).containsExactly("banana");
    assertThat(a.differenceStore(out, List.of(b))).isEqualTo(2);
    assertThat(out).containsExactlyInAnyOrder("apple", "cherry");
    assertThat(a.differenceStore(a, List.of(b))).as("in place").isEqualTo(2);
    assertThat(a).containsExactlyInAnyOrder("apple", "cherry");
    assertThat(a.intersectionStore(out, List.of(pottery.set(key.derived("none"), String.class)))).isZero();
    assertThat(out).isEmpty();
  }

  @MatrixTest
  void relationsWithRedisSetsAndLocalCollections(Pottery pottery, TestKey untagged) {
    TestKey key = untagged.withTag(); // one slot: these run as one command or script on a cluster
    RedisSet<String> small = filled(pottery, key.derived("small"), "apple", "banana");
    RedisSet<String> big = filled(pottery, key.derived("big"), "apple", "banana", "cherry");
    RedisSet<String> other = filled(pottery, key.derived("other"), "kiwi");
    RedisSet<String> none = pottery.set(key.derived("none"), String.class);
    assertThat(small.isSubsetOf(big)).isTrue();
    assertThat(big.isSubsetOf(small)).isFalse();
    assertThat(big.isSupersetOf(small)).isTrue();
    assertThat(small.isSupersetOf(big)).isFalse();
    assertThat(small.isSubsetOf(small)).isTrue();
    assertThat(small.isDisjoint(other)).isTrue();
    assertThat(other.isDisjoint(big)).isTrue();
    assertThat(small.isDisjoint(big)).isFalse();
    assertThat(none.isSubsetOf(small)).isTrue();
    assertThat(none.isDisjoint(none)).isTrue();
    assertThat(small.isSupersetOf(none)).isTrue();

    assertThat(small.isSubsetOf(List.of("apple", "banana", "apple"))).isTrue();
    assertThat(small.isSubsetOf(Arrays.asList("apple", "kiwi", 3))).isFalse();
    assertThat(small.isSubsetOf(Set.of("apple", "banana", "lime", "kiwi"))).isTrue();
    assertThat(big.isSupersetOf(List.of("cherry", "apple"))).isTrue();
    assertThat(big.isSupersetOf(Arrays.asList("cherry", 3))).as("an Integer is no member").isFalse();
    assertThat(big.isSupersetOf(List.of())).isTrue();
    assertThat(big.isDisjoint(List.of("kiwi", "lime"))).isTrue();
    assertThat(big.isDisjoint(List.of("kiwi", "cherry"))).isFalse();
    assertThat(none.isSubsetOf(List.of())).isTrue();
    assertThat(small.isSubsetOf(List.of())).isFalse();
  }

  @MatrixTest
  void setsOfAnotherPotteryAreRefusedForServerSideAlgebra(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<String> a = filled(pottery, key.derived("a"), "apple");
    try (Pottery another = Pottery.builder().masters(server.uri()).driver(pottery.driverName())
        .codec(pottery.codecName()).build()) {
      RedisSet<String> foreign = another.set(key.derived("b"), String.class);
      foreign.add("apple");
      assertThatThrownBy(() -> a.union(foreign))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("RedisSet \"" + key.derived("a") + "\": sunion runs on the server, and RedisSet \"" + key.derived("b")
              + "\" comes from another Pottery, whose server may differ; open both sets from one Pottery, or copy it "
              + "into a local set first (new HashSet<>(set))");
      assertThatThrownBy(() -> a.unionStore(foreign, List.of())).isInstanceOf(IllegalArgumentException.class);
      // Collection methods still work with it: as any other collection, its elements are read and sent.
      assertThat(a.containsAll(foreign)).isTrue();
      assertThat(a.isSubsetOf(foreign)).isTrue();
      assertThat(a.equals(foreign)).isTrue();
      assertThat(a.retainAll(foreign)).isFalse();
    }
  }

  // ---- iteration and object methods --------------------------------------------------------------------------

  @MatrixTest
  void iteratorRemoveWritesThrough(Pottery pottery, TestKey key) {
    RedisSet<Integer> numbers = pottery.set(key.name(), Integer.class);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      all.add(i);
    }
    numbers.addAll(all);
    Set<Integer> seen = new HashSet<>();
    for (Iterator<Integer> it = numbers.iterator(); it.hasNext(); ) {
      int n = it.next();
      seen.add(n);
      if (n % 2 == 1) {
        it.remove();
        assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
      }
    }
    assertThat(seen).hasSize(2500);
    assertThat(numbers).hasSize(1250).allMatch(n -> n % 2 == 0);
    Iterator<Integer> fresh = numbers.iterator();
    assertThatThrownBy(fresh::remove).isInstanceOf(IllegalStateException.class);
  }

  @MatrixTest
  void equalsHashCodeAndToStringFollowSet(Pottery pottery, TestKey key) {
    RedisSet<String> a = filled(pottery, key.derived("a"), "apple", "banana");
    RedisSet<String> b = filled(pottery, key.derived("b"), "banana", "apple");
    assertThat(a).isEqualTo(Set.of("apple", "banana")).isEqualTo(b).isNotEqualTo(Set.of("apple"));
    assertThat(Set.of("apple", "banana")).isEqualTo(a);
    assertThat(a.equals(List.of("apple", "banana"))).as("a list is no set").isFalse();
    assertThat(a.equals(new HashSet<>(Arrays.asList("apple", null)))).isFalse();
    assertThat(a.hashCode()).isEqualTo(Set.of("apple", "banana").hashCode());
    assertThat(new TreeSet<>(a).toString()).isEqualTo("[apple, banana]");
    assertThat(a.toString()).isIn("[apple, banana]", "[banana, apple]");
    b.add("cherry");
    assertThat(a).isNotEqualTo(b);
  }

  @MatrixTest
  void genericElementsAndRandomKeys(Pottery pottery) {
    RedisSet<List<Integer>> pairs = pottery.set(new TypeRef<List<Integer>>() {});
    assertThat(pairs.key()).startsWith("pottery:").hasSize(44);
    pairs.add(List.of(1, 2));
    pairs.add(List.of(1, 2));
    pairs.add(List.of(2, 1));
    assertThat(pairs).containsExactlyInAnyOrder(List.of(1, 2), List.of(2, 1));
    assertThat(pairs.contains(List.of(2, 1))).isTrue();
    pairs.clear();
  }

  @MatrixTest
  void clearUnlinksAndTheSetCanBeRefilled(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<String> fruits = filled(pottery, key.name(), "apple");
    fruits.clear();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
    fruits.add("kiwi");
    assertThat(fruits).containsExactly("kiwi");
  }
}
