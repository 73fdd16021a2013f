package io.pottery.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.PotteryConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterEndpointTest {

  @Test
  void parsesClusterUrisWithSeveralSeeds() {
    RedisEndpoint e = RedisEndpoint.parse("redis-cluster://app:s3cret@10.0.0.1:7000,10.0.0.2,[::1]:7002?timeout=750ms");
    assertThat(e.cluster()).isTrue();
    assertThat(e.tls()).isFalse();
    assertThat(e.clusterSeeds()).containsExactly(
        new RedisEndpoint.Node("10.0.0.1", 7000), new RedisEndpoint.Node("10.0.0.2", 6379), new RedisEndpoint.Node("::1", 7002));
    assertThat(e.host()).isEqualTo("10.0.0.1");
    assertThat(e.port()).isEqualTo(7000);
    assertThat(e.user()).isEqualTo("app");
    assertThat(e.password()).isEqualTo("s3cret");
    assertThat(e.database()).isZero();
    assertThat(e.commandTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(e.redacted()).isEqualTo("redis-cluster://app:***@10.0.0.1:7000,10.0.0.2:6379,[::1]:7002?timeout=750ms");
    assertThat(RedisEndpoint.parse(e.redacted().replace("***", "s3cret"))).isEqualTo(e);
  }

  @Test
  void severalHostsMeanACluster() {
    RedisEndpoint e = RedisEndpoint.parse("rediss://h1:7000,h2:7001");
    assertThat(e.cluster()).isTrue();
    assertThat(e.tls()).isTrue();
    assertThat(e.redacted()).isEqualTo("rediss-cluster://h1:7000,h2:7001");
    assertThat(RedisEndpoint.parse(URI.create("redis://h1:7000,h2:7001"))).isEqualTo(RedisEndpoint.parse("redis-cluster://h1:7000,h2:7001"));
    assertThat(RedisEndpoint.parse("rediss-cluster://:pw@h1:7000").password()).isEqualTo("pw");
  }

  @Test
  void aSingleServerIsNoCluster() {
    RedisEndpoint e = RedisEndpoint.parse("redis://h:7000/2?timeout=2s");
    assertThat(e.cluster()).isFalse();
    assertThat(e.clusterSeeds()).isEmpty();
    assertThat(e.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(e).isEqualTo(new RedisEndpoint(false, "h", 7000, null, null, 2, List.of(), Duration.ofSeconds(2)));
    assertThat(new RedisEndpoint(false, "h", 7000, null, null, 2).commandTimeout()).isNull();
  }

  @Test
  void refusesADatabaseOtherThanZero() {
    assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://127.0.0.1:7000/3"))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("Redis URI \"redis-cluster://127.0.0.1:7000/3\" names database 3, but a Redis Cluster has database 0"
            + " only; drop \"/3\" and use key names (or hash tags) to keep data apart (docs/errors.md#cluster-database)");
    assertThat(RedisEndpoint.parse("redis-cluster://127.0.0.1:7000/0").database()).isZero();
    assertThatThrownBy(() -> RedisEndpoint.cluster(false, List.of(), null, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void explainsMalformedSeedsWithoutShowingThePassword() {
    assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://u:hunter2@h1:70x0,h2:7001"))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessageContaining("port \"70x0\" of h1 is not a number")
        .hasMessageContaining("redis[s]-cluster://")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://h1:7000,,h2"))
        .isInstanceOf(PotteryConfigurationException.class).hasMessageContaining("a seed has no host");
    assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://[::1:7000"))
        .isInstanceOf(PotteryConfigurationException.class).hasMessageContaining("IPv6 bracket");
    assertThatThrownBy(() -> RedisEndpoint.parse("redis-cluster://h1:7000?db=1"))
        .isInstanceOf(PotteryConfigurationException.class).hasMessageContaining("\"db\"");
  }

  @Test
  void knowsTheClusterSchemes() {
    assertThat(RedisEndpoint.hasRedisScheme(URI.create("redis-cluster://h:1,h:2"))).isTrue();
    assertThat(RedisEndpoint.hasRedisScheme(URI.create("REDISS-CLUSTER://h:1"))).isTrue();
    assertThat(RedisEndpoint.hasRedisScheme(URI.create("cluster://h:1"))).isFalse();
  }
}
