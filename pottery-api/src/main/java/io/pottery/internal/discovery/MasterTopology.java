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
 * are one cluster, or one server (reached through two host names, or two databases of it), would count one
 * failure domain twice in a Redlock quorum (one process could then form the whole quorum, and a lock on the
 * others would wait forever), so they are refused too. Servers are told apart by what they say of themselves,
 * not by their URIs: a single server by the {@code run_id} of {@code INFO} (random per server process), a
 * cluster by the node id of the owner of slot 0.
 */
final class MasterTopology {
  /**
   * INFO's default sections hold both {@code run_id} (server) and {@code cluster_enabled} (cluster): one round
   * trip answers both questions on Redis 6.2 too, whose INFO takes one section name only.
   */
  private static final Command INFO = Command.builder("INFO").idempotent().build();
  /** The node that owns slot 0 names its cluster: one owner per slot, and node ids are random. */
  private static final Command SLOT_ZERO_OWNER = Command.builder("CLUSTER").arg("MYID").idempotent().routeTo(0).build();

  private MasterTopology() {}

  /**
   * Checks every connection; one round trip per master.
   *
   * @throws PotteryConfigurationException if a single-server URI reaches a cluster node, or two URIs reach the
   *     same cluster or the same server
   */
  static void check(List<RedisConnection> connections) {
    Map<String, RedisEndpoint> clusters = new HashMap<>();
    Map<String, RedisEndpoint> servers = new HashMap<>();
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
        continue;
      }
      String info = info(connection);
      if (info.contains("cluster_enabled:1")) {
        throw new PotteryConfigurationException(endpoint.redacted() + " is a node of a Redis Cluster; connect with "
            + clusterForm(endpoint) + " so that each key goes to the node that owns it (docs/errors.md#cluster-node)");
      }
      String runId = field(info, "run_id");
      if (runId != null) {
        RedisEndpoint same = servers.putIfAbsent(runId, endpoint);
        if (same != null) {
          throw new PotteryConfigurationException("Masters " + same.redacted() + " and " + endpoint.redacted()
              + " are the same Redis server (run_id " + runId + "); Redlock and NextId count each master's vote,"
              + " so one server listed twice (under two host names, or two of its databases) would vote twice:"
              + " list each server once (docs/errors.md#same-server)");
        }
      }
    }
  }

  /** INFO's text, or "" from a server or proxy that refuses INFO: it is no cluster node, and has no run_id. */
  private static String info(RedisConnection connection) {
    try {
      return text(connection.execute(INFO));
    } catch (RedisErrorException e) {
      return "";
    }
  }

  /** The value of {@code name:value} on a line of INFO's text, or null. */
  private static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        String value = line.substring(name.length() + 1).trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
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
