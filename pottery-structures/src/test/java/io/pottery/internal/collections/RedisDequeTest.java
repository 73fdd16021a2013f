package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalInt;

/**
 * The {@code Deque} behaviour of {@code RedisDeque} (guava-testlib has only a {@code Queue} suite), {@code
 * maxlen}, {@code rotate} and {@code extendLeft} as Python's {@code collections.deque}, on the full matrix.
 */
@WithRedis
class RedisDequeTest {

  private static RedisDeque<String> deque(Pottery pottery, TestKey key, String... elements) {
    RedisDeque<String> deque = pottery.deque(key.name(), String.class);
    deque.addAll(List.of(elements));
    return deque;
  }

  @MatrixTest
  void bothEndsBehaveAsArrayDeque(Pottery pottery, TestKey key) {
    RedisDeque<String> deque = deque(pottery, key);
    ArrayDeque<String> model = new ArrayDeque<>();
    assertThat(deque.pollFirst()).isNull();
    assertThat(deque.pollLast()).isNull();
    assertThat(deque.peekFirst()).isNull();
    assertThat(deque.peekLast()).isNull();
    assertThatThrownBy(deque::removeFirst).isInstanceOf(NoSuchElementException.class).hasMessageContaining(key.name());
    assertThatThrownBy(deque::removeLast).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(deque::getFirst).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(deque::getLast).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(deque::pop).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(deque::element).isInstanceOf(NoSuchElementException.class);
    for (Deque2 both : List.of(new Deque2(deque), new Deque2(model))) {
      both.d.addFirst("b");
      both.d.addLast("c");
      both.d.offerFirst("a");
      both.d.offerLast("d");
      both.d.push("head");
      both.d.offer("tail");
      both.d.add("tail2");
    }
    assertThat(deque).containsExactlyElementsOf(model);
    assertThat(deque.peekFirst()).isEqualTo(model.peekFirst()).isEqualTo("head");
    assertThat(deque.peekLast()).isEqualTo(model.peekLast()).isEqualTo("tail2");
    assertThat(deque.getFirst()).isEqualTo("head");
    assertThat(deque.getLast()).isEqualTo("tail2");
    assertThat(deque.element()).isEqualTo("head");
    assertThat(deque.peek()).isEqualTo("head");
    assertThat(deque.pop()).isEqualTo(model.pop());
    assertThat(deque.pollLast()).isEqualTo(model.pollLast());
    assertThat(deque.removeLast()).isEqualTo(model.removeLast());
    assertThat(deque.poll()).isEqualTo(model.poll());
    assertThat(deque.remove()).isEqualTo(model.remove());
    assertThat(deque).containsExactlyElementsOf(model).containsExactly("c", "d");
    assertThat(deque.size()).isEqualTo(2);
  }

  /** Holds either deque, to run the same calls on both. */
  private record Deque2(java.util.Deque<String> d) {}

  @MatrixTest
  void removeFirstAndLastOccurrence(Pottery pottery, TestKey key) {
    RedisDeque<String> deque = deque(pottery, key, "a", "b", "a", "c", "a");
    assertThat(deque.removeFirstOccurrence("a")).isTrue();
    assertThat(deque).containsExactly("b", "a", "c", "a");
    assertThat(deque.removeLastOccurrence("a")).isTrue();
    assertThat(deque).containsExactly("b", "a", "c");
    assertThat(deque.removeLastOccurrence("z")).isFalse();
    assertThat(deque.remove("a")).isTrue();
    assertThat(deque).containsExactly("b", "c");
    assertThat(deque.contains("c")).isTrue();
    assertThat(deque.contains("a")).isFalse();
  }

