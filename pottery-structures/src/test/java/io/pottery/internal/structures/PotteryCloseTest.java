package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.TypeRef;
import io.pottery.internal.testing.EveryNode;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Pottery.close()} and credentials. Controllable servers only: the tests count the server's client
 * connections and set a password, which a shared server does not allow. On a cluster cell the connections are
 * counted on every node of the shared cluster, which tests use one at a time.
 */
@WithRedis(controllable = true)
class PotteryCloseTest {

  @MatrixTest
  void closeIsIdempotentClosesTheConnectionsAndFailsEveryLaterCall(MatrixCell cell, RedisServer server, TestKey key)
      throws InterruptedException {
    long before = clients(server);
    Pottery pottery = PotteryLifecycleTest.open(cell, server, null);
    RedisMap<String, Integer> map = pottery.map(key.name(), String.class, Integer.class);
    map.put("a", 1);
    map.put("b", 2);
    Iterator<String> keys = map.keySet().iterator();
    assertThat(clients(server)).isGreaterThan(before);

    pottery.close();
    pottery.close();

    assertClosed(() -> map.get("a"));
    assertClosed(() -> map.put("c", 3));
    assertClosed(map::size);
    assertClosed(keys::hasNext);
    assertClosed(() -> map.entrySet().iterator().hasNext());
    assertClosed(() -> pottery.map(key.name(), String.class, Integer.class));
    assertClosed(() -> pottery.map(TypeRef.of(String.class), TypeRef.of(Integer.class)));
    assertThat(pottery.toString()).endsWith(", closed}");
    assertThat(map.toString()).isEqualTo("RedisMap \"" + key.name() + "\" (Pottery closed)");
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("HLEN", key.name())).as("data stays").isEqualTo(2L);
    }

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (clients(server) > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(clients(server)).as("connections left open after close()").isEqualTo(before);
  }

  private void assertClosed(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the Pottery it belongs to is closed")
        .cause()
        .hasMessageContaining("Pottery.close() was called here")
        .satisfies(cause -> assertThat(cause.getStackTrace())
            .anyMatch(frame -> frame.getMethodName().equals("closeIsIdempotentClosesTheConnectionsAndFailsEveryLaterCall")));
  }

  @Test
  void toStringAndMastersNeverShowThePassword(RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("CONFIG", "SET", "requirepass", "s3cret");
      try {
        for (String driver : List.of("jedis", "lettuce")) {
          String uri = "redis://:s3cret@127.0.0.1:" + server.port() + "/0";
          try (Pottery pottery = Pottery.builder().masters(uri).driver(driver).codec("jackson").build()) {
            assertThat(pottery.masters()).containsExactly("redis://:***@127.0.0.1:" + server.port() + "/0");
            assertThat(pottery.toString()).contains(":***@").doesNotContain("s3cret");
          }
        }
      } finally {
        raw.call("CONFIG", "SET", "requirepass", "");
      }
    }
  }

  /** Client connections on the server, or on every node of the shared cluster (one is the asking one). */
  private static long clients(RedisServer server) {
    return EveryNode.ask(server, raw -> ((String) raw.callText("CLIENT", "LIST")).lines()
        .filter(line -> !line.isBlank()).count()).stream().mapToLong(Long::longValue).sum();
  }
}
