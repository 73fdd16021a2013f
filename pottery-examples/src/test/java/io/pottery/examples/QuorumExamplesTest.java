package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The README's Redlock, fencing, synchronize and NextId snippets run on five masters, on every driver and codec. */
@WithRedis(masters = 5)
class QuorumExamplesTest {

  private static void delete(RedisServers servers, String... keys) {
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        for (String key : keys) {
          raw.call("DEL", key);
        }
      }
    }
  }

  @MatrixTest
  void redlockSnippetsHoldAndRelease(Pottery pottery, TestKey key, RedisServers servers) {
    assertThat(QuorumExamples.redlock(pottery, key.name())).isEqualTo(Duration.ZERO);
    assertThat(pottery.redlock(key.name()).tryLock()).as("released after both snippets").isTrue();
    delete(servers, "redlock:" + key.name(), "{redlock:" + key.name() + "}:fence");
  }

  @MatrixTest
  void fencingSnippetWritesAndAStaleTokenIsRefused(Pottery pottery, TestKey key, RedisServers servers) {
    QuorumExamples.FencedStore store = new QuorumExamples.FencedStore();
    assertThat(QuorumExamples.fencing(pottery, key.name(), store)).isTrue();
    assertThat(QuorumExamples.fencing(pottery, key.name(), store)).isTrue();
    assertThat(store.write("report", "stale", 1)).isFalse();
    assertThat(store.get("report")).isEqualTo("v2");
    delete(servers, "{redlock:" + key.name() + "}:fence");
  }

  @MatrixTest
  void synchronizeSnippetRunsTheBodies(Pottery pottery, TestKey key) {
    List<String> log = new ArrayList<>();
    assertThat(QuorumExamples.synchronize(pottery, key.name(), log)).containsExactly(42, 7);
    assertThat(log).containsExactly("ran alone");
  }

  @MatrixTest
  void nextIdSnippetStartsAtOne(Pottery pottery, TestKey key, RedisServers servers) {
    assertThat(QuorumExamples.nextId(pottery, key.name())).containsExactly(1L, 2L);
    delete(servers, "nextid:" + key.name());
  }
}
