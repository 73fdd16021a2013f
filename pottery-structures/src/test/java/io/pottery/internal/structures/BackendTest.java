package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.PotteryException;
import io.pottery.RandomKey;
import io.pottery.internal.testing.Providers;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.StructuresContext;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random keys when the UUIDs drawn are already taken on a real server; namespaces that would defeat a cluster. */
@WithRedis
class BackendTest {

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aNamespaceWithAHashTagIsRefusedAtBuild(String driver, RedisServer server) {
    assertThatThrownBy(() -> io.pottery.Pottery.builder().masters(server.uri()).driver(driver).codec("jackson")
        .namespace("app:{x}:").build())
        .isInstanceOf(io.pottery.PotteryConfigurationException.class)
        .hasMessage("namespace \"app:{x}:\" contains the hash tag {x}: on a Redis Cluster every key would hash to "
            + "slot 16287 and one node would hold all the data; use a namespace without braces, e.g. \"app:x:\", and "
            + "put hash tags in the names of keys used together (docs/errors.md#namespace-hash-tag)");
    // Braces without a tag put nothing in one slot: "{}" and a lone "{" or "}" are allowed.
    for (String allowed : List.of("app:{}:", "app{:", "app}:", "billing:")) {
      try (io.pottery.Pottery pottery = io.pottery.Pottery.builder().masters(server.uri()).driver(driver)
          .codec("jackson").namespace(allowed).build()) {
        assertThat(pottery.map("tel", String.class, Integer.class).key()).isEqualTo(allowed + "tel");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void randomKeyGivesUpAfterThreeTakenKeys(String driver, RedisServer server) {
    UUID taken = UUID.randomUUID();
    String takenKey = "pottery:" + taken;
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SET", takenKey, "x");
      Backend backend = backend(driver, server, new ArrayDeque<>(List.of(taken, taken, taken, UUID.randomUUID())));
      try {
        assertThatThrownBy(() -> backend.randomKey("RedisMap"))
            .isInstanceOf(RandomKey.class)
            .hasMessage("RedisMap: no free random key in 3 tries on " + master(server) + "; every one "
                + "already existed: [" + takenKey + ", " + takenKey + ", " + takenKey + "]. Name the key yourself.")
            .satisfies(e -> {
              assertThat(((PotteryException) e).key()).contains(takenKey);
              assertThat(((PotteryException) e).masters()).containsExactly(master(server));
            });
      } finally {
        backend.close();
        raw.call("DEL", takenKey);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void randomKeyTakesTheThirdTryIfItIsFree(String driver, RedisServer server) {
    UUID taken = UUID.randomUUID();
    UUID free = UUID.randomUUID();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SET", "pottery:" + taken, "x");
      Backend backend = backend(driver, server, new ArrayDeque<>(List.of(taken, taken, free)));
      try {
        assertThat(backend.randomKey("RedisMap")).isEqualTo("pottery:" + free);
      } finally {
        backend.close();
        raw.call("DEL", "pottery:" + taken);
      }
    }
  }

  private static String master(RedisServer server) {
    return RedisEndpoint.parse(server.uri()).redacted();
  }

  private static Backend backend(String driver, RedisServer server, Deque<UUID> uuids) {
    RedisConnection connection = Providers.connect(driver, server.uri(), Duration.ofSeconds(2));
    StructuresContext context = new StructuresContext(List.of(connection), driver, Providers.codec("jackson"),
        Duration.ofSeconds(2), "");
    return new Backend(context, uuids::removeFirst);
  }
}
