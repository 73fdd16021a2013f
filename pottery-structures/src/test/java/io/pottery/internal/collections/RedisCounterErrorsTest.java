package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.PotteryException;
import io.pottery.RedisCounter;
import io.pottery.RedisErrorException;
import io.pottery.WrongTypeException;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What a {@code RedisCounter} says when the key holds another type, bytes do not decode, or an argument is null. */
@WithRedis
class RedisCounterErrorsTest {

  @MatrixTest
  void aKeyHoldingASetThrowsWrongTypeNamingBothTypes(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SADD", key.name(), "x");
    }
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    String master = RedisEndpoint.parse(server.uri()).redacted();
    String message = "RedisCounter \"" + key.name() + "\": key holds a set, not a hash (WRONGTYPE from " + master + ")";
    List<ThrowingCallable> calls = List.of(
        () -> counter.count("a"), () -> counter.increment("a"), () -> counter.add(List.of("a")),
        () -> counter.subtract(Map.of("a", 1L)), counter::mostCommon, counter::total, () -> counter.elements().hasNext(),
        () -> counter.plus(Map.of()), () -> counter.plusInPlace(Map.of("a", 1L)), () -> counter.asMap().get("a"));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call)
          .isInstanceOf(WrongTypeException.class)
          .hasMessage(message)
          .satisfies(e -> assertThat(((PotteryException) e).key()).contains(key.name()));
    }
  }

  @MatrixTest
  void aCountThatIsNoIntegerNamesTheField(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "\"a\"", "1.5");
    }
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    String message = "RedisCounter \"" + key.name() + "\": field \"a\" holds \"1.5\" (3 bytes), which is not a count "
        + "(a 64-bit decimal integer); fix or remove it with the map view (asMap())";
    for (ThrowingCallable call : List.<ThrowingCallable>of(
        () -> counter.count("a"), counter::mostCommon, () -> counter.elements().hasNext(), () -> counter.minus(Map.of()))) {
      assertThatThrownBy(call).isInstanceOf(CodecException.class).hasMessage(message);
    }
    assertThatThrownBy(counter::total).isInstanceOf(CodecException.class)
        .hasMessageStartingWith("RedisCounter \"" + key.name() + "\": a count holds \"1.5\"");
    assertThatThrownBy(() -> counter.increment("a")).as("HINCRBY refuses it too, and the message names the field")
        .isInstanceOf(CodecException.class).hasMessage(message + "; increment wrote nothing")
        .hasCauseInstanceOf(RedisErrorException.class);
    assertThat(counter.asMap().fastRemove("a")).as("the map view can remove it").isTrue();
    assertThat(counter.total()).isZero();
  }

  @MatrixTest
  void anUndecodableFieldNamesKeyTypeAndCodec(Pottery pottery, TestKey key, RedisServer server, MatrixCell cell) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "not json", "1");
    }
    RedisCounter<Integer> counter = pottery.counter(key.name(), Integer.class);
    assertThatThrownBy(counter::mostCommon)
        .isInstanceOf(CodecException.class)
        .hasMessage("RedisCounter \"" + key.name() + "\": a field name is not a java.lang.Integer for codec " + cell.codec()
            + ": \"not json\" (8 bytes); written by another codec?");
    assertThat(counter.total()).as("total reads counts only").isEqualTo(1);
  }

  @MatrixTest
  void overflowIsAnArithmeticExceptionNamingKeyAndField(Pottery pottery, TestKey key) {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    counter.increment("a", Long.MAX_VALUE);
    assertThatThrownBy(() -> counter.increment("a")).isInstanceOf(ArithmeticException.class)
        .hasMessage("RedisCounter \"" + key.name() + "\": increment by 1 would take the count of field \"a\" beyond a "
            + "signed 64-bit integer (-9223372036854775808 to 9223372036854775807); the count is unchanged")
        .hasCauseInstanceOf(RedisErrorException.class);
    assertThatThrownBy(() -> counter.add(List.of("a"))).isInstanceOf(ArithmeticException.class)
        .hasMessage("RedisCounter \"" + key.name() + "\": add would make the count of field \"a\" 9223372036854775808, "
            + "beyond a signed 64-bit integer (-9223372036854775808 to 9223372036854775807); add wrote nothing");
    assertThat(counter.count("a")).isEqualTo(Long.MAX_VALUE);
  }

  @MatrixTest
  void nullsAreRejectedBeforeAnythingIsSent(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    counter.increment("a");
    Map<String, Long> nullCount = new HashMap<>();
    nullCount.put("b", null);
    Map<String, Long> nullElement = new HashMap<>();
    nullElement.put(null, 1L);
    List<String> withNull = Arrays.asList("b", null);
    List<ThrowingCallable> calls = List.of(
        () -> counter.count(null), () -> counter.increment(null), () -> counter.increment(null, 2),
        () -> counter.add((List<String>) null), () -> counter.add(withNull), () -> counter.add(nullCount),
        () -> counter.add(nullElement), () -> counter.subtract(withNull), () -> counter.subtract(nullCount),
        () -> counter.plus(null), () -> counter.minus(nullCount), () -> counter.union(nullElement),
        () -> counter.intersection(nullCount), () -> counter.plusInPlace(nullCount),
        () -> counter.minusInPlace(nullElement), () -> counter.unionInPlace(null), () -> counter.intersectionInPlace(nullCount));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
    }
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("HLEN", key.name())).isEqualTo(1L);
      assertThat(raw.callText("HGET", key.name(), "\"a\"")).isEqualTo("1");
    }
  }
}
