package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pottery.Pottery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Cluster cells as JUnit runs them: their names, the servers they see, and tests that leave them out. */
class ClusterCellTest {
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  private static EngineExecutionResults run(Class<?> type, Map<String, String> parameters) {
    SEEN.clear();
    // The narrowing settings are blank unless a test sets them: a build run with -Dpottery.matrix or
    // -Dpottery.topology (CONTRIBUTING.md, .ci/jdk25) must not narrow the cells these tests count.
    Map<String, String> all = new java.util.HashMap<>(Map.of("pottery.matrix", "", "pottery.topology", ""));
    all.putAll(parameters);
    return EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(true)
        .configurationParameters(all).selectors(selectClass(type)).execute();
  }

  private static List<String> names(List<Event> events) {
    return events.stream().map(event -> event.getTestDescriptor().getDisplayName()).toList();
  }

  private static Throwable failure(Event event) {
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  @WithRedis(masters = 2)
  static class ServersCase {
    @BeforeEach
    void before(RedisServer server) {
      SEEN.add("before:" + server.uri());
    }

    @MatrixTest
    void cell(MatrixCell cell, RedisServer server, RedisServers servers, RedisCluster cluster, TestKey key) {
      SEEN.add(cell);
      assertThat(server.isCluster()).isEqualTo(cell.isCluster());
      assertThat(servers.size()).isEqualTo(2);
      assertThat(servers.get(1).isCluster()).isFalse();
      assertThat(servers.get(1).uri()).startsWith("redis://127.0.0.1:");
      if (cell.isCluster()) {
        assertThat(server.uri()).isEqualTo(cluster.seedUri());
        assertThat(servers.uris()).containsExactly(cluster.seedUri(), servers.get(1).uri());
        assertThat(server.toString()).isEqualTo("RedisServer{" + cluster.seedUri() + ", "
            + cluster.source().name().toLowerCase(java.util.Locale.ROOT) + "}");
        assertThat(server.version()).isEqualTo(cluster.version());
        // Keys of one test spread over the masters; the routing client reaches each where it lives.
        try (RawRedis raw = server.client()) {
          for (int i = 0; i < 12; i++) {
            raw.call("SET", key.derived(Integer.toString(i)), "v" + i);
          }
        }
        for (int i = 0; i < 12; i++) {
          try (RawRedis direct = cluster.masterFor(key.derived(Integer.toString(i))).client()) {
            assertThat(direct.callText("GET", key.derived(Integer.toString(i)))).isEqualTo("v" + i);
          }
        }
        assertThatThrownBy(server::kill).isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("[" + cell + "] the first master is the JVM's shared Redis Cluster")
            .hasMessageContaining("@MatrixTest(standaloneOnlyBecause = ");
        assertThatThrownBy(() -> server.uri(1)).hasMessageContaining("database 0 only");
        try (RawRedis raw = server.client()) {
          for (int i = 0; i < 12; i++) {
            raw.call("DEL", key.derived(Integer.toString(i)));
          }
        }
      } else {
        assertThat(server.uri()).startsWith("redis://127.0.0.1:");
      }
      SEEN.add("ok:" + cell);
    }
  }

  @Test
  void clusterCellsSeeTheSharedClusterAsTheirFirstMaster() {
    EngineExecutionResults results = run(ServersCase.class, Map.of("pottery.matrix", "jedis:jackson",
        "pottery.topology", "standalone,cluster"));
    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    assertThat(names(results.testEvents().succeeded().list()))
        .containsExactly("[jedis × jackson]", "[jedis × jackson × cluster]");
    RedisCluster cluster = RedisClusters.shared();
    assertThat(SEEN).contains("ok:jedis × jackson", "ok:jedis × jackson × cluster", "before:" + cluster.seedUri());
  }

  @WithRedis
  static class PotteryCase {
    @MatrixTest
    void connects(Pottery pottery) {
      SEEN.add(pottery);
    }
  }

  @Test
  void aClusterCellWhosePotteryCannotBeBuiltNamesTheSeedUri() {
    EngineExecutionResults results = run(PotteryCase.class, Map.of("pottery.matrix", "lettuce:gson:cluster"));
    assertThat(results.testEvents().failed().list()).singleElement().satisfies(event -> {
      assertThat(event.getTestDescriptor().getDisplayName()).isEqualTo("[lettuce × gson × cluster]");
      assertThat(failure(event)).hasMessageContaining("[lettuce × gson × cluster] cannot build a Pottery with driver"
          + " \"lettuce\" and codec \"gson\" on " + RedisClusters.shared().seedUri())
          .hasMessageContaining("a driver that connects to redis-cluster:// URIs");
    });
  }

  static class StandaloneOnlyCase {
    @MatrixTest(standaloneOnlyBecause = "kills a standalone master")
    void cell(MatrixCell cell) {
      SEEN.add(cell);
    }
  }

  @Test
  void aStandaloneOnlyTestLeavesOutClusterCells() {
    EngineExecutionResults both = run(StandaloneOnlyCase.class, Map.of("pottery.topology", "standalone,cluster"));
    both.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4).skipped(0));
    assertThat(SEEN).containsExactlyElementsOf(MatrixCell.ALL);

    EngineExecutionResults clusterOnly = run(StandaloneOnlyCase.class, Map.of("pottery.topology", "cluster"));
    assertThat(clusterOnly.testEvents().skipped().list()).singleElement().satisfies(event -> {
      assertThat(event.getTestDescriptor().getDisplayName()).isEqualTo("[standalone only]");
      assertThat(event.getRequiredPayload(String.class)).isEqualTo("standalone only because kills a standalone master;"
          + " the selected cells [jedis × jackson × cluster], [jedis × gson × cluster], [lettuce × jackson × cluster],"
          + " [lettuce × gson × cluster] are all cluster cells");
    });
    assertThat(SEEN).isEmpty();
  }

  static class BlankReasonCase {
    @MatrixTest(standaloneOnlyBecause = "  ")
    void cell(MatrixCell cell) {
      SEEN.add(cell);
    }
  }

  @Test
  void aBlankReasonFails() {
    EngineExecutionResults results = run(BlankReasonCase.class, Map.of());
    assertThat(results.containerEvents().failed().list()).singleElement().satisfies(event ->
        assertThat(failure(event)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("@MatrixTest(standaloneOnlyBecause = \"  \") on BlankReasonCase.cell gives no reason; say why"
                + " the test cannot run on a Redis Cluster, or remove the attribute"));
    assertThat(SEEN).isEmpty();
  }

  @Test
  void aBadTopologyFailsTheTestInsteadOfRunningNothing() {
    EngineExecutionResults results = run(StandaloneOnlyCase.class, Map.of("pottery.topology", "sentinel"));
    assertThat(results.containerEvents().failed().list()).singleElement().satisfies(event ->
        assertThat(failure(event)).hasMessageStartingWith("pottery.topology=\"sentinel\": \"sentinel\" is not a topology"));
    assertThat(SEEN).isEmpty();
  }
}
