package io.pottery.internal.probabilistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.BloomFilter;
import io.pottery.Pottery;
import io.pottery.WrongTypeException;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** BloomFilter on every matrix cell: Python pottery's bits, no false negatives, the size estimate, errors. */
@WithRedis
class BloomFilterTest {

  private static BloomFilter<String> dilberts(Pottery pottery, TestKey key) {
    return pottery.bloomFilter(key.name(), 100, 0.01, String.class);
  }

  @MatrixTest
  void rajivSetsPythonPotterysSevenBitsAndNoMore(Pottery pottery, TestKey key, RedisServer server) {
    BloomFilter<String> dilberts = dilberts(pottery, key);
    assertThat(dilberts.bitSize()).isEqualTo(959);
    assertThat(dilberts.hashCount()).isEqualTo(7);
    assertThat(dilberts.add("rajiv")).isTrue();
    assertThat(dilberts.add("rajiv")).as("all bits already set").isFalse();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("STRLEN", key.name())).as("never pre-sized: up to bit 787 only").isEqualTo(99L);
      assertThat(raw.call("BITCOUNT", key.name())).isEqualTo(7L);
      for (long offset : new long[] {183, 319, 787, 585, 8, 471, 711}) {
        assertThat(raw.call("GETBIT", key.name(), Long.toString(offset))).as("bit %d", offset).isEqualTo(1L);
      }
    }
    assertThat(dilberts.approximateSize()).isEqualTo(1);
  }

  @MatrixTest
  void javaReadsTheBitsPythonSet(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      // What Python's BloomFilter(num_elements=100, false_positives=0.01).update({'rajiv', 'raj'}) sets.
      for (long offset : new long[] {183, 319, 787, 585, 8, 471, 711, 482, 875, 725, 667, 109, 714, 595}) {
        raw.call("SETBIT", key.name(), Long.toString(offset), "1");
      }
    }
    BloomFilter<String> dilberts = dilberts(pottery, key);
    assertThat(dilberts.containsMany(List.of("rajiv", "raj", "dan"))).containsExactly(true, true, false);
    assertThat(dilberts.approximateSize()).isEqualTo(2);
  }

  @MatrixTest
  void noFalseNegativesAndFewFalsePositives(Pottery pottery, TestKey key) {
    BloomFilter<Integer> filter = pottery.bloomFilter(key.name(), 1000, 0.01, Integer.class);
    List<Integer> added = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      added.add(i * 7919);
    }
    assertThat(filter.addAll(added)).isTrue();
    assertThat(filter.containsMany(added)).containsOnly(true);
    for (int i = 0; i < 50; i++) {
      assertThat(filter.contains(added.get(i * 20))).isTrue();
    }
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      others.add(-1 - i);
    }
    long falsePositives = filter.containsMany(others).stream().filter(b -> b).count();
    assertThat(falsePositives).as("false positives among 2000 (1%% expected)").isLessThan(60);
    assertThat(filter.approximateSize()).isBetween(950L, 1050L);
  }

  @MatrixTest
  void elementsAreTheirJsonSoTypesMatter(Pottery pottery, TestKey key) {
    BloomFilter<Object> filter = pottery.bloomFilter(key.name(), 100, 0.001, Object.class);
    filter.addAll(List.of(1, "two", Map.of("b", 2, "a", 1), List.of(3.0)));
    assertThat(filter.containsMany(Arrays.asList(1, "two", Map.of("a", 1, "b", 2), List.of(3.0))))
        .containsExactly(true, true, true, true);
    assertThat(filter.containsMany(List.of("1", 2, List.of(3)))).containsExactly(false, false, false);
  }

  @MatrixTest
  void emptyBulkOperationsSendNothingAndMissingKeyIsEmpty(Pottery pottery, TestKey key, RedisServer server) {
    BloomFilter<String> dilberts = dilberts(pottery, key);
    assertThat(dilberts.addAll(List.of())).isFalse();
    assertThat(dilberts.containsMany(List.of())).isEmpty();
    assertThat(dilberts.contains("rajiv")).isFalse();
    assertThat(dilberts.approximateSize()).isZero();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("EXISTS", key.name())).as("reads create nothing").isEqualTo(0L);
    }
  }

  @MatrixTest
  void clearUnlinksTheKey(Pottery pottery, TestKey key, RedisServer server) {
    BloomFilter<String> dilberts = dilberts(pottery, key);
    dilberts.add("rajiv");
    dilberts.clear();
    assertThat(dilberts.contains("rajiv")).isFalse();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
  }

  @MatrixTest
  void aSaturatedFilterReportsAnUnboundedSize(Pottery pottery, TestKey key) {
    BloomFilter<Integer> tiny = pottery.bloomFilter(key.name(), 1, 0.5, Integer.class);
    assertThat(tiny.bitSize()).isEqualTo(2);
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add(i);
    }
    tiny.addAll(many);
    assertThat(tiny.approximateSize()).isEqualTo(Long.MAX_VALUE);
    assertThat(tiny.contains(12345)).isTrue();
  }

  @MatrixTest
  void errorsNameTheKey(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("RPUSH", key.name(), "x");
    }
    BloomFilter<String> dilberts = dilberts(pottery, key);
    String master = RedisEndpoint.parse(server.uri()).redacted();
    assertThatThrownBy(() -> dilberts.add("rajiv")).isInstanceOf(WrongTypeException.class)
        .hasMessage("BloomFilter \"" + key.name() + "\": key holds a list, not a string (WRONGTYPE from " + master + ")");
    assertThatThrownBy(() -> dilberts.containsMany(List.of("a"))).isInstanceOf(WrongTypeException.class);
    assertThatThrownBy(() -> dilberts.add(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> dilberts.addAll(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> pottery.bloomFilter(key.name(), 0, 0.01, String.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(dilberts.toString()).isEqualTo("BloomFilter{key=\"" + key.name() + "\", n=100, p=0.01, m=959, k=7}");
  }
}
