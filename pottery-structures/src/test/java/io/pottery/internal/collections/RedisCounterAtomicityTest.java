package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.PotteryException;
import io.pottery.RedisCounter;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Every multi-field {@code RedisCounter} update is all or nothing (issue 13, item 2): a count that would overflow,
 * or a stored count that is not an integer, refuses the whole update, names the key and the field, and leaves
 * every byte of the hash as it was. Each case puts a field that would succeed before the one that fails, which a
 * script of HINCRBYs applied before failing.
 */
@WithRedis
class RedisCounterAtomicityTest {

  /** The hash as Redis holds it: field → stored count, as text. */
  private static Map<String, String> stored(RedisServer server, TestKey key) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      List<?> flat = (List<?>) raw.callText("HGETALL", key.name());
      Map<String, String> hash = new TreeMap<>();
      for (int i = 0; i < flat.size(); i += 2) {
        hash.put((String) flat.get(i), (String) flat.get(i + 1));
      }
      return hash;
    }
  }

  private static void hset(RedisServer server, TestKey key, String field, String value) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), field, value);
    }
  }

  /** {@code "small"} first, then {@code "big"}: the order a partial update would have left {@code small} written. */
  private static Map<String, Long> smallThenBig(long small, long big) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("small", small);
    counts.put("big", big);
    return counts;
  }

  private static void assertRefusedAndUnchanged(RedisServer server, TestKey key, ThrowingCallable call,
      Class<? extends Throwable> type, String... messageParts) {
    Map<String, String> before = stored(server, key);
    Throwable thrown = catchThrowable(call);
    // The data first: that is what a partial update breaks, whatever it throws.
    assertThat(stored(server, key)).as("the hash after the refused update (%s)", thrown).isEqualTo(before);
    assertThat(thrown).isInstanceOf(type).hasMessageContainingAll(messageParts)
        .hasMessageContaining("\"" + key.name() + "\"")
        .satisfies(e -> {
          if (e instanceof PotteryException pottery) {
            assertThat(pottery.key()).contains(key.name());
          }
        });
  }

  @MatrixTest
  void addThatWouldOverflowOneCountWritesNoCountAtAll(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> c = pottery.counter(key.name(), String.class);
    c.increment("big", Long.MAX_VALUE);
    c.increment("other", 5);
    assertRefusedAndUnchanged(server, key, () -> c.add(smallThenBig(1, 1)), ArithmeticException.class,
        "field \"big\" 9223372036854775808", "add wrote nothing");
    assertRefusedAndUnchanged(server, key, () -> c.add(List.of("small", "big")), ArithmeticException.class,
        "field \"big\"");
    assertThat(c.count("small")).isZero();
    assertThat(c.asMap()).doesNotContainKey("small");
    assertThat(c.count("big")).isEqualTo(Long.MAX_VALUE);
  }

  @MatrixTest
  void subtractThatWouldOverflowOneCountWritesNoCountAtAll(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> c = pottery.counter(key.name(), String.class);
    c.increment("big", Long.MIN_VALUE);
    assertRefusedAndUnchanged(server, key, () -> c.subtract(smallThenBig(1, 1)), ArithmeticException.class,
        "field \"big\" -9223372036854775809", "subtract wrote nothing");
    assertRefusedAndUnchanged(server, key, () -> c.subtract(List.of("small", "big")), ArithmeticException.class,
        "field \"big\"");
    assertRefusedAndUnchanged(server, key, () -> c.subtract(Map.of("small", Long.MIN_VALUE)),
        ArithmeticException.class, "field \"small\" 9223372036854775808");
    assertThat(stored(server, key)).isEqualTo(Map.of("\"big\"", Long.toString(Long.MIN_VALUE)));
  }

  @MatrixTest
  void aStoredCountThatIsNoIntegerRefusesTheWholeUpdate(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> c = pottery.counter(key.name(), String.class);
    c.increment("small", 3);
    hset(server, key, "\"bad\"", "1.5");
    List<ThrowingCallable> updates = List.of(
        () -> c.add(List.of("small", "bad")), () -> c.add(Map.of("small", 1L, "bad", 1L)),
        () -> c.subtract(List.of("small", "bad")), () -> c.subtract(Map.of("small", 1L, "bad", 1L)));
    for (ThrowingCallable update : updates) {
      assertRefusedAndUnchanged(server, key, update, CodecException.class,
          "field \"bad\" holds \"1.5\" (3 bytes), which is not a count", "wrote nothing");
    }
    assertThatThrownBy(() -> c.add(List.of("bad"))).isInstanceOfSatisfying(CodecException.class,
        e -> assertThat(e.rawValue()).hasValueSatisfying(raw -> assertThat(raw).isEqualTo("1.5".getBytes())));
    assertThat(stored(server, key)).isEqualTo(Map.of("\"small\"", "3", "\"bad\"", "1.5"));
  }

  @MatrixTest
  void inPlaceOperationsAreAllOrNothingToo(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> c = pottery.counter(key.name(), String.class);
    c.increment("big", Long.MAX_VALUE);
    c.increment("neg", Long.MIN_VALUE + 1);
    c.increment("zero", 0);
    c.increment("small", 2);
    assertRefusedAndUnchanged(server, key, () -> c.plusInPlace(smallThenBig(5, 1)), ArithmeticException.class,
        "plusInPlace would make the count of field \"big\" 9223372036854775808", "plusInPlace wrote nothing");
    Map<String, Long> minus = new LinkedHashMap<>();
    minus.put("small", 1L);
    minus.put("neg", 2L);
    assertRefusedAndUnchanged(server, key, () -> c.minusInPlace(minus), ArithmeticException.class,
        "field \"neg\" -9223372036854775809");
    // A count that is no integer, in a field the update does not name: the clean-up would judge it, so it refuses.
    hset(server, key, "\"garbage\"", "-abc");
    for (ThrowingCallable update : List.<ThrowingCallable>of(() -> c.plusInPlace(Map.of("small", 1L)),
        () -> c.minusInPlace(Map.of("small", 1L)), () -> c.unionInPlace(Map.of("small", 9L)),
        () -> c.intersectionInPlace(Map.of("small", 1L)))) {
      assertRefusedAndUnchanged(server, key, update, CodecException.class,
          "field \"garbage\" holds \"-abc\" (4 bytes), which is not a count", "InPlace wrote nothing");
    }
    assertThat(stored(server, key)).containsEntry("\"zero\"", "0").containsEntry("\"small\"", "2")
        .containsEntry("\"garbage\"", "-abc");
  }

  @MatrixTest
  void countsAtTheEdgesOfSixtyFourBitsStillUpdateExactly(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> c = pottery.counter(key.name(), String.class);
    c.increment("top", Long.MAX_VALUE - 1);
    c.increment("bottom", Long.MIN_VALUE + 1);
    c.add(Map.of("top", 1L));
    c.subtract(Map.of("bottom", 1L));
    assertThat(stored(server, key)).isEqualTo(
        Map.of("\"top\"", "9223372036854775807", "\"bottom\"", "-9223372036854775808"));
    c.subtract(Map.of("top", Long.MAX_VALUE, "bottom", Long.MIN_VALUE));
    assertThat(stored(server, key)).isEqualTo(Map.of("\"top\"", "0", "\"bottom\"", "0"));
    c.add(Map.of("top", Long.MAX_VALUE));
    c.plusInPlace(Map.of("top", Long.MIN_VALUE, "new", 7L));
    assertThat(stored(server, key)).as("-1 and 0 deleted by the clean-up").isEqualTo(Map.of("\"new\"", "7"));
    c.unionInPlace(Map.of("new", Long.MAX_VALUE));
    c.intersectionInPlace(Map.of("new", Long.MAX_VALUE - 1));
    assertThat(c.count("new")).isEqualTo(Long.MAX_VALUE - 1);
  }

  @MatrixTest
  void incrementNamesTheFieldWhenHincrbyRefuses(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> c = pottery.counter(key.name(), String.class);
    c.increment("big", Long.MAX_VALUE);
    hset(server, key, "\"bad\"", "x");
    assertRefusedAndUnchanged(server, key, () -> c.increment("big"), ArithmeticException.class,
        "field \"big\" beyond a signed 64-bit integer", "unchanged");
    assertRefusedAndUnchanged(server, key, () -> c.increment("bad", 2), CodecException.class,
        "field \"bad\" holds \"x\" (1 bytes), which is not a count");
  }
}
