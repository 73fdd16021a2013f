package io.pottery.internal.testing;

import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Per-node questions ({@code INFO commandstats}, {@code KEYS}, {@code CLIENT LIST}, {@code CONFIG RESETSTAT})
 * asked of a test's server: on a matrix cluster cell the {@link RedisServer} is the shared Redis Cluster, whose
 * routing client would send such a keyless command to one node only, so it is asked of every node instead.
 * Tests run one at a time, so nothing else moves the shared cluster's counts meanwhile.
 */
public final class EveryNode {
  private EveryNode() {}

  /**
   * {@code question}'s answers: one from {@code server}, or one per node of the shared cluster.
   *
   * @throws IllegalArgumentException if {@code server} is a cluster other than the shared one
   */
  public static <T> List<T> ask(RedisServer server, Function<RawRedis, T> question) {
    List<T> answers = new ArrayList<>();
    if (!server.isCluster()) {
      try (RawRedis raw = server.client()) {
        answers.add(question.apply(raw));
      }
      return answers;
    }
    RedisCluster cluster = RedisClusters.shared();
    if (!cluster.seedUri().equals(server.uri())) {
      throw new IllegalArgumentException(server.uri() + " is a cluster but not the shared one, "
          + cluster.seedUri() + "; ask its nodes directly");
    }
    for (RedisServer node : cluster.nodes()) {
      try (RawRedis raw = cluster.clientFor(node)) {
        answers.add(question.apply(raw));
      }
    }
    return answers;
  }
}
