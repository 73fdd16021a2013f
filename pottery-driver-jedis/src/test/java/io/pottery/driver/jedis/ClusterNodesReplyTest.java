package io.pottery.driver.jedis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which nodes of a {@code CLUSTER NODES} reply count as replicas that {@code SCRIPT} must reach. */
class ClusterNodesReplyTest {

  @Test
  void replicasAreTheLinkedSlavesWithAnAddress() {
    String reply = String.join("\n",
        "a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460",
        "b2 127.0.0.1:7003@17003,replica-host slave a1 0 1700000000000 1 connected",
        "c3 127.0.0.1:7004@17004 slave,fail a1 0 1700000000000 1 disconnected",
        "d4 :0@0 slave,noaddr a1 0 0 1 disconnected",
        "e5 ::1:7005@17005 slave a1 0 1700000000000 1 connected",
        "f6 127.0.0.1:7001@17001 master - 0 1700000000000 2 connected 5461-10922",
        "");
    assertThat(ClusterNodesReply.replicas(reply)).containsExactly("127.0.0.1:7003", "::1:7005");
  }
}
