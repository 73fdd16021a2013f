package io.pottery.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.QuorumNotAchieved;
import io.pottery.Redlock;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.Topology;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code waitForReplicas} on Redlock and NextId, on both drivers, with one master: the testkit's second server is
 * made its replica ({@code REPLICAOF}) for the confirmed cases, and detached again for the unconfirmed ones,
 * where WAIT answers 0 and the master counts as a "no" (quorum 1 of 1 not reached).
 */
@WithRedis(masters = 2, controllable = true)
class ReplicaWaitTest {
  private static final Duration WAIT = Duration.ofMillis(100);

  @AfterEach
  void detachReplica(RedisServers servers) {
    try (RawRedis replica = servers.get(1).client()) {
      replica.call("REPLICAOF", "NO", "ONE");
    }
  }

  private static void attachReplica(RedisServers servers) throws InterruptedException {
    RedisServer master = servers.first();
    try (RawRedis replica = servers.get(1).client(); RawRedis primary = master.client()) {
      replica.call("REPLICAOF", master.host(), Integer.toString(master.port()));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!(replica.callText("INFO", "replication").toString().contains("master_link_status:up")
          && primary.callText("INFO", "replication").toString().contains("connected_slaves:1"))) {
        assertThat(System.nanoTime()).as("replica linked within 10 s").isLessThan(deadline);
        Thread.sleep(20);
      }
    }
  }

  private static Pottery connect(RedisServers servers, String driver) {
    return Pottery.builder().masters(servers.first().uri()).driver(driver).codec("jackson").build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void withAReplicaEveryWriteIsConfirmed(String driver, RedisServers servers) throws Exception {
    attachReplica(servers);
    String key = TestKey.forTest("confirmed").name();
    try (Pottery pottery = connect(servers, driver); RawRedis replica = servers.get(1).client()) {
      Redlock lock = pottery.redlockBuilder(key).waitForReplicas(1, Duration.ofMillis(1_000)).build();
      assertThat(lock.tryLock()).isTrue();
      // WAIT returned only once the replica had the write: it is there now, without polling.
      assertThat(replica.call("EXISTS", "redlock:" + key)).isEqualTo(1L);
      assertThat(replica.call("GET", "{redlock:" + key + "}:fence")).isNotNull();
      lock.extend();
      lock.release();

      NextId ids = pottery.nextIdBuilder(key).waitForReplicas(1, Duration.ofMillis(1_000)).build();
      assertThat(ids.nextLong()).isEqualTo(1L);
      assertThat(ids.nextLong()).isEqualTo(2L);
      assertThat(replica.callText("GET", "nextid:" + key)).isEqualTo("2");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void withoutAReplicaTheMasterCountsAsNoAndTheAcquisitionIsUndone(String driver, RedisServers servers) {
    String key = TestKey.forTest("unconfirmed").name();
    String master = io.pottery.spi.RedisEndpoint.parse(servers.first().uri()).redacted();
    try (Pottery pottery = connect(servers, driver); RawRedis raw = servers.first().client()) {
      Redlock lock = pottery.redlockBuilder(key).blocking(false).waitForReplicas(1, WAIT).build();
      assertThatThrownBy(lock::hold).isInstanceOf(QuorumNotAchieved.class)
          .hasMessageContaining("held on 0 of 1 masters, quorum 1")
          .hasMessageContaining(master + " (only 0 of 1 replicas confirmed the write within 100 ms (waitForReplicas))");
      assertThat(lock.tryLock()).isFalse();
      // The SET that no replica confirmed was undone on the master, as for any failed vote (asynchronously).
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while ((Long) raw.call("EXISTS", "redlock:" + key) != 0L && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(raw.call("EXISTS", "redlock:" + key)).isEqualTo(0L);

      NextId ids = pottery.nextIdBuilder(key).waitForReplicas(1, WAIT).build();
      assertThatThrownBy(ids::nextLong).isInstanceOf(QuorumNotAchieved.class)
          .hasMessageContaining("no id issued")
          .hasMessageContaining(master + " (only 0 of 1 replicas confirmed the write within 100 ms (waitForReplicas))");
    }
  }

  /**
   * Jedis only: which driver sends the pipeline of script and {@code WAIT} does not matter here (both are checked
   * by {@link #withAReplicaEveryWriteIsConfirmed}); what is checked is that the watchdog renews such a lease alone,
   * with its {@code WAIT}, and a replica takes seconds to attach.
   */
  @ParameterizedTest
  @ValueSource(strings = {"jedis"})
  void aWatchdogWithTheSettingRenewsAloneAndWaitsForTheReplica(String driver, RedisServers servers) throws Exception {
    attachReplica(servers);
    String key = TestKey.forTest("watched").name();
    AtomicInteger lost = new AtomicInteger();
    try (Pottery pottery = connect(servers, driver); RawRedis raw = servers.first().client()) {
      Redlock lock = pottery.redlockBuilder(key).autoRelease(Duration.ofMillis(600))
          .waitForReplicas(1, Duration.ofMillis(1_000)).watchdog(l -> lost.incrementAndGet()).build();
      lock.lock();
      long waits = CommandStats.calls(raw, "wait");
      Thread.sleep(1_500); // 2.5 auto-release times: held only if renewed, every 200 ms
      // Not batched (a batch sends no WAIT): each renewal is the lease's own round, with its WAIT.
      assertThat(CommandStats.calls(raw, "wait") - waits).as("renewals confirmed by WAIT").isGreaterThanOrEqualTo(4);
      assertThat(lock.locked()).isPositive();
      assertThat(lost.get()).isZero();
      lock.unlock();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void withoutTheSettingEachMasterGetsOneEvalshaAndNoWait(String driver, RedisServers servers) {
    String key = TestKey.forTest("plain").name();
    try (Pottery pottery = connect(servers, driver); RawRedis raw = servers.first().client()) {
      Redlock lock = pottery.redlock(key);
      lock.acquire();
      lock.release();
      NextId ids = pottery.nextId(key);
      ids.nextLong();
      long waits = CommandStats.calls(raw, "wait");
      long evalshas = CommandStats.calls(raw, "evalsha");
      lock.acquire();
      lock.extend();
      lock.release();
      ids.nextLong();
      assertThat(CommandStats.calls(raw, "wait")).as("no WAIT without the setting").isEqualTo(waits);
      assertThat(CommandStats.calls(raw, "evalsha") - evalshas).as("acquire, extend, release, propose").isEqualTo(4);
      Redlock confirmed = pottery.redlockBuilder(key).waitForReplicas(1, Duration.ofMillis(1)).build();
      assertThat(confirmed.tryLock()).isFalse();
      assertThat(CommandStats.calls(raw, "wait")).as("WAIT sent with the setting").isEqualTo(waits + 1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void theSettingIsCheckedWhenGiven(String driver, RedisServers servers) {
    try (Pottery pottery = Pottery.builder().masters(servers.first().uri()).driver(driver).codec("jackson")
        .commandTimeout(Duration.ofMillis(500)).build()) {
      assertThatThrownBy(() -> pottery.redlockBuilder("x").waitForReplicas(0, WAIT))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("waitForReplicas: replicas must be 1 or more, was 0");
      assertThatThrownBy(() -> pottery.nextIdBuilder("x").waitForReplicas(1, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("waitForReplicas: timeout must be at least 1 ms, was PT0S");
      assertThatThrownBy(() -> pottery.redlockBuilder("x").waitForReplicas(1, WAIT).waitForReplicas(1, WAIT))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("waitForReplicas was already set");
      assertThatThrownBy(() -> pottery.nextIdBuilder("x").waitForReplicas(1, Duration.ofMillis(500)).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("NextId \"x\": waitForReplicas timeout 500 ms must be shorter than the command timeout 500 ms "
              + "(Pottery.Builder.commandTimeout), or the driver gives up on the WAIT reply first");
      assertThat(pottery.redlockBuilder("x").waitForReplicas(1, WAIT).toString())
          .isEqualTo("Redlock.Builder{key=x, waitForReplicas=replicas=1, timeout=100 ms}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void onAClusterWaitCountsTheReplicasOfTheKeysOwnNode(String driver) {
    Topology.assumeSelected(Topology.CLUSTER);
    // 2 masters with a replica each: WAIT must run on the node that took the write (the pipeline's keyed
    // command), or it would count nothing of ours. The shared cluster has no replicas: there it counts "no".
    try (RedisCluster cluster = RedisCluster.start(2, 1);
        Pottery pottery = Pottery.builder().masters(cluster.seedUri()).driver(driver).codec("jackson").build()) {
      Set<RedisServer> owners = new HashSet<>();
      for (int i = 0; owners.size() < 2; i++) {
        String key = TestKey.forTest("cluster" + i).name();
        if (!owners.add(cluster.masterFor("redlock:" + key))) {
          continue;
        }
        Redlock lock = pottery.redlockBuilder(key).waitForReplicas(1, Duration.ofMillis(1_000)).build();
        assertThat(lock.tryLock()).as(key).isTrue();
        lock.extend();
        lock.release();
        NextId ids = pottery.nextIdBuilder(key).waitForReplicas(1, Duration.ofMillis(1_000)).build();
        assertThat(ids.nextLong()).isEqualTo(1L);
        try (RawRedis replica = cluster.clientFor(cluster.replicaOf(cluster.masterFor("nextid:" + key)))) {
          replica.call("READONLY");
          assertThat(replica.callText("GET", "nextid:" + key)).as("on the replica once WAIT returned").isEqualTo("1");
        }
      }
    }
    String key = TestKey.forTest("noReplicas").name();
    try (Pottery pottery = Pottery.builder().masters(RedisClusters.shared().seedUri()).driver(driver).codec("jackson")
        .build()) {
      Redlock lock = pottery.redlockBuilder(key).blocking(false).waitForReplicas(1, WAIT).build();
      assertThatThrownBy(lock::hold).isInstanceOf(QuorumNotAchieved.class)
          .hasMessageContaining("(only 0 of 1 replicas confirmed the write within 100 ms (waitForReplicas))");
    }
  }
}
