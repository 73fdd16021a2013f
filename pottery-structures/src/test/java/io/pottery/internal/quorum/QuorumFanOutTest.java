package io.pottery.internal.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import io.pottery.internal.testing.Providers;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.StructuresContext;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fan-out on its own: counts, early decisions, errors and frozen masters as failures, messages. */
@WithRedis(masters = 5, controllable = true)
class QuorumFanOutTest {
  private static final Script ECHO_IF_SET = Script.of("echo-if-set.lua",
      "local v = redis.call('GET', KEYS[1]) if v then return v end return redis.error_reply('ERR nothing at ' .. KEYS[1])");

  private final List<RedisServer> paused = new ArrayList<>();

  @AfterEach
  void resume() {
    paused.forEach(RedisServer::resume);
    paused.clear();
  }

  private static Backend backend(RedisServers servers, String driver, Duration timeout) {
    List<RedisConnection> connections = new ArrayList<>();
    for (String uri : servers.uris()) {
      connections.add(Providers.connect(driver, uri, timeout));
    }
    return new Backend(new StructuresContext(connections, driver, Providers.codec("jackson"), timeout, ""));
  }

  private static List<byte[]> bytes(String... values) {
    List<byte[]> out = new ArrayList<>();
    for (String value : values) {
      out.add(value.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void errorsAndFrozenMastersCountAsFailuresWithinTheDeadline(String driver, RedisServers servers) {
    String key = TestKey.forTest("fanOut").name();
    for (int i = 0; i < 3; i++) {
      try (RawRedis raw = servers.get(i).client()) {
        raw.call("SET", key, i == 2 ? "no" : "yes");
      }
    }
    Backend backend = backend(servers, driver, Duration.ofMillis(400));
    try {
      QuorumFanOut fanOut = new QuorumFanOut(backend, "Test \"" + key + "\"");
      assertThat(fanOut.quorum()).isEqualTo(3);
      servers.get(4).pause();
      paused.add(servers.get(4));
      long start = System.nanoTime();
      Round round = fanOut.run(ECHO_IF_SET, bytes(key), List.of(),
          RoundOptions.untilEveryAnswer(reply -> "yes".equals(text(reply)), Duration.ofMillis(200)));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).isBetween(200L, 600L);
      assertThat(round.yes()).isEqualTo(2);
      assertThat(round.achieved()).isFalse();
      assertThat(round.failed()).isEqualTo(1); // master 3: the script's error reply
      assertThat(round.timedOut()).isTrue();
      assertThat(round.unreachable()).isEqualTo(2);
      String others = round.describeOthers("said no");
      assertThat(others).contains(servers.get(2).uri() + " (said no)")
          .contains(servers.get(3).uri() + " (error: ERR nothing at " + key)
          .contains(servers.get(4).uri() + " (no reply in ");
      assertThat(round.yesReplies()).hasSize(2);

      // Decided early: the frozen master does not hold up an answer the others already gave.
      try (RawRedis raw = servers.get(3).client()) {
        raw.call("SET", key, "yes");
      }
      start = System.nanoTime();
      round = fanOut.run(ECHO_IF_SET, bytes(key), List.of(),
          RoundOptions.untilDecided(reply -> "yes".equals(text(reply)), Duration.ofMillis(200)));
      assertThat(round.achieved()).isTrue();
      assertThat(round.timedOut()).isFalse();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(150L);
    } finally {
      backend.close();
    }
  }

  private static String text(Object reply) {
    return reply instanceof byte[] ? new String((byte[]) reply, StandardCharsets.UTF_8) : null;
  }
}
