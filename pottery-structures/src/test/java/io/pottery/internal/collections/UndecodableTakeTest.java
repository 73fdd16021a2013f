package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Operations that remove or overwrite what they return stay one atomic command, so bytes that turn out not to
 * decode are already gone from Redis; they must then be in the exception, all of them (issue 13, item 3). Every
 * such operation of every collection is checked: the {@link CodecException} carries the full raw bytes (far more
 * than the 64 its message quotes), its message says it holds the only copy, the operation removed exactly that
 * one element, and the rest of the structure is untouched. Reads that fail to decode carry the bytes too and
 * remove nothing.
 */
@WithRedis
class UndecodableTakeTest {
  /** Not JSON, longer than a message quotes, with bytes that are not UTF-8. */
  private static final byte[] GARBAGE = garbage();

  private static byte[] garbage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("not-json: ".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes("x".repeat(300).getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {(byte) 0xff, 0, (byte) 0xc3, '\r', '\n'});
    out.writeBytes(" the end".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Object raw(RedisServer server, byte[]... command) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      return raw.call(command);
    }
  }

  /** The list at {@code key}, raw. */
  @SuppressWarnings("unchecked")
  private static List<byte[]> listed(RedisServer server, TestKey key) {
    return (List<byte[]>) raw(server, utf8("LRANGE"), utf8(key.name()), utf8("0"), utf8("-1"));
  }

  /** Sets the list at {@code key} to {@code "a"}, the garbage, {@code "b"}. */
  private static void aGarbageB(RedisServer server, TestKey key) {
    raw(server, utf8("DEL"), utf8(key.name()));
    raw(server, utf8("RPUSH"), utf8(key.name()), utf8("\"a\""), GARBAGE, utf8("\"b\""));
  }

  private static void assertTaken(TestKey key, ThrowingCallable call) {
    CodecException e = catchThrowableOfType(CodecException.class, call);
    assertThat(e).as("a CodecException").isNotNull();
    assertThat(e.rawValue()).as("all the bytes, in the exception").hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(GARBAGE));
    assertThat(e.getMessage()).contains("\"" + key.name() + "\"")
        .contains("CodecException.rawValue() holds the only copy (" + GARBAGE.length + " bytes)");
    assertThat(e.key()).contains(key.name());
    byte[] copy = e.rawValue().orElseThrow();
    copy[0] = 'X';
    assertThat(e.rawValue().orElseThrow()).as("each call returns a copy").isEqualTo(GARBAGE);
  }

  private static void assertReadOnly(ThrowingCallable call) {
    CodecException e = catchThrowableOfType(CodecException.class, call);
    assertThat(e).as("a CodecException").isNotNull();
    assertThat(e.rawValue()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(GARBAGE));
    assertThat(e.getMessage()).doesNotContain("only copy");
  }

  @MatrixTest
  void dequePopsHandTheWholeElementOverAndRemoveOnlyIt(Pottery pottery, TestKey key, RedisServer server) {
    for (int maxlen : new int[] {-1, 10}) {
      RedisDeque<String> deque = maxlen < 0 ? pottery.deque(key.name(), String.class)
          : pottery.deque(key.name(), String.class, maxlen);
      List<Function<RedisDeque<String>, String>> fromTheFront = List.of(
          RedisDeque::pollFirst, RedisDeque::removeFirst, RedisDeque::pop, RedisDeque::poll, RedisDeque::remove);
      for (Function<RedisDeque<String>, String> pop : fromTheFront) {
        raw(server, utf8("DEL"), utf8(key.name()));
        raw(server, utf8("RPUSH"), utf8(key.name()), GARBAGE, utf8("\"b\""));
        assertTaken(key, () -> pop.apply(deque));
        assertThat(deque).containsExactly("b");
      }
      for (Function<RedisDeque<String>, String> pop : List.<Function<RedisDeque<String>, String>>of(
          RedisDeque::pollLast, RedisDeque::removeLast)) {
        raw(server, utf8("DEL"), utf8(key.name()));
        raw(server, utf8("RPUSH"), utf8(key.name()), utf8("\"a\""), GARBAGE);
        assertTaken(key, () -> pop.apply(deque));
        assertThat(deque).containsExactly("a");
      }
      raw(server, utf8("RPUSH"), utf8(key.name()), GARBAGE);
      assertReadOnly(deque::peekLast);
      assertReadOnly(deque::getLast);
      assertThat(listed(server, key)).hasSize(2);
    }
  }

  @MatrixTest
  void listRemoveAndSetHandTheWholeElementOver(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<String> list = pottery.list(key.name(), String.class);
    aGarbageB(server, key);
    assertReadOnly(() -> list.get(1));
    assertTaken(key, () -> list.remove(1));
    assertThat(list).containsExactly("a", "b");
    raw(server, utf8("LPUSH"), utf8(key.name()), GARBAGE);
    assertTaken(key, () -> list.remove(0));
    assertThat(list).containsExactly("a", "b");
    aGarbageB(server, key);
    assertTaken(key, () -> list.set(1, "new"));
    assertThat(list).containsExactly("a", "new", "b");
  }

  @MatrixTest
  void setPopHandsTheWholeMemberOver(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<String> set = pottery.set(key.name(), String.class);
    raw(server, utf8("SADD"), utf8(key.name()), GARBAGE);
    assertReadOnly(set::randomElement);
    assertTaken(key, set::pop);
    assertThat(raw(server, utf8("EXISTS"), utf8(key.name()))).isEqualTo(0L);
  }

  @MatrixTest
  void mapWritesThatReturnTheOldValueHandItOver(Pottery pottery, TestKey key, RedisServer server) {
    RedisMap<String, String> map = pottery.map(key.name(), String.class, String.class);
    map.put("other", "kept");
    byte[] field = utf8("\"k\"");
    raw(server, utf8("HSET"), utf8(key.name()), field, GARBAGE);
    assertReadOnly(() -> map.get("k"));
    assertTaken(key, () -> map.remove("k"));
    assertThat(map).containsOnlyKeys("other");
    raw(server, utf8("HSET"), utf8(key.name()), field, GARBAGE);
    assertTaken(key, () -> map.put("k", "new"));
    assertThat(map).containsEntry("k", "new");
    raw(server, utf8("HSET"), utf8(key.name()), field, GARBAGE);
    assertTaken(key, () -> map.replace("k", "newer"));
    assertThat(map).containsEntry("k", "newer").containsEntry("other", "kept").hasSize(2);
  }
}
