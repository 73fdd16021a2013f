package io.pottery.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw client against a real server: every RESP2 reply type, errors, binary safety, AUTH and SELECT. */
@WithRedis
class RawRedisTest {

  @Test
  void mapsEveryReplyType(RedisServer server) {
    String key = key("replies");
    try (RawRedis raw = server.client()) {
      assertThat(raw.call("PING")).isEqualTo("PONG");
      assertThat(raw.call("SET", key, "41")).isEqualTo("OK");
      assertThat(raw.call("INCR", key)).isEqualTo(42L);
      assertThat(raw.call("GET", key)).isEqualTo("42".getBytes(UTF_8));
      assertThat(raw.call("GET", key + ":missing")).isNull();
      assertThat(raw.call("RPUSH", key + ":list", "a", "b")).isEqualTo(2L);
      @SuppressWarnings("unchecked")
      List<Object> range = (List<Object>) raw.call("LRANGE", key + ":list", "0", "-1");
      assertThat(range).containsExactly("a".getBytes(UTF_8), "b".getBytes(UTF_8));
      assertThat(raw.call("LRANGE", key + ":none", "0", "-1")).isEqualTo(List.of());
      assertThat(raw.callText("EVAL", "return {1, {'x', 2}}", "0")).isEqualTo(List.of(1L, List.of("x", 2L)));
    }
  }

  /** RESP2 turns a Lua {@code false} into a null bulk string; a null array (BLPOP timing out) is {@code null}. */
  @Test
  void nullsInsideArraysAndNullArrays(RedisServer server) {
    try (RawRedis raw = server.client()) {
      @SuppressWarnings("unchecked")
      List<Object> reply = (List<Object>) raw.call("EVAL", "return {1, false, 'z'}", "0");
      assertThat(reply).hasSize(3);
      assertThat(reply.get(0)).isEqualTo(1L);
      assertThat(reply.get(1)).isNull();
      assertThat(reply.get(2)).isEqualTo("z".getBytes(UTF_8));
      assertThat(raw.call("BLPOP", key("empty"), "0.01")).isNull();
    }
  }

