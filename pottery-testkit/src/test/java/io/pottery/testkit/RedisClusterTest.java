package io.pottery.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.RedisErrorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The shared 3-master cluster: ready as {@link RedisCluster} promises, slots as Redis computes them, and a
 * routing client that reaches every master. Runs on the default source and again on the embedded Redis 6.2.
 */
class RedisClusterTest {
  private final RedisCluster cluster = RedisClusters.shared();

  @Test
  void everyNodeIsOkAndAgreesOnTheSlotMap(TestReporter reporter) {
    String measured = cluster + " ready in " + cluster.startupTime().toMillis() + " ms";
    reporter.publishEntry("cluster", measured);
    System.out.println("RedisClusterTest: " + measured);
    assertThat(cluster.masters()).hasSize(3);
    assertThat(cluster.replicas()).isEmpty();
    assertThat(cluster.startupTime()).isPositive();
    assertThat(cluster.seedUri()).isEqualTo("redis-cluster://" + String.join(",",
        cluster.masters().stream().map(node -> "127.0.0.1:" + node.port()).toList()));
    List<Object> slotMaps = new ArrayList<>();
    for (RedisServer node : cluster.nodes()) {
      try (RawRedis raw = cluster.clientFor(node)) {
        assertThat((String) raw.callText("CLUSTER", "INFO")).contains("cluster_state:ok", "cluster_slots_assigned:16384",
            "cluster_known_nodes:3");
        slotMaps.add(raw.callText("CLUSTER", "SLOTS"));
      }
      assertThat(node.version()).isEqualTo(cluster.version());
    }
    assertThat(slotMaps).allSatisfy(map -> assertThat(map).isEqualTo(slotMaps.get(0)));
    assertThat(cluster.views().values()).hasSize(3).allSatisfy(view -> assertThat(view).isEqualTo(
        cluster.views().values().iterator().next()));
    // Evenly spread: the masters as started own 0-5460, 5461-10921, 10922-16383.
    assertThat(cluster.masterFor(keyInSlotRange(0, 5460))).isEqualTo(cluster.masters().get(0));
    assertThat(cluster.masterFor(keyInSlotRange(5461, 10921))).isEqualTo(cluster.masters().get(1));
    assertThat(cluster.masterFor(keyInSlotRange(10922, 16383))).isEqualTo(cluster.masters().get(2));
  }

  /** The testkit's own slot function against {@code CLUSTER KEYSLOT}, hash-tag corner cases included. */
  @Test
  void slotsMatchClusterKeyslot() {
    List<byte[]> corpus = new ArrayList<>();
    for (String key : List.of("", "tel", "{}x", "a}b", "a{b", "{a}b", "a{t}b", "{}", "{a}{b}", "a{{b}}", "{{}}x",
        "été", "日本", "😀", "test:{0123456789abcdef}:Class.method", "foo{}{bar}", "foo{{bar}}zap")) {
      corpus.add(key.getBytes(UTF_8));
    }
    corpus.add(new byte[] {0, (byte) 0xff, '{', (byte) 0x80, '}', 1});
    corpus.add(new byte[] {(byte) 0xc3, (byte) 0x28, 0x7b, 0x7d});
    for (int i = 0; i < 50; i++) {
      corpus.add(UUID.randomUUID().toString().getBytes(UTF_8));
    }
    for (byte[] key : corpus) {
      assertThat(HashSlot.of(key)).as(new String(key, UTF_8)).isEqualTo(cluster.slotOf(key));
    }
    assertThat(cluster.slotOf("{user1000}.following")).isEqualTo(cluster.slotOf("{user1000}.followers"));
  }

