package io.pottery.internal.structures;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.PotteryException;
import io.pottery.internal.script.Script;
import io.pottery.internal.testing.Providers;
import io.pottery.spi.Command;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.StructuresContext;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reply shapes on replies a real server sent through a real driver: each shape converts what Redis answers for
 * the commands structures use it with, and a reply of another shape (a script that answers otherwise than its
 * caller declares, a command whose reply is read as another type) fails naming the command or script, the key
 * and the server — never with a {@link ClassCastException}.
 */
@WithRedis
class ReplyShapeTest {

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aScriptThatAnswersAnotherShapeThanDeclaredNamesTheScriptKeyAndServer(String driver, RedisServer server) {
    Script counts = Script.of("test/hash-count.lua",
        "-- Idempotent: yes, because it only reads\nreturn redis.call('HLEN', KEYS[1]) .. ' fields'\n");
    onNewKey(driver, server, "RedisMap", "hash", (redis, key) -> {
      assertThatThrownBy(() -> redis.eval(counts, Reply.LONG))
          .isExactlyInstanceOf(PotteryException.class)
          .hasMessage("RedisMap \"" + key + "\": script hash-count.lua replied in an unexpected shape: expected an "
              + "integer, got the string \"0 fields\" (8 bytes) (from " + master(server) + "); a driver, proxy or "
              + "server that answers otherwise than Redis (docs/errors.md#unexpected-reply-shape)")
          .hasCauseInstanceOf(Reply.Mismatch.class)
          .satisfies(e -> {
            assertThat(((PotteryException) e).key()).contains(key);
            assertThat(((PotteryException) e).masters()).containsExactly(master(server));
          });
      // The same script read as the string it is.
      assertThat(redis.eval(counts, Reply.BYTES)).isEqualTo("0 fields".getBytes(UTF_8));

      Script pair = Script.of("test/pair.lua", "-- Idempotent: yes, because it writes nothing\nreturn {1, 'two'}\n");
      assertThatThrownBy(() -> redis.eval(pair, Reply.LONG_LIST))
          .isExactlyInstanceOf(PotteryException.class)
          .hasMessageContaining("script pair.lua replied in an unexpected shape: element 1: expected an integer, "
              + "got the string \"two\" (3 bytes)");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aCommandReadAsAnotherShapeNamesTheCommandKeyAndServer(String driver, RedisServer server) {
    onNewKey(driver, server, "RedisSet", "set", (redis, key) -> {
      // TYPE answers with a status reply, which a driver gives as a String or as bytes: either is named.
      assertThatThrownBy(() -> redis.execute(redis.command("TYPE").idempotent().build(), Reply.LONG))
          .isExactlyInstanceOf(PotteryException.class)
          .hasMessageStartingWith("RedisSet \"" + key + "\": TYPE replied in an unexpected shape: expected an integer, "
              + "got the ")
          .hasMessageContaining("\"none\"")
          .hasMessageEndingWith("(from " + master(server) + "); a driver, proxy or server that answers otherwise than "
              + "Redis (docs/errors.md#unexpected-reply-shape)");
      // In a pipeline, the command whose reply has the wrong shape is the one named.
      assertThatThrownBy(() -> redis.pipeline(List.of(redis.command("SCARD").idempotent().build(),
          redis.command("SMEMBERS").idempotent().build()), Reply.LONG))
          .isExactlyInstanceOf(PotteryException.class)
          .hasMessageContaining("\": SMEMBERS replied in an unexpected shape: expected an integer, got an array of 0 "
              + "elements");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void eachShapeReadsWhatRedisAnswers(String driver, RedisServer server) {
    String key = "reply-shape:" + UUID.randomUUID();
    try (RedisConnection connection = Providers.connect(driver, server.uri(), Duration.ofSeconds(2))) {
      Object ok = connection.execute(Command.builder("SET").key(key + ":s").arg("x").build());
      Object added = connection.execute(Command.builder("HSET").key(key).arg("f").arg("v").arg("g").arg("w").build());
      Object value = connection.execute(Command.builder("HGET").key(key).arg("f").build());
      Object missing = connection.execute(Command.builder("HGET").key(key).arg("nope").build());
      Object values = connection.execute(Command.builder("HMGET").key(key).arg("f").arg("nope").build());
      Object exists = connection.execute(Command.builder("HEXISTS").key(key).arg("g").build());
      Object page = connection.execute(Command.builder("HSCAN").key(key).arg("0").build());
      Object nothing = connection.execute(Command.builder("LPOS").key(key + ":l").arg("x").build());
      connection.execute(Command.builder("DEL").key(key).key(key + ":s").build());

      // A status reply (a String today, bytes once the driver contract says so) reads as its bytes.
      assertThat(Reply.BYTES.from(ok)).isEqualTo("OK".getBytes(UTF_8));
      assertThat(Reply.LONG.from(added)).isEqualTo(2L);
      assertThat(Reply.BOOLEAN.from(exists)).isTrue();
      assertThat(Reply.BYTES.from(value)).isEqualTo("v".getBytes(UTF_8));
      assertThat(Reply.NULLABLE_BYTES.from(value)).isEqualTo("v".getBytes(UTF_8));
      assertThat(Reply.NULLABLE_BYTES.from(missing)).isNull();
      assertThat(Reply.NULLABLE_LONG.from(nothing)).isNull();
      List<byte[]> found = Reply.NULLABLE_BYTES_LIST.from(values);
      assertThat(found).hasSize(2);
      assertThat(found.get(0)).isEqualTo("v".getBytes(UTF_8));
      assertThat(found.get(1)).isNull();
      List<?> scan = Reply.ARRAY.from(page);
      assertThat(Reply.BYTES.at(scan, 0)).isEqualTo("0".getBytes(UTF_8));
      assertThat(strings(Reply.BYTES_LIST.at(scan, 1))).containsExactlyInAnyOrder("f", "v", "g", "w");

      assertThat(mismatch(Reply.LONG, value)).isEqualTo("expected an integer, got the string \"v\" (1 byte)");
      assertThat(mismatch(Reply.BYTES, missing)).isEqualTo("expected a string, got nil");
      assertThat(mismatch(Reply.BYTES, added)).isEqualTo("expected a string, got the integer 2");
      assertThat(mismatch(Reply.BYTES_LIST, values)).isEqualTo("element 1: expected a string, got nil");
      assertThat(mismatch(Reply.LONG_LIST, page)).isEqualTo("element 0: expected an integer, got the string \"0\" (1 byte)");
      assertThat(mismatch(Reply.ARRAY, exists)).isEqualTo("expected an array, got the integer 1");
      assertThat(mismatch(Reply.LONG, page)).isEqualTo("expected an integer, got an array of 2 elements");
      assertThat(mismatch(Reply.BYTES, scan)).isEqualTo("expected a string, got an array of 2 elements");
      assertThatThrownBy(() -> Reply.LONG.at(scan, 2))
          .isInstanceOf(Reply.Mismatch.class)
          .hasMessage("element 2: expected an integer, got nothing (the array has 2 elements)");
    }
  }

  private static String mismatch(Reply<?> shape, Object reply) {
    try {
      shape.from(reply);
    } catch (Reply.Mismatch e) {
      return e.getMessage();
    }
    throw new AssertionError(shape + " accepted " + reply);
  }

  private static List<String> strings(List<byte[]> bytes) {
    List<String> strings = new ArrayList<>();
    for (byte[] b : bytes) {
      strings.add(new String(b, UTF_8));
    }
    return strings;
  }

  private static String master(RedisServer server) {
    return RedisEndpoint.parse(server.uri()).redacted();
  }

  /** Runs {@code test} with a structure on a new key, through a real {@link Backend} of {@code driver}. */
  private static void onNewKey(String driver, RedisServer server, String structureType, String redisType,
      BiConsumer<KeyedStructure, String> test) {
    RedisConnection connection = Providers.connect(driver, server.uri(), Duration.ofSeconds(2));
    Backend backend = new Backend(new StructuresContext(List.of(connection), driver, Providers.codec("jackson"),
        Duration.ofSeconds(2), ""));
    String key = "reply-shape:" + UUID.randomUUID();
    try {
      test.accept(new KeyedStructure(backend, structureType, redisType, key), key);
    } finally {
      backend.close();
    }
  }
}
