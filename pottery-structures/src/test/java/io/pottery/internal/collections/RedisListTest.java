package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.Pottery;
import io.pottery.RedisList;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** The behaviour of every {@code RedisList} method on a real server, on the full driver × codec matrix. */
@WithRedis
class RedisListTest {

  private static RedisList<String> letters(Pottery pottery, TestKey key, String... elements) {
    RedisList<String> list = pottery.list(key.name(), String.class);
    list.addAll(List.of(elements));
    return list;
  }

  private static List<String> stored(RedisServer server, TestKey key) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      List<String> texts = new ArrayList<>();
      for (Object element : (List<?>) raw.call("LRANGE", key.name(), "0", "-1")) {
        texts.add(new String((byte[]) element, java.nio.charset.StandardCharsets.UTF_8));
      }
      return texts;
    }
  }

  @MatrixTest
  void aMissingKeyIsAnEmptyList(Pottery pottery, TestKey key) {
    RedisList<String> list = pottery.list(key.name(), String.class);
    assertThat(list).isEmpty();
    assertThat(list.key()).isEqualTo(key.name());
    assertThat(list.contains("a")).isFalse();
    assertThat(list.indexOf("a")).isEqualTo(-1);
    assertThat(list.iterator().hasNext()).isFalse();
    assertThat(list.remove("a")).isFalse();
    assertThat(list).isEqualTo(List.of()).hasToString("[]");
  }

  @MatrixTest
  void addGetSetAndRemoveByIndex(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<String> list = letters(pottery, key, "a", "b", "d");
    list.add(2, "c");
    list.add(0, "start");
    list.add(list.size(), "end");
    assertThat(list).containsExactly("start", "a", "b", "c", "d", "end");
    assertThat(list.get(3)).isEqualTo("c");
    assertThat(list.set(3, "C")).isEqualTo("c");
    assertThat(list.remove(0)).isEqualTo("start");
    assertThat(list.remove(list.size() - 1)).isEqualTo("end");
    assertThat(list.remove(1)).isEqualTo("b");
    assertThat(list).containsExactly("a", "C", "d");
    assertThat(stored(server, key)).containsExactly("\"a\"", "\"C\"", "\"d\"");
  }

  @MatrixTest
  void insertsInTheMiddleOfALongListMoveTheShorterSide(Pottery pottery, TestKey key) {
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      expected.add(i);
    }
    list.addAll(expected);
    for (int index : new int[] {1, 700, 1250, 1800, 2499}) {
      list.add(index, -index);
      expected.add(index, -index);
      list.addAll(index + 1, List.of(7, 8, 9));
      expected.addAll(index + 1, List.of(7, 8, 9));
    }
    assertThat(list).isEqualTo(expected);
    assertThat(list.remove(1300)).isEqualTo(expected.remove(1300));
    assertThat(list.remove(20)).isEqualTo(expected.remove(20));
    assertThat(list).isEqualTo(expected);
  }

  @MatrixTest
  void indexesFollowTheListContractNotPythons(Pottery pottery, TestKey key) {
    RedisList<String> list = letters(pottery, key, "a", "b", "c");
    // Python's insert(-1, x) prepends and insert(99, x) appends; List.add(int, E) refuses both.
    assertThatThrownBy(() -> list.add(-1, "x")).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("RedisList \"" + key.name() + "\": index -1 out of bounds for size 3");
    assertThatThrownBy(() -> list.add(4, "x")).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("RedisList \"" + key.name() + "\": index 4 out of bounds for size 3");
    assertThatThrownBy(() -> list.get(3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 3");
    assertThatThrownBy(() -> list.get(-1)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index -1");
    assertThatThrownBy(() -> list.set(3, "x")).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("size 3");
    assertThatThrownBy(() -> list.set(-1, "x")).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.remove(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.remove(-3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.addAll(5, List.of("x"))).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.listIterator(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> list.subList(1, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(list).containsExactly("a", "b", "c");
  }

  @MatrixTest
  void searchesUseLpos(Pottery pottery, TestKey key) {
    RedisList<String> list = letters(pottery, key, "a", "b", "a", "c");
    assertThat(list.indexOf("a")).isEqualTo(0);
    assertThat(list.lastIndexOf("a")).isEqualTo(2);
    assertThat(list.indexOf("z")).isEqualTo(-1);
    assertThat(list.lastIndexOf("z")).isEqualTo(-1);
    assertThat(list.contains("c")).isTrue();
    assertThat(list.containsAll(List.of("a", "c"))).isTrue();
    assertThat(list.contains(new Object())).as("unencodable: cannot be stored, so not there").isFalse();
  }

  @MatrixTest
  void removeByValueRemoveAllAndRetainAll(Pottery pottery, TestKey key) {
    RedisList<String> list = letters(pottery, key, "a", "b", "a", "c", "b", "d");
    assertThat(list.remove("a")).isTrue();
    assertThat(list).containsExactly("b", "a", "c", "b", "d");
    assertThat(list.removeAll(List.of("b", "z"))).isTrue();
    assertThat(list).containsExactly("a", "c", "d");
    assertThat(list.retainAll(List.of("d", "a"))).isTrue();
    assertThat(list).containsExactly("a", "d");
    assertThat(list.retainAll(List.of("d", "a"))).isFalse();
    assertThat(list.removeIf("a"::equals)).isTrue();
    assertThat(list).containsExactly("d");
  }

  @MatrixTest
  void subListsAreLiveAndWriteThrough(Pottery pottery, TestKey key) {
    RedisList<String> list = letters(pottery, key, "a", "b", "c", "d", "e", "f");
    List<String> middle = list.subList(1, 5);
    assertThat(middle).containsExactly("b", "c", "d", "e");
    middle.set(0, "B");
    middle.add("E2");
    middle.remove("c");
    assertThat(list).containsExactly("a", "B", "d", "e", "E2", "f");
    middle.subList(1, 3).clear();
    assertThat(list).containsExactly("a", "B", "E2", "f");
    assertThat(middle).containsExactly("B", "E2");
    middle.clear();
    assertThat(list).containsExactly("a", "f");
  }

  @MatrixTest
  void listIteratorWalksBothWaysAndWrites(Pottery pottery, TestKey key) {
    RedisList<String> list = letters(pottery, key, "a", "b", "c");
    ListIterator<String> it = list.listIterator(1);
    assertThat(it.previous()).isEqualTo("a");
    it.set("A");
    assertThat(it.next()).isEqualTo("A");
    assertThat(it.next()).isEqualTo("b");
    it.remove();
    it.add("x");
    assertThat(it.nextIndex()).isEqualTo(2);
    assertThat(it.next()).isEqualTo("c");
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(list).containsExactly("A", "x", "c");
    assertThatThrownBy(() -> list.iterator().remove()).isInstanceOf(IllegalStateException.class);
  }

  @MatrixTest
  void iterationPagesThroughLongLists(Pottery pottery, TestKey key) {
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 2345; i++) {
      expected.add(i);
    }
    list.addAll(expected);
    List<Integer> seen = new ArrayList<>();
    for (Iterator<Integer> it = list.iterator(); it.hasNext(); ) {
      int value = it.next();
      seen.add(value);
      if (value % 3 == 0) {
        it.remove();
      }
    }
    assertThat(seen).isEqualTo(expected);
    expected.removeIf(v -> v % 3 == 0);
    assertThat(list).isEqualTo(expected);
    assertThat(list.stream().mapToInt(Integer::intValue).sum()).isEqualTo(expected.stream().mapToInt(Integer::intValue).sum());
    List<Integer> backwards = new ArrayList<>();
    for (ListIterator<Integer> it = list.listIterator(list.size()); it.hasPrevious(); ) {
      backwards.add(it.previous());
    }
    assertThat(backwards).hasSize(expected.size()).startsWith(expected.get(expected.size() - 1)).endsWith(expected.get(0));
  }

  @MatrixTest
  void sortUsesTheComparatorAndWritesBackAtomically(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<String> list = letters(pottery, key, "pear", "Apple", "fig", "banana");
    list.sort(null);
    assertThat(list).containsExactly("Apple", "banana", "fig", "pear");
    list.sort(Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder()));
    assertThat(list).containsExactly("fig", "pear", "Apple", "banana");
    list.sort(String.CASE_INSENSITIVE_ORDER);
    assertThat(stored(server, key)).containsExactly("\"Apple\"", "\"banana\"", "\"fig\"", "\"pear\"");
    list.replaceAll(String::toUpperCase);
    assertThat(list).containsExactly("APPLE", "BANANA", "FIG", "PEAR");
    assertThatThrownBy(() -> list.replaceAll(s -> null)).isInstanceOf(NullPointerException.class);
    assertThat(list).containsExactly("APPLE", "BANANA", "FIG", "PEAR");
  }

  @MatrixTest
  void equalsHashCodeAndToStringFollowList(Pottery pottery, TestKey key) {
    RedisList<String> list = letters(pottery, key, "a", "b", "a");
    assertThat(list).isEqualTo(List.of("a", "b", "a"));
    assertThat(List.of("a", "b", "a")).isEqualTo(list);
    assertThat(list).isNotEqualTo(List.of("a", "a", "b"));
    assertThat(list.hashCode()).isEqualTo(List.of("a", "b", "a").hashCode());
    assertThat(list).hasToString("[a, b, a]");
    assertThat(pottery.list(key.name(), String.class)).isEqualTo(list);
  }

  @MatrixTest
  void genericElementsAndRandomKeys(Pottery pottery) {
    RedisList<List<Integer>> list = pottery.list(new TypeRef<List<Integer>>() {});
    assertThat(list.key()).startsWith("pottery:").hasSize(44);
    list.add(List.of(1, 2));
    list.add(0, List.of());
    assertThat(list).containsExactly(List.of(), List.of(1, 2));
    assertThat(list.stream().map(List::size).collect(Collectors.toList())).containsExactly(0, 2);
    list.clear();
    assertThat(list).isEmpty();
  }
}