  @Test
  void errorRepliesThrowWithTheServersText(RedisServer server) {
    String key = key("wrongtype");
    try (RawRedis raw = server.client()) {
      raw.call("RPUSH", key, "x");
      assertThatThrownBy(() -> raw.call("HGET", key, "f"))
          .isInstanceOfSatisfying(RedisErrorException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("WRONGTYPE");
            assertThat(e.serverMessage()).startsWith("WRONGTYPE Operation against a key holding the wrong kind");
            assertThat(e.masters()).containsExactly("redis://127.0.0.1:" + server.port() + "/0");
          });
      assertThatThrownBy(() -> raw.call("NOSUCHCOMMAND"))
          .isInstanceOfSatisfying(RedisErrorException.class, e -> assertThat(e.errorCode()).isEqualTo("ERR"));
      // The connection stays in step after an error.
      assertThat(raw.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void errorsInsideArraysAreElements(RedisServer server) {
    String key = key("exec");
    try (RawRedis raw = server.client()) {
      raw.call("RPUSH", key, "x");
      raw.call("MULTI");
      raw.call("HGET", key, "f");
      raw.call("LLEN", key);
      List<?> replies = (List<?>) raw.call("EXEC");
      assertThat(replies.get(0)).isInstanceOfSatisfying(RedisErrorException.class,
          e -> assertThat(e.errorCode()).isEqualTo("WRONGTYPE"));
      assertThat(replies.get(1)).isEqualTo(1L);
    }
  }

  @Test
  void binaryArgumentsAndRepliesRoundTrip(RedisServer server) {
    byte[] value = {0, (byte) 0xff, '\r', '\n', '$', '*', (byte) 0xc3, (byte) 0xa9};
    byte[] key = key("binary").getBytes(UTF_8);
    try (RawRedis raw = server.client()) {
      assertThat(raw.call("SET".getBytes(UTF_8), key, value)).isEqualTo("OK");
      assertThat(raw.call("GET".getBytes(UTF_8), key)).isEqualTo(value);
      assertThat(raw.call("STRLEN".getBytes(UTF_8), key)).isEqualTo(8L);
    }
  }

  @Test
  void callTextDecodesBulkStrings(RedisServer server) {
    String key = key("text");
    try (RawRedis raw = server.client()) {
      raw.call("HSET", key, "\"jack\"", "4098", "\"søren\"", "\"\\u00e9\"");
      assertThat(raw.callText("HGET", key, "\"søren\"")).isEqualTo("\"\\u00e9\"");
      assertThat(raw.callText("HMGET", key, "\"jack\"", "\"nobody\"")).isEqualTo(java.util.Arrays.asList("4098", null));
      assertThat(raw.callText("HLEN", key)).isEqualTo(2L);
    }
  }

  @Test
  void authenticatesAndSelectsTheDatabaseOfTheUri() {
    try (RedisServers own = RedisServers.start(1)) {
      RedisServer server = own.first();
      assertThat(server.source().controllable()).isTrue();
      try (RawRedis admin = server.client()) {
        admin.call("SELECT", "3");
        admin.call("SET", "only-in-3", "yes");
        admin.call("CONFIG", "SET", "requirepass", "s3cret:pass");
      }
      String uri = "redis://:s3cret%3Apass@127.0.0.1:" + server.port() + "/3";
      try (RawRedis raw = RawRedis.connect(uri)) {
        assertThat(raw.callText("GET", "only-in-3")).isEqualTo("yes");
        assertThat(raw.toString()).isEqualTo("RawRedis{redis://127.0.0.1:" + server.port() + "/3}").doesNotContain("s3cret");
      }
      assertThatThrownBy(() -> RawRedis.connect("redis://:wrong@127.0.0.1:" + server.port()))
          .isInstanceOf(RedisErrorException.class)
          .hasMessageContaining("redis://127.0.0.1:" + server.port() + "/0")
          .hasMessageNotContaining("wrong@");
      try (RawRedis noAuth = RawRedis.connect(server.uri())) {
        assertThatThrownBy(() -> noAuth.call("GET", "x"))
            .isInstanceOfSatisfying(RedisErrorException.class, e -> assertThat(e.errorCode()).isEqualTo("NOAUTH"));
      }
    }
  }

  @Test
  void unreachableServerIsAConnectionException() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      port = socket.getLocalPort();
    }
    assertThatThrownBy(() -> RawRedis.connect("redis://127.0.0.1:" + port, Duration.ofMillis(500)))
        .isInstanceOf(RedisConnectionException.class)
        .hasMessageContaining("Cannot connect to redis://127.0.0.1:" + port + "/0");
  }

  @Test
  void aSilentServerTimesOutAndClosesTheConnection() {
    try (RedisServers own = RedisServers.start(1)) {
      RedisServer server = own.first();
      RawRedis raw = RawRedis.connect(server.uri(), Duration.ofMillis(300));
      server.pause();
      try {
        assertThatThrownBy(() -> raw.call("PING"))
            .isInstanceOf(RedisConnectionException.class)
            .hasMessageContaining("PING to redis://127.0.0.1:" + server.port() + "/0 failed")
            .hasMessageContaining("the connection is closed");
        assertThatThrownBy(() -> raw.call("PING")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
      } finally {
        server.resume();
        raw.close();
      }
    }
  }

  @Test
  void rejectsUrisThatAreNotRedis() {
    assertThatThrownBy(() -> RawRedis.connect("http://127.0.0.1:6379"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a redis://");
    assertThatThrownBy(() -> RawRedis.connect("redis://:pw@127.0.0.1:6379/x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a database number")
        .hasMessageNotContaining("pw");
  }

  private static String key(String name) {
    return TestKey.forTest("RawRedisTest." + name).name();
  }
}