  @MatrixTest
  void descendingIteratorWalksFromTheTailAndRemoves(Pottery pottery, TestKey key) {
    RedisDeque<Integer> deque = pottery.deque(key.name(), Integer.class);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 2100; i++) {
      expected.add(i);
    }
    deque.addAll(expected);
    List<Integer> seen = new ArrayList<>();
    for (Iterator<Integer> it = deque.descendingIterator(); it.hasNext(); ) {
      int value = it.next();
      seen.add(value);
      if (value % 2 == 1) {
        it.remove();
      }
    }
    List<Integer> reversed = new ArrayList<>(expected);
    Collections.reverse(reversed);
    assertThat(seen).isEqualTo(reversed);
    expected.removeIf(v -> v % 2 == 1);
    assertThat(deque.asList()).isEqualTo(expected);
    assertThatThrownBy(() -> deque.descendingIterator().remove()).isInstanceOf(IllegalStateException.class);
  }

  @MatrixTest
  void extendLeftReversesAsPythonDoes(Pottery pottery, TestKey key, RedisServer server) {
    RedisDeque<String> deque = deque(pottery, key, "x");
    deque.extendLeft(List.of("a", "b", "c"));
    assertThat(deque).containsExactly("c", "b", "a", "x");
    deque.addAll(List.of("y", "z"));
    assertThat(deque).containsExactly("c", "b", "a", "x", "y", "z");
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.callText("LINDEX", key.name(), "0")).isEqualTo("\"c\"");
    }
  }

  @MatrixTest
  void rotateTakesNModuloTheLengthAsCollectionsDeque(Pottery pottery, TestKey key) {
    RedisDeque<Integer> deque = pottery.deque(key.name(), Integer.class);
    deque.rotate(5);
    assertThat(deque).isEmpty();
    deque.addAll(List.of(0, 1, 2));
    deque.rotate(1);
    assertThat(deque).containsExactly(2, 0, 1);
    deque.rotate(-1);
    assertThat(deque).containsExactly(0, 1, 2);
    deque.rotate(4); // Python pottery: unchanged; collections.deque: as rotate(1)
    assertThat(deque).containsExactly(2, 0, 1);
    deque.rotate(-7);
    assertThat(deque).containsExactly(0, 1, 2);
    deque.rotate(Long.MIN_VALUE); // 2^63 mod 3 == 2, rotating left by 2 == right by 1
    assertThat(deque).containsExactly(2, 0, 1);
    deque.rotate(Long.MAX_VALUE); // (2^63 - 1) mod 3 == 1
    assertThat(deque).containsExactly(1, 2, 0);

    List<Integer> model = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      model.add(i);
    }
    deque.clear();
    deque.addAll(model);
    for (long n : new long[] {1, 1499, 700, -800, 3001, -1}) {
      deque.rotate(n);
      Collections.rotate(model, (int) (n % model.size()));
      assertThat(deque.asList()).isEqualTo(model);
    }
  }

  @MatrixTest
  void maxlenDropsFromTheOtherEndAsPythonsDeque(Pottery pottery, TestKey key) {
    RedisDeque<String> recent = pottery.deque(key.name(), String.class, 3);
    assertThat(recent.maxlen()).isEqualTo(OptionalInt.of(3));
    recent.addAll(List.of("a", "b", "c"));
    recent.addLast("d");
    assertThat(recent).containsExactly("b", "c", "d");
    recent.extendLeft(List.of("x", "y"));
    assertThat(recent).containsExactly("y", "x", "b");
    recent.rotate(1);
    assertThat(recent).containsExactly("b", "y", "x");
    assertThat(recent.offerFirst("first")).isTrue();
    assertThat(recent).containsExactly("first", "b", "y");
    assertThat(recent.offerLast("last")).isTrue();
    assertThat(recent).containsExactly("b", "y", "last");
    recent.addAll(List.of("1", "2", "3", "4", "5"));
    assertThat(recent).containsExactly("3", "4", "5");
    recent.push("p");
    assertThat(recent).containsExactly("p", "3", "4");
    assertThat(pottery.deque(key.name(), String.class).maxlen()).isEmpty();
  }

  @MatrixTest
  void maxlenZeroKeepsNothing(Pottery pottery, TestKey key) {
    RedisDeque<String> none = pottery.deque(key.name(), String.class, 0);
    none.add("a");
    none.extendLeft(List.of("b"));
    assertThat(none).isEmpty();
  }

  @MatrixTest
  void openingALongerListWithASmallerMaxlenFails(Pottery pottery, TestKey key) {
    deque(pottery, key, "a", "b", "c", "d");
    assertThatThrownBy(() -> pottery.deque(key.name(), String.class, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RedisDeque \"" + key.name() + "\": holds 4 elements, more than maxlen 3");
    assertThat(pottery.deque(key.name(), String.class, 4)).hasSize(4);
    assertThatThrownBy(() -> pottery.deque(key.name(), String.class, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @MatrixTest
  void asListIsALiveListViewThatCannotOverflowMaxlen(Pottery pottery, TestKey key) {
    RedisDeque<String> deque = pottery.deque(key.name(), String.class, 4);
    deque.addAll(List.of("a", "c"));
    RedisList<String> list = deque.asList();
    assertThat(list.key()).isEqualTo(key.name());
    list.add(1, "b");
    list.add("d");
    assertThat(deque).containsExactly("a", "b", "c", "d");
    assertThatThrownBy(() -> list.add(0, "x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("full bounded deque (size 4, maxlen 4)");
    assertThatThrownBy(() -> list.add("x")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> list.addAll(List.of("x"))).isInstanceOf(IllegalStateException.class);
    list.set(0, "A");
    list.sort(java.util.Comparator.reverseOrder());
    assertThat(deque).containsExactly("d", "c", "b", "A");
    assertThat(list).isEqualTo(List.of("d", "c", "b", "A"));
  }

  @MatrixTest
  void equalityIsByKeyNotContents(Pottery pottery, TestKey key) {
    RedisDeque<String> one = deque(pottery, key, "a", "b");
    RedisDeque<String> same = pottery.deque(key.name(), String.class);
    RedisDeque<String> other = deque(pottery, new TestKey(key.derived("other")), "a", "b");
    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
    assertThat(one).isNotEqualTo(new ArrayDeque<>(List.of("a", "b")));
    assertThat(one).hasToString("[a, b]");
    assertThat(one.asList()).isEqualTo(other.asList());
  }

  @MatrixTest
  void randomKeysAndGenericElements(Pottery pottery) {
    RedisDeque<List<String>> deque = pottery.deque(new TypeRef<List<String>>() {});
    assertThat(deque.key()).startsWith("pottery:").hasSize(44);
    deque.addFirst(List.of("a"));
    assertThat(deque.pollLast()).isEqualTo(List.of("a"));
  }
}
