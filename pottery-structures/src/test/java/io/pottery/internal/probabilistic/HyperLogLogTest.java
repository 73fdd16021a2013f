package io.pottery.internal.probabilistic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.HyperLogLog;
import io.pottery.Pottery;
import io.pottery.WrongTypeException;
import io.pottery.internal.testing.EveryNode;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** HyperLogLog on every matrix cell: Python pottery's elements, counting, membership, merging, errors. */
@WithRedis
class HyperLogLogTest {

  @MatrixTest
  void countsDistinctElements(Pottery pottery, TestKey key) {
    HyperLogLog<String> google = pottery.hyperLogLog(key.name(), String.class);
    assertThat(google.approximateSize()).isZero();
    assertThat(google.addAll(List.of("sergey", "larry", "sergey"))).isTrue();
    assertThat(google.add("larry")).isFalse();
    assertThat(google.add("sundar")).isTrue();
    assertThat(google.approximateSize()).isEqualTo(3);
  }

  @MatrixTest
  void elementsAreAddedAsPythonPotterysJson(Pottery pottery, TestKey key, RedisServer server) {
    HyperLogLog<Object> java = pottery.hyperLogLog(key.name(), Object.class);
    java.addAll(List.of("snake", 1, 1.0));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      // What Python's HyperLogLog.update({'snake', 1, 1.0}) would PFADD: each a no-op on Java's registers.
      assertThat(raw.call("PFADD", key.name(), "\"snake\"", "1", "1.0")).isEqualTo(0L);
      raw.call("PFADD", key.derived("python"), "\"snake\"", "\"crocodile\"");
    }
    assertThat(java.approximateSize()).isEqualTo(3);
    HyperLogLog<String> python = pottery.hyperLogLog(key.derived("python"), String.class);
    assertThat(python.containsMany(List.of("snake", "crocodile", "alligator"))).containsExactly(true, true, false);
  }

  @MatrixTest
  void membershipLeavesNoTemporaryKeyAndChangesNothing(Pottery pottery, TestKey key, RedisServer server) {
    HyperLogLog<String> google = pottery.hyperLogLog(key.name(), String.class);
    assertThat(google.contains("sergey")).as("missing key").isFalse();
    assertThat(google.containsMany(List.of("sergey", "larry"))).containsExactly(false, false);
    google.addAll(List.of("sergey", "larry"));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      byte[] before = (byte[]) raw.call("GET", key.name());
      assertThat(google.contains("sergey")).isTrue();
      assertThat(google.contains("sundar")).isFalse();
      assertThat(google.containsMany(List.of("larry", "sundar", "sundar", "sergey")))
          .as("each tested against the HLL as it is").containsExactly(true, false, false, true);
      assertThat(google.containsMany(List.of())).isEmpty();
      assertThat((byte[]) raw.call("GET", key.name())).isEqualTo(before);
      assertThat(raw.call("KEYS", "{" + key.name() + "}:pottery-probe:*")).isEqualTo(List.of());
      assertThat(raw.call("EXISTS", key.derived("never"))).isEqualTo(0L);
    }
    assertThat(google.approximateSize()).isEqualTo(2);
  }

  @MatrixTest
  void membershipOfAKeyWithoutAValidTagProbesInItsSlot(Pottery pottery, TestKey key, RedisServer server) {
    // "{}x" and "a}b" have braces but no tag: the probe key takes a tag from the slot table, so the one script
    // still declares two keys of one slot (a cluster would refuse it otherwise).
    for (String name : List.of("{}" + key.name(), key.name() + "}b")) {
      HyperLogLog<String> google = pottery.hyperLogLog(name, String.class);
      google.addAll(List.of("sergey", "larry"));
      assertThat(google.containsMany(List.of("sergey", "sundar"))).as(name).containsExactly(true, false);
      String probe = io.pottery.spi.HashSlots.helperKey(name, "pottery-probe:x");
      assertThat(io.pottery.spi.HashSlots.slot(probe)).as(probe).isEqualTo(io.pottery.spi.HashSlots.slot(name));
      try (RawRedis raw = RawRedis.connect(server.uri())) {
        assertThat(leftover(server, "*" + key.name() + "*pottery-probe:*")).as(name).isEmpty();
      }
    }
  }

  /** The keys matching {@code pattern}: KEYS answers per node, so on a cluster it is asked of every node. */
  private static List<String> leftover(RedisServer server, String pattern) {
    return EveryNode.ask(server, node -> (List<?>) node.callText("KEYS", pattern)).stream()
        .flatMap(names -> names.stream().map(Object::toString)).toList();
  }

  @MatrixTest
  void aFailedProbeLeavesATemporaryKeyThatExpires(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SET", key.name(), "not an HLL");
      HyperLogLog<String> broken = pottery.hyperLogLog(key.name(), String.class);
      String master = RedisEndpoint.parse(server.uri()).redacted();
      assertThatThrownBy(() -> broken.contains("x")).isInstanceOf(WrongTypeException.class)
          .hasMessage("HyperLogLog \"" + key.name() + "\": key holds a string that is not a HyperLogLog (WRONGTYPE from "
              + master + ")");
      assertThatThrownBy(() -> broken.add("x")).isInstanceOf(WrongTypeException.class)
          .hasMessageContaining("not a HyperLogLog");
      List<String> left = leftover(server, "{" + key.name() + "}:pottery-probe:*");
      assertThat(left).hasSize(1);
      long ttl = (Long) raw.call("PTTL", left.get(0));
      assertThat(ttl).isBetween(1L, RedisHyperLogLog.PROBE_TTL_MILLIS);
    }
  }

  @MatrixTest
  void mergeAndUnionHappenOnTheServer(Pottery pottery, TestKey untagged) {
    TestKey key = untagged.withTag(); // PFMERGE takes all keys at once: one slot on a cluster
    HyperLogLog<String> google = pottery.hyperLogLog(key.derived("google"), String.class);
    HyperLogLog<String> apple = pottery.hyperLogLog(key.derived("apple"), String.class);
    google.addAll(List.of("sergey", "larry", "sundar"));
    apple.addAll(List.of("steve", "tim", "sundar"));
    HyperLogLog<String> both = google.union(key.derived("both"), apple);
    assertThat(both.key()).isEqualTo(key.derived("both"));
    assertThat(both.approximateSize()).isEqualTo(5);
    assertThat(google.approximateSize()).as("unchanged by union").isEqualTo(3);
    google.merge(apple);
    assertThat(google.approximateSize()).isEqualTo(5);
    assertThat(apple.approximateSize()).as("unchanged by merge").isEqualTo(3);
    assertThat(google.contains("tim")).isTrue();
  }

  @MatrixTest
  void clearUnlinksTheKey(Pottery pottery, TestKey key, RedisServer server) {
    HyperLogLog<Integer> numbers = pottery.hyperLogLog(key.name(), Integer.class);
    numbers.addAll(List.of(1, 2, 3));
    numbers.clear();
    assertThat(numbers.approximateSize()).isZero();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
  }

  @MatrixTest
  void estimatesTenThousandElementsWithinTwoPercent(Pottery pottery, TestKey key) {
    HyperLogLog<Integer> numbers = pottery.hyperLogLog(key.name(), Integer.class);
    List<Integer> elements = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      elements.add(i);
    }
    numbers.addAll(elements);
    assertThat(numbers.approximateSize()).isBetween(9_800L, 10_200L);
  }

  @MatrixTest
  void errorsNameTheKey(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("RPUSH", key.name(), "x");
    }
    HyperLogLog<String> google = pottery.hyperLogLog(key.name(), String.class);
    String master = RedisEndpoint.parse(server.uri()).redacted();
    assertThatThrownBy(() -> google.add("sergey")).isInstanceOf(WrongTypeException.class)
        .hasMessage("HyperLogLog \"" + key.name() + "\": key holds a list, not a string (WRONGTYPE from " + master + ")");
    assertThatThrownBy(() -> google.contains("sergey")).isInstanceOf(WrongTypeException.class);
    assertThatThrownBy(() -> google.add(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> google.containsMany(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> google.merge((HyperLogLog<?>) null)).isInstanceOf(NullPointerException.class);
    assertThat(google.toString()).isEqualTo("HyperLogLog{key=\"" + key.name() + "\"}");
  }
}