  /** The owner accepts the key; every other master answers MOVED naming the owner's port. */
  @Test
  void masterForIsTheNodeThatServesTheKey() {
    String key = "test:masterFor:" + UUID.randomUUID();
    RedisServer owner = cluster.masterFor(key);
    for (RedisServer node : cluster.masters()) {
      try (RawRedis raw = cluster.clientFor(node)) {
        if (node.equals(owner)) {
          assertThat(raw.call("SET", key, "here")).isEqualTo("OK");
          assertThat(raw.call("DEL", key)).isEqualTo(1L);
        } else {
          assertThatThrownBy(() -> raw.call("GET", key)).isInstanceOfSatisfying(RedisErrorException.class,
              e -> assertThat(e.serverMessage()).isEqualTo("MOVED " + cluster.slotOf(key) + " 127.0.0.1:" + owner.port()));
        }
      }
    }
  }

  @Test
  void routingClientReachesKeysOnEveryMaster() {
    Map<String, RedisServer> owners = new HashMap<>();
    String prefix = "test:routing:" + UUID.randomUUID() + ":";
    try (RawRedis raw = cluster.client()) {
      for (int i = 0; i < 30; i++) {
        String key = prefix + i;
        assertThat(raw.call("SET", key, "v" + i)).isEqualTo("OK");
        owners.put(key, cluster.masterFor(key));
      }
      assertThat(raw.callText("EVAL", "return redis.call('GET', KEYS[1])", "1", prefix + 7)).isEqualTo("v7");
      assertThat(raw.call("PING")).isEqualTo("PONG");
      for (int i = 0; i < 30; i++) {
        assertThat(raw.callText("GET", prefix + i)).isEqualTo("v" + i);
      }
      Set<RedisServer> reached = new HashSet<>(owners.values());
      assertThat(reached).containsExactlyInAnyOrderElementsOf(cluster.masters());
      owners.forEach((key, owner) -> {
        try (RawRedis direct = cluster.clientFor(owner)) {
          assertThat(direct.callText("GET", key)).isEqualTo(raw.callText("GET", key));
        }
      });
      // Keys of different slots in one command: Redis, not the router, refuses them.
      assertThatThrownBy(() -> raw.call("MGET", prefix + 1, prefix + 2, prefix + 3, prefix + 4))
          .isInstanceOfSatisfying(RedisErrorException.class, e -> assertThat(e.errorCode()).isEqualTo("CROSSSLOT"));
      for (int i = 0; i < 30; i++) {
        raw.call("DEL", prefix + i);
      }
    }
  }

  @Test
  void routingClientOverASeedUriWorksLikeAnyRawRedis() {
    try (RawRedis raw = RawRedis.connect(cluster.seedUri())) {
      assertThat(raw.toString()).isEqualTo("RawRedis{" + cluster.seedUri() + "}");
      String key = "test:{" + UUID.randomUUID() + "}:seed";
      raw.call("RPUSH", key, "a", "b");
      assertThat(raw.callText("LRANGE", key, "0", "-1")).isEqualTo(List.of("a", "b"));
      assertThat(raw.call("RPUSH", key + ":other", "c")).isEqualTo(1L);
      assertThat(raw.call("DEL", key, key + ":other")).isEqualTo(2L);
    }
    assertThatThrownBy(() -> RawRedis.connect(cluster.seedUri() + "/3"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database 0 only");
  }

  @Test
  void aMasterWithoutReplicaCannotFailOver() {
    RedisServer master = cluster.masters().get(0);
    assertThatThrownBy(() -> cluster.awaitFailover(master, java.time.Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(master + " has no replica in " + cluster + " to take over its slots; start the cluster with"
            + " RedisCluster.start(masters, 1)");
    assertThatThrownBy(() -> cluster.replicaOf(master)).isInstanceOf(IllegalArgumentException.class);
    assertThat(master.isRunning()).isTrue();
  }

  /** A key whose slot lies in {@code [from, to]}. */
  private String keyInSlotRange(int from, int to) {
    for (int i = 0; ; i++) {
      String key = "probe:" + i;
      int slot = HashSlot.of(key.getBytes(UTF_8));
      if (slot >= from && slot <= to) {
        return key;
      }
    }
  }
}
