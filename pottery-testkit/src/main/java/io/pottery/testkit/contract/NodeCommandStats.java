package io.pottery.testkit.contract;

import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisServer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What every node of a cluster has counted for one command ({@code INFO commandstats}), to show that a command
 * refused by the client never reached any node. The whole {@code cmdstat_<name>} line is kept, not only
 * {@code calls}: Redis 6.2 and later count a command the server refused (such as one with keys in several
 * slots) under {@code rejected_calls}, so a driver that sent it and got {@code CROSSSLOT} back changes the line
 * even though {@code calls} stays put.
 *
 * @param lines per node ({@code host:port}), the {@code cmdstat_<name>} line, or {@code "absent"} if the node
 *     never saw the command
 */
record NodeCommandStats(Map<String, String> lines) {

  NodeCommandStats {
    lines = Map.copyOf(lines);
  }

  /** Reads the line for {@code command} from every node of {@code cluster} that is running. */
  static NodeCommandStats of(RedisCluster cluster, String command) {
    String prefix = "cmdstat_" + command.toLowerCase(Locale.ROOT) + ":";
    Map<String, String> lines = new LinkedHashMap<>();
    for (RedisServer node : cluster.nodes()) {
      if (!node.isRunning()) {
        continue;
      }
      try (RawRedis raw = cluster.clientFor(node)) {
        String info = (String) raw.callText("INFO", "commandstats");
        String line = "absent";
        for (String candidate : info.split("\r?\n")) {
          if (candidate.startsWith(prefix)) {
            line = candidate.trim();
          }
        }
        lines.put(node.host() + ":" + node.port(), line);
      }
    }
    return new NodeCommandStats(lines);
  }
}
