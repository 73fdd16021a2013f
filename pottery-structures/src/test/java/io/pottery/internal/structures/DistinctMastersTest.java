package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pottery.Pottery;
import io.pottery.PotteryConfigurationException;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.RedisSource;
import io.pottery.testkit.WithRedis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Masters are told apart by the server itself ({@code run_id}), not by their URI text: one server under two host
 * names, or two databases of one server, would otherwise be two votes of one process, which can then form a
 * Redlock quorum alone (and a lock on the true other masters waits forever). Both drivers.
 */
@WithRedis(masters = 2)
class DistinctMastersTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jedis", "lettuce"})
  void oneServerUnderTwoHostNamesAndADatabaseIsRefused(String driver, RedisServers servers) {
    assumeTrue(RedisSource.selected().controllable(), "needs the testkit's own loopback servers");
    int port = servers.get(0).port();
    String byAddress = "redis://127.0.0.1:" + port;
    String byName = "redis://localhost:" + port;
    String withDatabase = "redis://127.0.0.1:" + port + "/0";
    assertThatThrownBy(() -> Pottery.builder().masters(byAddress, byName, withDatabase).driver(driver).codec("jackson").build())
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessageStartingWith("Masters redis://127.0.0.1:" + port + "/0 and redis://localhost:" + port
            + "/0 are the same Redis server (run_id ")
        .hasMessageEndingWith("list each server once (docs/errors.md#same-server)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jedis", "lettuce"})
  void threeDatabasesOfOneServerAreOneMasterNotAQuorum(String driver, RedisServers servers) {
    assumeTrue(RedisSource.selected().controllable(), "sets a password on the testkit's own server");
    RedisServer server = servers.get(0);
    String password = "hunter2";
    try (var raw = server.client()) {
      raw.call("CONFIG", "SET", "requirepass", password);
      try {
        String[] uris = {auth(server, 0), auth(server, 1), auth(server, 2)};
        assertThatThrownBy(() -> Pottery.builder().masters(uris).driver(driver).codec("jackson").build())
            .isInstanceOf(PotteryConfigurationException.class)
            .hasMessageStartingWith("Masters redis://:***@127.0.0.1:" + server.port() + "/0 and redis://:***@127.0.0.1:"
                + server.port() + "/1 are the same Redis server")
            .hasMessageNotContaining(password);
      } finally {
        try (var again = io.pottery.testkit.RawRedis.connect(auth(server, 0))) {
          again.call("CONFIG", "SET", "requirepass", "");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jedis", "lettuce"})
  void distinctServersStillMakeAQuorum(String driver, RedisServers servers) {
    try (Pottery pottery = Pottery.builder().masters(servers.get(0).uri(), servers.get(1).uri())
        .driver(driver).codec("jackson").build()) {
      assertThat(pottery.masters()).hasSize(2);
      assertThat(pottery.nextId("test:distinct:" + driver + ":" + System.nanoTime()).nextLong()).isEqualTo(1);
    }
  }

  private static String auth(RedisServer server, int database) {
    return "redis://:hunter2@127.0.0.1:" + server.port() + "/" + database;
  }
}
