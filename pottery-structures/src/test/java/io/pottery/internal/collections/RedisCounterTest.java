package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The behaviour of every {@code RedisCounter} method on a real server, on the full driver × codec matrix. The
 * expected values are what Python 3.11's {@code collections.Counter} answers for the same calls (the examples of
 * its documentation where there is one).
 */
@WithRedis
class RedisCounterTest {

  private static RedisCounter<String> counter(Pottery pottery, String key, Map<String, Long> counts) {
    RedisCounter<String> counter = pottery.counter(key, String.class);
    counter.add(counts);
    return counter;
  }

  private static List<String> letters(String word) {
    List<String> letters = new ArrayList<>();
    for (char c : word.toCharArray()) {
      letters.add(String.valueOf(c));
    }
    return letters;
  }

  // ---- single elements and bulk updates ----------------------------------------------------------------------

  @MatrixTest
  void aMissingElementCountsZeroAndIncrementsStartThere(Pottery pottery, TestKey key) {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    assertThat(counter.key()).isEqualTo(key.name());
    assertThat(counter.count("a")).isZero();
    assertThat(counter.count(42)).as("another type is never counted").isZero();
    assertThat(counter.asMap().get("a")).as("the map view follows Map").isNull();
    assertThat(counter.increment("a")).isEqualTo(1);
    assertThat(counter.increment("a", 10)).isEqualTo(11);
    assertThat(counter.increment("a", -11)).isZero();
    assertThat(counter.asMap()).as("a zero count stays stored, as c['a'] -= 11 leaves it").containsEntry("a", 0L);
    assertThat(counter.increment("b", 0)).isZero();
    assertThat(counter.asMap()).hasSize(2);
  }

  @MatrixTest
  void addCountsEachElementOnceMoreAndMapsAddTheirCounts(Pottery pottery, TestKey key) {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    counter.add(letters("gallahad"));
    assertThat(counter.asMap()).isEqualTo(Map.of("g", 1L, "a", 3L, "l", 2L, "h", 1L, "d", 1L));
    // Python pottery would count the old value twice here (5, then 11); Counter semantics give 4, then 5
    counter.add(List.of("a"));
    assertThat(counter.count("a")).isEqualTo(4);
    counter.add(Map.of("a", 1L, "z", 0L));
    assertThat(counter.count("a")).isEqualTo(5);
    assertThat(counter.asMap()).containsEntry("z", 0L);
    counter.add(List.of());
    counter.add(Map.of());
    assertThat(counter.total()).isEqualTo(10);
  }

