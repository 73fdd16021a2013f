package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.PotteryException;
import io.pottery.RedisMap;
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

/** What a {@code RedisMap} says when the key holds another type, bytes do not decode, or an argument is null. */
@WithRedis
class RedisMapErrorsTest {

  @MatrixTest
  void aKeyHoldingAListThrowsWrongTypeNamingBothTypes(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("RPUSH", key.name(), "x");
    }
    RedisMap<String, Integer> tel = pottery.map(key.name(), String.class, Integer.class);
    String master = RedisEndpoint.parse(server.uri()).redacted();
    String message = "RedisMap \"" + key.name() + "\": key holds a list, not a hash (WRONGTYPE from " + master + ")";
    List<ThrowingCallable> calls = List.of(
        () -> tel.get("jack"), // a command
        () -> tel.put("jack", 1), // a script
        () -> tel.putAll(Map.of("jack", 1)), // a bulk command
        () -> tel.keySet().iterator().hasNext(), // HSCAN
        tel::size,
        () -> tel.merge("jack", 1, Integer::sum));
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
      assertThat(raw.call("LRANGE", key.name(), "0", "-1")).asList().hasSize(1);
    }
  }

  @MatrixTest
  void aKeyHoldingAStringSaysSo(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SET", key.name(), "x");
    }
    assertThatThrownBy(() -> pottery.map(key.name(), String.class, Integer.class).containsKey("a"))
        .isInstanceOf(WrongTypeException.class)
        .hasMessageContaining("key holds a string, not a hash");
  }

  @MatrixTest
  void undecodableValueNamesKeyFieldTypeAndCodec(Pottery pottery, TestKey key, RedisServer server, MatrixCell cell) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "\"jack\"", "abc");
    }
    RedisMap<String, Integer> tel = pottery.map(key.name(), String.class, Integer.class);
    String message = "RedisMap \"" + key.name() + "\": field \"jack\" is not a java.lang.Integer for codec " + cell.codec()
        + ": \"abc\" (3 bytes); written by another codec?";
    for (ThrowingCallable call : List.<ThrowingCallable>of(
        () -> tel.get("jack"), () -> tel.values().iterator().next(), () -> tel.getAll(List.of("jack")),
        () -> tel.merge("jack", 1, Integer::sum), () -> tel.compute("jack", (k, v) -> 1))) {
      assertThatThrownBy(call)
          .isInstanceOf(CodecException.class)
          .hasMessage(message)
          .hasCauseInstanceOf(CodecException.class)
          .satisfies(e -> assertThat(((PotteryException) e).key()).contains(key.name()));
    }
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.callText("HGET", key.name(), "\"jack\"")).as("nothing above wrote").isEqualTo("abc");
    }
    // put must return the value it replaced: it writes, then reports that the old bytes were not an Integer.
    assertThatThrownBy(() -> tel.put("jack", 1)).isInstanceOf(CodecException.class).hasMessage(message
        + " This call overwrote it in Redis, so CodecException.rawValue() holds the only copy (3 bytes)");
    assertThat(tel.get("jack")).isEqualTo(1);
  }

  @MatrixTest
  void undecodableFieldNamesTheKeyAndType(Pottery pottery, TestKey key, RedisServer server, MatrixCell cell) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "not json", "1");
    }
    RedisMap<Integer, Integer> map = pottery.map(key.name(), Integer.class, Integer.class);
    assertThatThrownBy(() -> map.keySet().iterator().next())
        .isInstanceOf(CodecException.class)
        .hasMessage("RedisMap \"" + key.name() + "\": a field name is not a java.lang.Integer for codec " + cell.codec()
            + ": \"not json\" (8 bytes); written by another codec?");
  }

  @MatrixTest
  void aStoredNullIsReportedNotReturned(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "\"none\"", "null");
    }
    RedisMap<String, Integer> map = pottery.map(key.name(), String.class, Integer.class);
    assertThat(map.containsKey("none")).isTrue();
    assertThatThrownBy(() -> map.get("none"))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("RedisMap \"" + key.name() + "\": field \"none\" holds \"null\" (4 bytes), which codec ")
        .hasMessageEndingWith("decodes as null; RedisMap never returns null, so remove or overwrite it");
  }

  @MatrixTest
  void nullsAreRejectedBeforeAnythingIsSent(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, Integer> tel = pottery.map(key.name(), String.class, Integer.class);
    tel.put("jack", 4098);
    Map<String, Integer> withNullValue = new HashMap<>();
    withNullValue.put("sape", 4139);
    withNullValue.put("guido", null);
    Map<String, Integer> withNullKey = new HashMap<>();
    withNullKey.put("sape", 4139);
    withNullKey.put(null, 1);
    List<ThrowingCallable> calls = List.of(
        () -> tel.put(null, 1), () -> tel.put("a", null), () -> tel.get(null), () -> tel.containsKey(null),
        () -> tel.containsValue(null), () -> tel.remove(null), () -> tel.remove(null, 1), () -> tel.fastPut(null, 1),
        () -> tel.fastPut("a", null), () -> tel.fastRemove(null), () -> tel.putIfAbsent(null, 1),
        () -> tel.putIfAbsent("a", null), () -> tel.replace(null, 1), () -> tel.replace("jack", null),
        () -> tel.replace("jack", null, 1), () -> tel.replace("jack", 4098, null), () -> tel.compute(null, (k, v) -> 1),
        () -> tel.compute("jack", null), () -> tel.computeIfAbsent(null, k -> 1), () -> tel.computeIfPresent(null, (k, v) -> 1),
        () -> tel.merge(null, 1, Integer::sum), () -> tel.merge("jack", null, Integer::sum), () -> tel.merge("jack", 1, null),
        () -> tel.putAll(null), () -> tel.putAll(withNullValue), () -> tel.putAll(withNullKey), () -> tel.getAll(null),
        () -> tel.getAll(Arrays.asList("jack", null)), () -> tel.replaceAll(null), () -> tel.forEach(null),
        () -> tel.replaceAll((k, v) -> null), () -> tel.entrySet().iterator().next().setValue(null));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
    }
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("HLEN", key.name())).isEqualTo(1L);
      assertThat(raw.callText("HGET", key.name(), "\"jack\"")).isEqualTo("4098");
    }
  }
}
