package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CrossSlotException;
import io.pottery.HyperLogLog;
import io.pottery.Pottery;
import io.pottery.RedisSet;
import io.pottery.spi.HashSlots;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Multi-key operations and hash slots, on every cell (standalone and cluster): keys sharing a {@code {tag}} run
 * server-side everywhere; keys in different slots run server-side on a single server, and on a cluster the
 * server-side operations throw {@link CrossSlotException} before sending while the {@code java.util} methods that
 * accept any collection stream the other set instead.
 */
@WithRedis
class RedisSetCrossSlotTest {

  private static RedisSet<String> filled(Pottery pottery, String key, String... elements) {
    RedisSet<String> set = pottery.set(key, String.class);
    set.addAll(Arrays.asList(elements));
    return set;
  }

  /** Two keys of this test in different slots (derived keys of an untagged key hash on their whole name). */
  private static String[] twoSlots(TestKey key) {
    String a = key.derived("a");
    for (int i = 0; ; i++) {
      String b = key.derived("b" + i);
      if (HashSlots.slot(a) != HashSlots.slot(b)) {
        return new String[] {a, b};
      }
    }
  }

  @MatrixTest
  void setAlgebraOnOneTagRunsOnTheServerInEveryTopology(Pottery pottery, TestKey key) {
    TestKey tagged = key.withTag();
    RedisSet<String> a = filled(pottery, tagged.derived("a"), "apple", "banana", "cherry");
    RedisSet<String> b = filled(pottery, tagged.derived("b"), "banana", "kiwi");
    RedisSet<String> out = pottery.set(tagged.derived("out"), String.class);
    assertThat(a.union(b)).containsExactlyInAnyOrder("apple", "banana", "cherry", "kiwi");
    assertThat(a.intersection(List.of(b))).containsExactly("banana");
    assertThat(a.difference(List.of(b))).containsExactlyInAnyOrder("apple", "cherry");
    assertThat(a.unionStore(out, List.of(b))).isEqualTo(4);
    assertThat(a.intersectionStore(out, List.of(b))).isEqualTo(1);
    assertThat(a.differenceStore(out, List.of(b))).isEqualTo(2);
    assertThat(out).containsExactlyInAnyOrder("apple", "cherry");
    assertThat(a.isDisjoint(b)).isFalse();
    assertThat(out.isSubsetOf(a)).isTrue();
    assertThat(a.isSupersetOf(out)).isTrue();
    assertThat(a.equals(pottery.set(tagged.derived("a"), String.class))).isTrue();

    HyperLogLog<String> google = pottery.hyperLogLog(tagged.derived("google"), String.class);
    HyperLogLog<String> apple = pottery.hyperLogLog(tagged.derived("apple"), String.class);
    google.addAll(List.of("sergey", "larry"));
    apple.addAll(List.of("steve", "larry"));
    assertThat(google.union(tagged.derived("both"), apple).approximateSize()).isEqualTo(3);
    google.merge(apple);
    assertThat(google.approximateSize()).isEqualTo(3);
  }

  @MatrixTest
  void serverSideOperationsAcrossSlotsThrowCrossSlotOnAClusterAndRunOnASingleServer(Pottery pottery, TestKey key,
      RedisServer server) {
    String[] keys = twoSlots(key);
    RedisSet<String> a = filled(pottery, keys[0], "apple", "banana");
    RedisSet<String> b = filled(pottery, keys[1], "banana", "kiwi");
    HyperLogLog<String> google = pottery.hyperLogLog(keys[0] + ":hll", String.class);
    HyperLogLog<String> other = pottery.hyperLogLog(keys[1] + ":hll", String.class);
    google.add("sergey");
    other.add("steve");
    List<ThrowingCallable> calls = List.of(
        () -> a.union(b), () -> a.intersection(List.of(b)), () -> a.difference(List.of(b)),
        () -> a.unionStore(b, List.of()), () -> a.intersectionStore(a, List.of(b)), () -> a.differenceStore(a, List.of(b)),
        () -> a.isDisjoint(b), () -> a.isSubsetOf(b), () -> a.isSupersetOf(b),
        () -> google.merge(other), () -> google.union(key.derived("both"), other));
    if (!server.isCluster()) {
      assertThat(a.union(b)).containsExactlyInAnyOrder("apple", "banana", "kiwi");
      assertThat(a.isDisjoint(b)).isFalse();
      google.merge(other);
      assertThat(google.approximateSize()).isEqualTo(2);
      return;
    }
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(CrossSlotException.class)
          .hasMessageContaining("CROSSSLOT ")
          .hasMessageContaining("(docs/errors.md#cross-slot)");
    }
    // Nothing half-ran: the sets and the HyperLogLog are as they were.
    assertThat(a).containsExactlyInAnyOrder("apple", "banana");
    assertThat(b).containsExactlyInAnyOrder("banana", "kiwi");
    assertThat(google.approximateSize()).isEqualTo(1);
    try (RawRedis raw = server.client()) {
      assertThat(raw.call("EXISTS", key.derived("both"))).isEqualTo(0L);
    }
  }

  @MatrixTest
  void javaUtilMethodsWorkAcrossSlotsInEveryTopology(Pottery pottery, TestKey key) {
    String[] keys = twoSlots(key);
    RedisSet<String> a = filled(pottery, keys[0], "apple", "banana", "cherry");
    RedisSet<String> b = filled(pottery, keys[1], "banana", "kiwi");

    assertThat(a.containsAll(b)).isFalse();
    assertThat(a.addAll(b)).isTrue();
    assertThat(a).containsExactlyInAnyOrder("apple", "banana", "cherry", "kiwi");
    assertThat(a.addAll(b)).as("nothing new").isFalse();
    assertThat(a.containsAll(b)).isTrue();

    assertThat(a.removeAll(b)).isTrue();
    assertThat(a).containsExactlyInAnyOrder("apple", "cherry");
    assertThat(a.removeAll(b)).isFalse();

    a.addAll(List.of("banana", "kiwi"));
    b.add("lime");
    assertThat(a.retainAll(b)).isTrue();
    assertThat(a).containsExactlyInAnyOrder("banana", "kiwi");
    assertThat(a.retainAll(b)).isFalse();

    b.remove("lime");
    assertThat(a.equals(b)).isTrue();
    assertThat(b.equals(a)).isTrue();
    b.add("lime");
    assertThat(a.equals(b)).isFalse();
    assertThat(new HashSet<>(b)).isEqualTo(Set.of("banana", "kiwi", "lime"));
  }
}
