package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.RedisConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestReporter;

/**
 * A 3-master, 3-replica cluster of the class's own: a killed master's replica takes over, a paused master is
 * replaced and rejoins as a replica, and closing stops every process. The failover tests use different
 * masters, so they do not depend on each other; the close test runs last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterFaultTest {
  private RedisCluster cluster;

  @BeforeAll
  void startCluster() {
    Topology.assumeSelected(Topology.CLUSTER); // the JDK 25 run selects standalone: the fixture is JDK-neutral
    cluster = RedisCluster.start(3, 1);
  }

  @AfterAll
  void closeCluster() {
    if (cluster != null) { // null when the run left cluster tests out
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void replicasAreLinkedToTheirMasters() {
    assertThat(cluster.nodes()).hasSize(6);
    for (RedisServer master : cluster.masters()) {
      RedisServer replica = cluster.replicaOf(master);
      try (RawRedis raw = cluster.clientFor(replica)) {
        String info = (String) raw.callText("INFO", "replication");
        assertThat(info).contains("role:slave", "master_port:" + master.port(), "master_link_status:up");
      }
    }
    assertThatThrownBy(() -> cluster.replicaOf(cluster.replicas().get(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a master of");
  }

  @Test
  @Order(2)
  void aKilledMastersReplicaTakesOverWithinTenSeconds(TestReporter reporter) {
    String key = keyOwnedBy(cluster.masters().get(0));
    try (RawRedis raw = cluster.client()) {
      raw.call("SET", key, "before");
      assertThat(raw.call("WAIT", "1", "2000")).isEqualTo(1L);
    }
    try (RawRedis early = RawRedis.connect(cluster.seedUri(), Duration.ofSeconds(10))) {
      assertThat(early.callText("GET", key)).isEqualTo("before");
      RedisServer killed = cluster.killMasterOwning(key);
      assertThat(killed).isEqualTo(cluster.masters().get(0));
      assertThat(killed.isRunning()).isFalse();
      // A client that knew the old owner rides out the failover: refused connections, then CLUSTERDOWN, then the
      // promoted replica answers.
      assertThat(early.callText("GET", key)).isEqualTo("before");
      assertThat(cluster.masterFor(key)).isNotEqualTo(killed);
    }
    RedisServer killed = cluster.masters().get(0);
    ClusterFailover failover = cluster.awaitFailover(killed, Duration.ofSeconds(10));
    report(reporter, "kill to promotion: " + failover.took().toMillis() + " ms on Redis " + cluster.version());

    assertThat(failover.promoted()).isEqualTo(cluster.replicaOf(killed));
    assertThat(failover.took()).isLessThan(Duration.ofSeconds(10)).isGreaterThan(Duration.ofMillis(900));
    assertThat(cluster.masterFor(key)).isEqualTo(failover.promoted());
    try (RawRedis raw = cluster.client()) {
      assertThat(raw.callText("GET", key)).isEqualTo("before");
      assertThat(raw.call("SET", key, "after")).isEqualTo("OK");
    }
    try (RawRedis raw = cluster.clientFor(failover.promoted())) {
      assertThat(raw.callText("GET", key)).isEqualTo("after");
    }
  }

  @Test
  @Order(3)
  void aPausedMasterIsReplacedAndRejoinsAsAReplicaWhenResumed(TestReporter reporter) {
    RedisServer master = cluster.masters().get(1);
    String key = keyOwnedBy(master);
    try (RawRedis raw = cluster.client()) {
      raw.call("SET", key, "kept");
      raw.call("WAIT", "1", "2000");
    }
    cluster.pause(master);
    assertThat(master.isRunning()).isTrue();
    assertThatThrownBy(() -> {
      try (RawRedis raw = RawRedis.connect(master.uri(), Duration.ofMillis(300))) {
        raw.call("PING");
      }
    }).isInstanceOf(RedisConnectionException.class);

    ClusterFailover failover = cluster.awaitFailover(master, Duration.ofSeconds(10));
    report(reporter, "pause to promotion: " + failover.took().toMillis() + " ms on Redis " + cluster.version());
    assertThat(failover.promoted()).isEqualTo(cluster.replicaOf(master));

    cluster.resume(master);
    cluster.awaitReady(Duration.ofSeconds(10));
    try (RawRedis raw = cluster.clientFor(master)) {
      assertThat((String) raw.callText("INFO", "replication")).contains("role:slave",
          "master_port:" + failover.promoted().port());
    }
    try (RawRedis raw = cluster.client()) {
      assertThat(raw.callText("GET", key)).isEqualTo("kept");
    }
  }

  /** During a slot migration the source answers ASK for keys already moved; the client follows with ASKING. */
  @Test
  @Order(4)
  void askRedirectionsAreFollowedWhileASlotMigrates() {
    RedisServer source = cluster.masters().get(2);
    RedisServer target = anotherMasterThan(source);
    String key = keyOwnedBy(source);
    String slot = Integer.toString(cluster.slotOf(key));
    try (RawRedis raw = cluster.client()) {
      raw.call("SET", key, "moving");
      try (RawRedis importing = cluster.clientFor(target)) {
        importing.call("CLUSTER", "SETSLOT", slot, "IMPORTING", cluster.nodeId(source));
      }
      try (RawRedis direct = cluster.clientFor(source)) {
        direct.call("CLUSTER", "SETSLOT", slot, "MIGRATING", cluster.nodeId(target));
        assertThat(direct.call("MIGRATE", target.host(), Integer.toString(target.port()), key, "0", "5000"))
            .isEqualTo("OK");
        assertThatThrownBy(() -> direct.call("GET", key)).isInstanceOfSatisfying(
            io.pottery.RedisErrorException.class, e -> assertThat(e.serverMessage())
                .isEqualTo("ASK " + slot + " 127.0.0.1:" + target.port()));
      }
      assertThat(raw.callText("GET", key)).isEqualTo("moving");
      for (RedisServer node : List.of(target, source)) {
        try (RawRedis direct = cluster.clientFor(node)) {
          direct.call("CLUSTER", "SETSLOT", slot, "NODE", cluster.nodeId(target));
        }
      }
      cluster.awaitReady(Duration.ofSeconds(10));
      assertThat(cluster.masterFor(key)).isEqualTo(target);
      assertThat(raw.callText("GET", key)).isEqualTo("moving");
    }
  }

  @Test
  @Order(5)
  void flushAllEmptiesEveryMaster() {
    try (RawRedis raw = cluster.client()) {
      for (int i = 0; i < 20; i++) {
        raw.call("SET", "test:flush:" + i, "x");
      }
    }
    cluster.flushAll();
    for (RedisServer node : cluster.nodes()) {
      if (node.isRunning()) {
        try (RawRedis raw = cluster.clientFor(node)) {
          assertThat(raw.call("DBSIZE")).as(node.toString()).isEqualTo(0L);
        }
      }
    }
  }

  @Test
  @Order(6)
  void closeStopsEveryProcessByPid() {
    RedisServer paused = cluster.masters().get(2);
    cluster.pause(paused);
    List<Long> pids = cluster.nodes().stream().filter(RedisServer::isRunning).map(RedisServer::pid).toList();
    assertThat(pids).hasSize(5);
    cluster.close();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
    }
    assertThat(cluster.nodes()).noneMatch(RedisServer::isRunning);
  }

  /** Shows the measured time in the JUnit report and in the Surefire report's output. */
  private static void report(TestReporter reporter, String measured) {
    reporter.publishEntry("failover", measured);
    System.out.println("RedisClusterFaultTest: " + measured);
  }

  /** A key whose slot {@code master} owns now; a master owning a third of the slots turns one up within a few tries. */
  private String keyOwnedBy(RedisServer master) {
    for (int i = 0; i < 1000; i++) {
      String key = "test:fault:" + UUID.randomUUID();
      if (cluster.masterFor(key).equals(master)) {
        return key;
      }
    }
    throw new IllegalStateException(master + " owns no slot of " + cluster);
  }

  private RedisServer anotherMasterThan(RedisServer master) {
    for (int i = 0; i < 1000; i++) {
      RedisServer owner = cluster.masterFor("test:fault:" + UUID.randomUUID());
      if (!owner.equals(master)) {
        return owner;
      }
    }
    throw new IllegalStateException("No master of " + cluster + " but " + master);
  }
}
