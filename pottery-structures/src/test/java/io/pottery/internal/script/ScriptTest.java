package io.pottery.internal.script;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.internal.testing.CommandStats;
import io.pottery.internal.testing.Providers;
import io.pottery.spi.RedisConnection;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link Script} on a real server with each driver: EVALSHA first, EVAL only after NOSCRIPT. Controllable
 * servers only: the tests flush the script cache, pause the server and count commands, none of which a shared
 * server allows.
 */
@WithRedis(controllable = true)
class ScriptTest {
  private static final Script INCR_BY = Script.of("test/incr-by.lua",
      "-- test script\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])");

  @Test
  void sha1IsTheOneRedisComputes(RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.callText("SCRIPT", "LOAD", INCR_BY.text())).isEqualTo(INCR_BY.sha1());
    }
    assertThat(INCR_BY.sha1()).matches("[0-9a-f]{40}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void fallsBackToEvalOnlyWhenTheServerLacksTheScript(String driver, RedisServer server) {
    String key = "test:script:fallback:" + driver;
    try (RawRedis raw = RawRedis.connect(server.uri());
        RedisConnection connection = Providers.connect(driver, server.uri(), Duration.ofSeconds(2))) {
      raw.call("SCRIPT", "FLUSH");
      long evals = CommandStats.calls(raw, "eval");

      assertThat(INCR_BY.run(connection, List.of(key.getBytes(UTF_8)), List.of("2".getBytes(UTF_8)))).isEqualTo(2L);
      assertThat(CommandStats.calls(raw, "eval")).as("EVAL after NOSCRIPT").isEqualTo(evals + 1);

      long evalShas = CommandStats.calls(raw, "evalsha");
      assertThat(INCR_BY.run(connection, List.of(key.getBytes(UTF_8)), List.of("3".getBytes(UTF_8)))).isEqualTo(5L);
      assertThat(CommandStats.calls(raw, "eval")).as("no EVAL once cached").isEqualTo(evals + 1);
      assertThat(CommandStats.calls(raw, "evalsha")).isEqualTo(evalShas + 1);

      raw.call("SCRIPT", "FLUSH");
      assertThat(INCR_BY.run(connection, List.of(key.getBytes(UTF_8)), List.of("4".getBytes(UTF_8)))).isEqualTo(9L);
      assertThat(CommandStats.calls(raw, "eval")).as("EVAL again after SCRIPT FLUSH").isEqualTo(evals + 2);
      assertThat(raw.callText("GET", key)).isEqualTo("9");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void pipelinedCallsGoAsEvalshaAndOnlyThoseAnsweringNoscriptAgainAsEval(String driver, RedisServer server) {
    String key = "test:script:pipelined:" + driver;
    try (RawRedis raw = RawRedis.connect(server.uri());
        RedisConnection connection = Providers.connect(driver, server.uri(), Duration.ofSeconds(2))) {
      raw.call("DEL", key + ":a", key + ":b");
      raw.call("RPUSH", key + ":list", "x");
      List<Script.Call> calls = List.of(
          new Script.Call(List.of((key + ":a").getBytes(UTF_8)), List.of("2".getBytes(UTF_8))),
          new Script.Call(List.of((key + ":list").getBytes(UTF_8)), List.of("1".getBytes(UTF_8))),
          new Script.Call(List.of((key + ":b").getBytes(UTF_8)), List.of("5".getBytes(UTF_8))));
      raw.call("SCRIPT", "FLUSH");
      long evals = CommandStats.calls(raw, "eval");
      long evalShas = CommandStats.calls(raw, "evalsha");

      List<Object> first = INCR_BY.runPipelined(connection, calls);
      assertThat(first.get(0)).isEqualTo(2L);
      assertThat(first.get(1)).isInstanceOf(RedisErrorException.class); // in its place, the others unaffected
      assertThat(((RedisErrorException) first.get(1)).getMessage()).contains("WRONGTYPE");
      assertThat(first.get(2)).isEqualTo(5L);
      assertThat(CommandStats.calls(raw, "evalsha") - evalShas).as("every call as EVALSHA").isEqualTo(3);
      assertThat(CommandStats.calls(raw, "eval") - evals).as("each NOSCRIPT once as EVAL").isEqualTo(3);

      List<Object> second = INCR_BY.runPipelined(connection, calls);
      assertThat(second.get(0)).isEqualTo(4L);
      assertThat(second.get(2)).isEqualTo(10L);
      assertThat(CommandStats.calls(raw, "eval") - evals).as("no EVAL once cached").isEqualTo(3);
      assertThat(CommandStats.calls(raw, "evalsha") - evalShas).isEqualTo(6);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void otherErrorRepliesAreThrownWithoutEval(String driver, RedisServer server) {
    String key = "test:script:error:" + driver;
    try (RawRedis raw = RawRedis.connect(server.uri());
        RedisConnection connection = Providers.connect(driver, server.uri(), Duration.ofSeconds(2))) {
      raw.call("RPUSH", key, "x");
      INCR_BY.run(connection, List.of("test:script:warm".getBytes(UTF_8)), List.of("1".getBytes(UTF_8)));
      long evals = CommandStats.calls(raw, "eval");

      assertThatThrownBy(() -> INCR_BY.run(connection, List.of(key.getBytes(UTF_8)), List.of("1".getBytes(UTF_8))))
          .isInstanceOf(RedisErrorException.class)
          .hasMessageContaining("WRONGTYPE");
      assertThat(CommandStats.calls(raw, "eval")).isEqualTo(evals);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void neverFallsBackAfterAConnectionError(String driver, RedisServer server) throws InterruptedException {
    String key = "test:script:timeout:" + driver;
    try (RawRedis raw = RawRedis.connect(server.uri());
        RedisConnection connection = Providers.connect(driver, server.uri(), Duration.ofMillis(300))) {
      raw.call("SCRIPT", "FLUSH");
      long evals = CommandStats.calls(raw, "eval");
      server.pause();
      try {
        assertThatThrownBy(() -> INCR_BY.run(connection, List.of(key.getBytes(UTF_8)), List.of("1".getBytes(UTF_8))))
            .isInstanceOf(RedisConnectionException.class);
      } finally {
        server.resume();
      }
      // The EVALSHA sent before the pause is answered (NOSCRIPT) once the server runs again; a wrong fallback
      // would follow it with an EVAL.
      Thread.sleep(300);
      assertThat(CommandStats.calls(raw, "eval")).isEqualTo(evals);
      assertThat(raw.call("GET", key)).isNull();
    }
  }
}
