package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.Pottery;
import io.pottery.PotteryConfigurationException;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code Pottery.builder().build()} checks of each master against a live cluster, on both drivers: a
 * {@code redis://} URI that reaches a cluster node is refused with the {@code redis-cluster://} form, one
 * cluster listed twice is refused, and a cluster beside single servers is fine.
 */
@WithRedis(masters = 2)
class ClusterTopologyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jedis", "lettuce"})
  void aSingleServerUriThatReachesAClusterNodeIsRefusedWithTheClusterForm(String driver) {
    RedisServer node = RedisClusters.shared().masters().get(0);
    String uri = "redis://127.0.0.1:" + node.port() + "/0";
    assertThatThrownBy(() -> Pottery.builder().masters(uri).driver(driver).codec("jackson").build())
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("redis://127.0.0.1:" + node.port() + "/0 is a node of a Redis Cluster; connect with redis-cluster://127.0.0.1:"
            + node.port() + " so that each key goes to the node that owns it (docs/errors.md#cluster-node)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jedis", "lettuce"})
  void theSameClusterTwiceIsOneFailureDomainAndRefused(String driver) {
    RedisCluster cluster = RedisClusters.shared();
    String first = "redis-cluster://127.0.0.1:" + cluster.masters().get(0).port();
    String second = "redis-cluster://127.0.0.1:" + cluster.masters().get(1).port();
    assertThatThrownBy(() -> Pottery.builder().masters(first, second).driver(driver).codec("jackson").build())
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("Masters " + first + " and " + second + " are the same Redis Cluster; a cluster is one failure"
            + " domain, so it may be one master only (docs/errors.md#same-cluster)");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jedis", "lettuce"})
  void aClusterMayStandBesideSingleServers(String driver, io.pottery.testkit.RedisServers servers) {
    String cluster = RedisClusters.shared().seedUri();
    try (Pottery pottery = Pottery.builder().masters(cluster, servers.get(0).uri(), servers.get(1).uri())
        .driver(driver).codec("jackson").build()) {
      assertThat(pottery.masters()).hasSize(3);
      assertThat(pottery.nextId("test:mixed:" + driver + ":" + System.nanoTime()).nextLong()).isEqualTo(1);
    }
  }
}
