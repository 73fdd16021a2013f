package io.pottery.internal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CrossSlotException;
import io.pottery.spi.Command;
import io.pottery.spi.HashSlots;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterRoutingTest {
  private static final List<String> MASTERS = List.of("redis-cluster://seed:7000");
  private static final String CLUSTER = "redis-cluster://seed:7000";

  @Test
  void keyedCommandsGoToTheirSlot() {
    Command get = Command.builder("GET").key("{user}:a").build();
    assertThat(ClusterRouting.route(get, MASTERS, CLUSTER)).isEqualTo(HashSlots.slot("{user}:a".getBytes()));
  }

  @Test
  void scriptAndFlushRunOnEveryNodeButNotWhenRouted() {
    assertThat(ClusterRouting.route(Command.builder("script").arg("FLUSH").build(), MASTERS, CLUSTER))
        .isEqualTo(ClusterRouting.EVERY_NODE);
    assertThat(ClusterRouting.route(Command.builder("FLUSHALL").build(), MASTERS, CLUSTER)).isEqualTo(ClusterRouting.EVERY_NODE);
    assertThat(ClusterRouting.route(Command.builder("FLUSHDB").build(), MASTERS, CLUSTER)).isEqualTo(ClusterRouting.EVERY_NODE);
    // A route slot wins: the two drivers disagreed on this before the plan was shared.
    assertThat(ClusterRouting.route(Command.builder("SCRIPT").arg("EXISTS").routeTo(42).build(), MASTERS, CLUSTER))
        .isEqualTo(42);
  }

  @Test
  void keylessWithoutRouteIsRefusedWithOneMessage() {
    assertThatThrownBy(() -> ClusterRouting.route(Command.builder("WAIT").arg(1).arg(0).build(), MASTERS, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("WAIT has no key and no route slot, so no one node of the Redis Cluster " + CLUSTER)
        .hasMessageContaining("Command.Builder.routeTo(slot)");
  }

  @Test
  void pipelinePinsKeylessCommandsToTheKeyedCommandBeforeThem() {
    Command set = Command.builder("SET").key("k1").arg("v").build();
    Command wait = Command.builder("WAIT").arg(1).arg(0).build();
    Command script = Command.builder("SCRIPT").arg("LOAD").arg("return 1").build();
    Command routed = Command.builder("PING").routeTo(7).build();
    ClusterRouting.Plan plan = ClusterRouting.plan(List.of(set, wait, script, routed, wait), MASTERS, CLUSTER);
    int slot = HashSlots.slot("k1".getBytes());
    assertThat(plan.slots()).containsExactly(slot, slot, ClusterRouting.EVERY_NODE, 7, 7);
    assertThat(plan.pinned()).containsExactly(false, true, false, false, true);
    assertThat(plan.everyNode(2)).isTrue();
    assertThat(plan.everyNode(1)).isFalse();
  }

  @Test
  void pipelineRefusesAKeylessCommandWithNothingBeforeIt() {
    Command wait = Command.builder("WAIT").arg(1).arg(0).build();
    Command set = Command.builder("SET").key("k1").arg("v").build();
    assertThatThrownBy(() -> ClusterRouting.plan(List.of(wait, set), MASTERS, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("WAIT has no key and no route slot and no command with a key comes before it in the pipeline");
  }

  @Test
  void pipelineRefusesCrossSlotCommandsBeforeSendingAny() {
    Command cross = Command.builder("MGET").key("a").key("b").build();
    assertThatThrownBy(() -> ClusterRouting.plan(List.of(Command.builder("GET").key("a").build(), cross), MASTERS, CLUSTER))
        .isInstanceOf(CrossSlotException.class);
  }

  @Test
  void backoffStaysWithinItsCapsAndTheDeadline() {
    long far = System.nanoTime() + 60_000_000_000L;
    for (int failed = 1; failed < 20; failed++) {
      long cap = Math.min(400_000_000L, 20_000_000L << Math.min(failed - 1, 10));
      assertThat(RetryBackoff.waitNanos(failed, far)).isBetween(cap / 4, cap);
    }
    assertThat(RetryBackoff.waitNanos(1, System.nanoTime() + 1_000_000L)).isEqualTo(-1);
  }
}