  @MatrixTest
  void subtractMayLeaveZeroAndNegativeCounts(Pottery pottery, TestKey key) {
    RedisCounter<String> c = counter(pottery, key.name(), Map.of("a", 4L, "b", 2L, "c", 0L, "d", -2L));
    c.subtract(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L));
    assertThat(c.asMap()).isEqualTo(Map.of("a", 3L, "b", 0L, "c", -3L, "d", -6L));
    c.subtract(List.of("a", "a", "e"));
    assertThat(c.asMap()).containsEntry("a", 1L).containsEntry("e", -1L);
  }

  // ---- whole-counter reads -----------------------------------------------------------------------------------

  @MatrixTest
  void mostCommonOrdersByCountThenByTheElementsBytes(Pottery pottery, TestKey key) {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    counter.add(letters("abracadabra"));
    assertThat(counter.mostCommon(3)).containsExactly(entry("a", 5L), entry("b", 2L), entry("r", 2L));
    assertThat(counter.mostCommon()).containsExactly(
        entry("a", 5L), entry("b", 2L), entry("r", 2L), entry("c", 1L), entry("d", 1L));
    assertThat(counter.mostCommon(0)).isEmpty();
    assertThat(counter.mostCommon(99)).hasSize(5);
    counter.subtract(Map.of("c", 3L));
    assertThat(counter.mostCommon()).as("negative counts are listed, last")
        .endsWith(entry("d", 1L), entry("c", -2L));
    assertThatThrownBy(() -> counter.mostCommon(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RedisCounter \"" + key.name() + "\": mostCommon(n) needs n >= 0, was -1");
    assertThat(counter.toString()).isEqualTo("{a=5, b=2, r=2, d=1, c=-2}");
  }

  @MatrixTest
  void tiesOfNumbersFollowTheirJsonBytes(Pottery pottery, TestKey key) {
    RedisCounter<Integer> counter = pottery.counter(key.name(), Integer.class);
    counter.add(List.of(9, 10, 100, 2));
    assertThat(counter.mostCommon()).extracting(Map.Entry::getKey).containsExactly(10, 100, 2, 9);
  }

  @MatrixTest
  void elementsRepeatEachElementByItsPositiveCount(Pottery pottery, TestKey key) {
    RedisCounter<String> c = counter(pottery, key.name(), Map.of("a", 4L, "b", 2L, "c", 0L, "d", -2L));
    List<String> elements = new ArrayList<>();
    c.elements().forEachRemaining(elements::add);
    assertThat(elements).containsExactlyInAnyOrder("a", "a", "a", "a", "b", "b");
    Iterator<String> none = pottery.counter(key.derived("none"), String.class).elements();
    assertThat(none.hasNext()).isFalse();
    assertThatThrownBy(none::next).isInstanceOf(NoSuchElementException.class);
  }

  @MatrixTest
  void totalSumsEveryCountNegativeOnesIncluded(Pottery pottery, TestKey key) {
    assertThat(counter(pottery, key.name(), Map.of("a", 10L, "b", 5L, "c", 0L)).total()).isEqualTo(15);
    assertThat(counter(pottery, key.derived("neg"), Map.of("a", 10L, "b", -15L)).total()).isEqualTo(-5);
    assertThat(pottery.counter(key.derived("none"), String.class).total()).isZero();
  }

  // ---- arithmetic --------------------------------------------------------------------------------------------

  @MatrixTest
  void binaryArithmeticReturnsLocalMapsOfPositiveCounts(Pottery pottery, TestKey key) {
    RedisCounter<String> c = counter(pottery, key.name(), Map.of("a", 3L, "b", 1L));
    Map<String, Long> d = Map.of("a", 1L, "b", 2L);
    assertThat(c.plus(d)).isEqualTo(Map.of("a", 4L, "b", 3L));
    assertThat(c.minus(d)).isEqualTo(Map.of("a", 2L));
    assertThat(c.intersection(d)).isEqualTo(Map.of("a", 1L, "b", 1L));
    assertThat(c.union(d)).isEqualTo(Map.of("a", 3L, "b", 2L));
    assertThat(c.asMap()).as("the operands are unchanged").isEqualTo(Map.of("a", 3L, "b", 1L));

    RedisCounter<String> signed = counter(pottery, key.derived("signed"), Map.of("a", 1L, "z", -4L, "y", 0L));
    Map<String, Long> other = Map.of("b", -2L, "c", 5L, "z", 1L);
    assertThat(signed.plus(other)).isEqualTo(Map.of("a", 1L, "c", 5L));
    assertThat(signed.minus(other)).as("an element only in other, negative there, gets its negation")
        .isEqualTo(Map.of("a", 1L, "b", 2L));
    assertThat(signed.union(other)).isEqualTo(Map.of("a", 1L, "c", 5L, "z", 1L));
    assertThat(signed.intersection(other)).isEmpty();
  }

  @MatrixTest
  void inPlaceArithmeticDeletesCountsOfZeroAndBelow(Pottery pottery, TestKey key) {
    RedisCounter<String> plus = counter(pottery, key.derived("plus"), Map.of("a", 3L, "b", 1L, "z", -1L));
    plus.plusInPlace(Map.of("a", 1L, "b", -1L, "y", 2L));
    assertThat(plus.asMap()).isEqualTo(Map.of("a", 4L, "y", 2L));

    RedisCounter<String> minus = counter(pottery, key.derived("minus"), Map.of("a", 3L, "b", 1L));
    minus.minusInPlace(Map.of("a", 1L, "b", 2L, "c", -5L));
    assertThat(minus.asMap()).isEqualTo(Map.of("a", 2L, "c", 5L));

    RedisCounter<String> union = counter(pottery, key.derived("union"), Map.of("a", 3L, "b", 1L, "z", -1L));
    union.unionInPlace(Map.of("a", 1L, "b", 2L, "c", 0L));
    assertThat(union.asMap()).isEqualTo(Map.of("a", 3L, "b", 2L));

    RedisCounter<String> and = counter(pottery, key.derived("and"), Map.of("a", 3L, "b", 1L, "z", 5L));
    and.intersectionInPlace(Map.of("a", 1L, "b", 2L, "q", 7L));
    assertThat(and.asMap()).isEqualTo(Map.of("a", 1L, "b", 1L));

    and.intersectionInPlace(Map.of());
    assertThat(and.asMap()).isEmpty();
  }

  @MatrixTest
  void countsStayExactBeyondTwoToThe53(Pottery pottery, TestKey key) {
    long big = (1L << 53) + 1;
    RedisCounter<String> c = counter(pottery, key.name(), Map.of("a", big - 1, "b", Long.MAX_VALUE - 1));
    c.unionInPlace(Map.of("a", big));
    assertThat(c.count("a")).isEqualTo(big);
    c.intersectionInPlace(Map.of("a", big - 1, "b", Long.MAX_VALUE));
    assertThat(c.asMap()).isEqualTo(Map.of("a", big - 1, "b", Long.MAX_VALUE - 1));
    c.plusInPlace(Map.of("b", 1L));
    assertThat(c.count("b")).isEqualTo(Long.MAX_VALUE);
    c.minusInPlace(Map.of("a", -2L));
    assertThat(c.count("a")).isEqualTo(big + 1);
    assertThat(c.increment("a", -big)).isEqualTo(1);
  }

  // ---- object methods and generic elements -------------------------------------------------------------------

  @MatrixTest
  void equalityCountsAMissingElementAsZeroAsPython310Does(Pottery pottery, TestKey key) {
    RedisCounter<String> a = counter(pottery, key.derived("a"), Map.of("x", 1L));
    RedisCounter<String> b = counter(pottery, key.derived("b"), Map.of("x", 1L, "y", 0L));
    assertThat(a).isEqualTo(b);
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    b.increment("y");
    assertThat(a).isNotEqualTo(b);
    assertThat(a.equals(Map.of("x", 1L))).as("a map is no counter").isFalse();
    assertThat(a.asMap()).isEqualTo(Map.of("x", 1L));
  }

  @MatrixTest
  void genericElementsRandomKeysAndClear(Pottery pottery) {
    RedisCounter<List<Integer>> pairs = pottery.counter(new TypeRef<List<Integer>>() {});
    assertThat(pairs.key()).startsWith("pottery:").hasSize(44);
    pairs.add(Arrays.asList(List.of(1, 2), List.of(1, 2), List.of(2, 1)));
    assertThat(pairs.mostCommon(1)).containsExactly(entry(List.of(1, 2), 2L));
    pairs.clear();
    assertThat(pairs.asMap()).isEmpty();
    assertThat(pairs.total()).isZero();
  }
}
