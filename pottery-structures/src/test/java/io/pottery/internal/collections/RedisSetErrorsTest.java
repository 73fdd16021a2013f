package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.PotteryException;
import io.pottery.RedisSet;
import io.pottery.WrongTypeException;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What a {@code RedisSet} says when the key holds another type, members do not decode, or an argument is null. */
@WithRedis
class RedisSetErrorsTest {

  @MatrixTest
  void aKeyHoldingAHashThrowsWrongTypeNamingBothTypes(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "f", "v");
    }
    RedisSet<String> set = pottery.set(key.name(), String.class);
    RedisSet<String> other = pottery.set(key.sameSlot("other"), String.class); // union takes both keys
    String master = RedisEndpoint.parse(server.uri()).redacted();
    String message = "RedisSet \"" + key.name() + "\": key holds a hash, not a set (WRONGTYPE from " + master + ")";
    List<ThrowingCallable> calls = List.of(
        () -> set.add("a"), () -> set.contains("a"), set::size, () -> set.addAll(List.of("a", "b")),
        () -> set.containsMany(List.of("a")), () -> set.iterator().hasNext(), () -> set.retainAll(List.of("a")),
        () -> set.isSubsetOf(List.of("a")), () -> set.union(other), () -> set.addAll(other), set::pop);
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call)
          .isInstanceOf(WrongTypeException.class)
          .hasMessage(message)
          .satisfies(e -> {
            assertThat(((PotteryException) e).key()).contains(key.name());
            assertThat(((PotteryException) e).masters()).containsExactly(master);
          });
    }
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("HLEN", key.name())).as("nothing above wrote").isEqualTo(1L);
    }
  }

  @MatrixTest
  void anUndecodableMemberNamesKeyTypeAndCodec(Pottery pottery, TestKey key, RedisServer server, MatrixCell cell) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SADD", key.name(), "not json");
    }
    RedisSet<Integer> set = pottery.set(key.name(), Integer.class);
    String message = "RedisSet \"" + key.name() + "\": a member is not a java.lang.Integer for codec " + cell.codec()
        + ": \"not json\" (8 bytes); written by another codec?";
    for (ThrowingCallable call : List.<ThrowingCallable>of(
        () -> set.iterator().next(), set::hashCode, set::randomElement)) {
      assertThatThrownBy(call).isInstanceOf(CodecException.class).hasMessage(message)
          .satisfies(e -> assertThat(((PotteryException) e).key()).contains(key.name()));
    }
    assertThatThrownBy(set::pop).isInstanceOf(CodecException.class).hasMessage(
        "RedisSet \"" + key.name() + "\": the popped member is not a java.lang.Integer for codec " + cell.codec()
            + ": \"not json\" (8 bytes); written by another codec? This call removed it from the set in Redis, so "
            + "CodecException.rawValue() holds the only copy (8 bytes)");
    assertThat(set.contains(1)).as("queries that decode nothing still work").isFalse();
    assertThat(set).as("pop removed the member before it failed to decode it").isEmpty();
  }

  @MatrixTest
  void nullsAreRejectedBeforeAnythingIsSent(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<String> set = pottery.set(key.name(), String.class);
    set.add("apple");
    List<String> withNull = Arrays.asList("kiwi", null);
    List<ThrowingCallable> calls = List.of(
        () -> set.add(null), () -> set.remove(null), () -> set.contains(null), () -> set.addAll(null),
        () -> set.addAll(withNull), () -> set.containsAll(withNull), () -> set.containsMany(withNull),
        () -> set.containsMany(null), () -> set.removeAll(null), () -> set.retainAll(null),
        () -> set.isSubsetOf(withNull), () -> set.isSupersetOf(null), () -> set.isDisjoint(withNull),
        () -> set.union((RedisSet<String>) null), () -> set.intersection(Arrays.asList(set, null)),
        () -> set.unionStore(null, List.of()));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
    }
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("SCARD", key.name())).isEqualTo(1L);
    }
  }
}
