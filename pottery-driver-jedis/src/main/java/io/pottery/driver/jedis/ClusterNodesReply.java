package io.pottery.driver.jedis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the replicas out of a {@code CLUSTER NODES} reply: one line per node,
 * {@code <id> <ip:port@cport[,hostname]> <flags> <master> …}. {@code CLUSTER SLOTS} is no use for this: Redis 7
 * leaves out replicas that have not received data yet, and those are exactly the ones a fresh cluster has.
 */
final class ClusterNodesReply {
  private static final Set<String> UNUSABLE = Set.of("fail", "fail?", "handshake", "noaddr");

  private ClusterNodesReply() {}

  /**
   * Every replica that is not failing and has an address, as {@code host:port} (no brackets around IPv6, as Jedis
   * keys its nodes and as {@code HostAndPort.from} reads them back), in reply order.
   */
  static List<String> replicas(String clusterNodes) {
    List<String> replicas = new ArrayList<>();
    for (String line : clusterNodes.split("\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 4) {
        continue;
      }
      List<String> flags = List.of(fields[2].split(","));
      if (!flags.contains("slave") || flags.stream().anyMatch(UNUSABLE::contains)) {
        continue;
      }
      String address = fields[1];
      int cport = address.indexOf('@');
      if (cport >= 0) {
        address = address.substring(0, cport);
      }
      int colon = address.lastIndexOf(':');
      if (colon > 0 && colon < address.length() - 1) {
        replicas.add(address);
      }
    }
    return replicas;
  }
}
