package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.PotteryException;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
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

/** What {@code RedisList} and {@code RedisDeque} say when the key holds another type, bytes do not decode, or an argument is null. */
@WithRedis
class RedisListErrorsTest {

  @MatrixTest
  void aKeyHoldingAHashThrowsWrongTypeNamingBothTypes(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "\"a\"", "1");
    }
    RedisList<String> list = pottery.list(key.name(), String.class);
    RedisDeque<String> deque = pottery.deque(key.name(), String.class);
    String master = RedisEndpoint.parse(server.uri()).redacted();
    String listMessage = "RedisList \"" + key.name() + "\": key holds a hash, not a list (WRONGTYPE from " + master + ")";
    String dequeMessage = "RedisDeque \"" + key.name() + "\": key holds a hash, not a list (WRONGTYPE from " + master + ")";
    List<ThrowingCallable> listCalls = List.of(
        list::size, () -> list.get(0), () -> list.add("x"), () -> list.add(0, "x"), () -> list.set(0, "x"),
        () -> list.remove(0), () -> list.iterator().hasNext(), () -> list.indexOf("x"), () -> list.sort(null),
        () -> list.addAll(List.of("x", "y")), () -> list.retainAll(List.of("x")));
    for (ThrowingCallable call : listCalls) {
      assertThatThrownBy(call)
          .isInstanceOf(WrongTypeException.class)
          .hasMessage(listMessage)
          .satisfies(e -> {
            assertThat(((PotteryException) e).key()).contains(key.name());
            assertThat(((PotteryException) e).masters()).containsExactly(master);
          });
    }
    for (ThrowingCallable call : List.<ThrowingCallable>of(
        () -> deque.addFirst("x"), deque::pollLast, deque::peekFirst, () -> deque.rotate(1),
        () -> deque.descendingIterator().next(), () -> deque.removeLastOccurrence("x"))) {
      assertThatThrownBy(call).isInstanceOf(WrongTypeException.class).hasMessage(dequeMessage);
    }
    assertThatThrownBy(() -> pottery.deque(key.name(), String.class, 3)).isInstanceOf(WrongTypeException.class).hasMessage(dequeMessage);
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("HLEN", key.name())).as("nothing above wrote").isEqualTo(1L);
    }
  }

  @MatrixTest
  void undecodableElementsNameTheKeyIndexTypeAndCodec(Pottery pottery, TestKey key, RedisServer server, MatrixCell cell) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("RPUSH", key.name(), "1", "abc", "3");
    }
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    String message = "RedisList \"" + key.name() + "\": element 1 is not a java.lang.Integer for codec " + cell.codec()
        + ": \"abc\" (3 bytes); written by another codec?";
    for (ThrowingCallable call : List.<ThrowingCallable>of(
        () -> list.get(1), () -> list.toArray(), list::hashCode, () -> list.sort(null), () -> list.listIterator(2).previous())) {
      assertThatThrownBy(call).isInstanceOf(CodecException.class).hasMessage(message)
          .satisfies(e -> assertThat(((PotteryException) e).key()).contains(key.name()));
    }
    assertThat(list.get(2)).isEqualTo(3);
    assertThat(list.indexOf(3)).isEqualTo(2);
    assertThatThrownBy(() -> pottery.deque(key.name(), Integer.class).descendingIterator().forEachRemaining(e -> { }))
        .isInstanceOf(CodecException.class).hasMessageContaining("element -2 is not a java.lang.Integer");
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("LLEN", key.name())).as("nothing above wrote").isEqualTo(3L);
    }
    // remove(int) must return what it removed: it removes, then reports that the bytes were not an Integer, and
    // hands them over in the exception.
    assertThatThrownBy(() -> list.remove(1)).isInstanceOf(CodecException.class).hasMessage(message
        + " This call removed it from the list in Redis, so CodecException.rawValue() holds the only copy (3 bytes)");
    assertThat(list).containsExactly(1, 3);
  }

  @MatrixTest
  void aStoredNullIsReportedNotReturned(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("RPUSH", key.name(), "null");
    }
    assertThatThrownBy(() -> pottery.deque(key.name(), String.class).peekFirst())
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("RedisDeque \"" + key.name() + "\": element 0 holds \"null\" (4 bytes), which codec ")
        .hasMessageEndingWith("decodes as null; RedisDeque never returns null, so remove or overwrite it");
  }

  @MatrixTest
  void nullsAreRejectedBeforeAnythingIsSent(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<String> list = pottery.list(key.name(), String.class);
    RedisDeque<String> deque = pottery.deque(key.name(), String.class);
    list.add("a");
    List<String> withNull = Arrays.asList("b", null);
    List<ThrowingCallable> calls = List.of(
        () -> list.add(null), () -> list.add(0, null), () -> list.set(0, null), () -> list.addAll(withNull),
        () -> list.addAll(0, withNull), () -> list.addAll(null), () -> list.contains(null), () -> list.indexOf(null),
        () -> list.lastIndexOf(null), () -> list.remove(null), () -> list.removeAll(null), () -> list.retainAll(null),
        () -> list.replaceAll(null), () -> list.replaceAll(s -> null), () -> list.listIterator().add(null),
        () -> deque.addFirst(null), () -> deque.addLast(null), () -> deque.offerFirst(null), () -> deque.offerLast(null),
        () -> deque.push(null), () -> deque.offer(null), () -> deque.addAll(withNull), () -> deque.extendLeft(withNull),
        () -> deque.extendLeft(null), () -> deque.removeFirstOccurrence(null), () -> deque.removeLastOccurrence(null),
        () -> deque.contains(null), () -> deque.remove(null));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(NullPointerException.class);
    }
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("LRANGE", key.name(), "0", "-1")).asList().hasSize(1);
    }
  }

  @MatrixTest
  void unencodableElementsNameTheKeyAndClass(Pottery pottery, TestKey key) {
    RedisList<Object> list = pottery.list(key.name(), Object.class);
    assertThatThrownBy(() -> list.addAll(List.of("fine", java.util.Optional.of(1))))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("RedisList \"" + key.name() + "\": cannot encode element of type java.util.Optional");
    assertThat(list).as("every element is encoded before anything is sent").isEmpty();
    assertThat(list.contains(java.util.Optional.of(1))).as("cannot be stored, so not there").isFalse();
  }
}
