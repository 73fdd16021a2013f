package io.pottery.internal.discovery;

import io.pottery.PotteryConfigurationException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, may change: checks, right after connecting, that each master is what its URI says. A
 * {@code redis://} URI that reaches a cluster node would work for keys in that node's slots and fail with
 * MOVED for the rest, so it is refused with the {@code redis-cluster://} form to use instead. Two masters that
 * are one cluster would count one failure domain twice in a Redlock quorum, so they are refused too.
 */
final class MasterTopology {
  private static final Command INFO_CLUSTER = Command.builder("INFO").arg("cluster").idempotent().build();
  /** The node that owns slot 0 names its cluster: one owner per slot, and node ids are random. */
  private static final Command SLOT_ZERO_OWNER = Command.builder("CLUSTER").arg("MYID").idempotent().routeTo(0).build();

  private MasterTopology() {}

  /**
   * Checks every connection; one round trip per master.
   *
   * @throws PotteryConfigurationException if a single-server URI reaches a cluster node, or two cluster URIs
   *     reach the same cluster
   */
  static void check(List<RedisConnection> connections) {
    Map<String, RedisEndpoint> clusters = new HashMap<>();
    for (RedisConnection connection : connections) {
      RedisEndpoint endpoint = connection.endpoint();
      if (endpoint.cluster()) {
        String id = text(connection.execute(SLOT_ZERO_OWNER));
        RedisEndpoint same = clusters.putIfAbsent(id, endpoint);
        if (same != null) {
          throw new PotteryConfigurationException("Masters " + same.redacted() + " and " + endpoint.redacted()
              + " are the same Redis Cluster; a cluster is one failure domain, so it may be one master only"
              + " (docs/errors.md#same-cluster)");
        }
      } else if (clusterEnabled(connection)) {
        throw new PotteryConfigurationException(endpoint.redacted() + " is a node of a Redis Cluster; connect with "
            + clusterForm(endpoint) + " so that each key goes to the node that owns it (docs/errors.md#cluster-node)");
      }
    }
  }

  private static boolean clusterEnabled(RedisConnection connection) {
    try {
      return text(connection.execute(INFO_CLUSTER)).contains("cluster_enabled:1");
    } catch (RedisErrorException e) {
      // A server or proxy that does not know INFO's cluster section is no cluster node either.
      return false;
    }
  }

  private static String clusterForm(RedisEndpoint endpoint) {
    RedisEndpoint form = RedisEndpoint.cluster(endpoint.tls(), List.of(new RedisEndpoint.Node(endpoint.host(), endpoint.port())),
        endpoint.user(), endpoint.password());
    return form.redacted();
  }

  private static String text(Object reply) {
    if (reply instanceof byte[]) {
      return new String((byte[]) reply, StandardCharsets.UTF_8);
    }
    return String.valueOf(reply);
  }
}
