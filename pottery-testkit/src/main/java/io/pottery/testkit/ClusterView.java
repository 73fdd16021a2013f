package io.pottery.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node's view of the cluster, from its {@code CLUSTER NODES} reply: per node its id, address, role,
 * master and slot ranges, with the viewer's own {@code myself} flag and the connection state (ping times,
 * link) left out, so that the views of two nodes that agree are equal.
 *
 * @param nodes one line per node, {@code <id> <port> <flags> <master> <slots…>}, sorted
 */
record ClusterView(List<String> nodes) {

  ClusterView {
    nodes = List.copyOf(nodes);
  }

  /** Parses a {@code CLUSTER NODES} reply. */
  static ClusterView parse(String clusterNodes) {
    List<String> lines = new ArrayList<>();
    for (String line : clusterNodes.split("\n")) {
      String[] fields = line.trim().split(" ");
      if (fields.length < 8) {
        continue;
      }
      Set<String> flags = new TreeSet<>(List.of(fields[2].split(",")));
      flags.remove("myself");
      String address = fields[1];
      int at = address.indexOf('@');
      String port = (at < 0 ? address : address.substring(0, at));
      port = port.substring(port.lastIndexOf(':') + 1);
      StringBuilder normalized = new StringBuilder(fields[0]).append(' ').append(port).append(' ')
          .append(String.join(",", flags)).append(' ').append(fields[3]);
      for (int i = 8; i < fields.length; i++) {
        normalized.append(' ').append(fields[i]);
      }
      lines.add(normalized.toString());
    }
    Collections.sort(lines);
    return new ClusterView(lines);
  }

  /** The line of the node with this id, if the view has it. */
  String lineOf(String nodeId) {
    return nodes.stream().filter(line -> line.startsWith(nodeId + " ")).findFirst().orElse(null);
  }

  /** Whether any node is still in handshake or has no address, i.e. the nodes do not all know each other yet. */
  boolean meeting() {
    return nodes.stream().anyMatch(line -> line.contains("handshake") || line.contains("noaddr"));
  }

  /** Whether the node with this id is a master ({@code master} flag). */
  boolean isMaster(String nodeId) {
    String line = lineOf(nodeId);
    return line != null && List.of(line.split(" ")[2].split(",")).contains("master");
  }

  /** Whether the node with this id is flagged as failing ({@code fail} or {@code fail?}). */
  boolean isFailing(String nodeId) {
    String line = lineOf(nodeId);
    return line != null && line.split(" ")[2].contains("fail");
  }

  /** Whether some node is a replica of the node with this id. */
  boolean hasReplica(String nodeId) {
    return nodes.stream().anyMatch(line -> line.split(" ")[3].equals(nodeId));
  }

  /** The port of the node that owns {@code slot}, or -1 if no node's ranges hold it. */
  int ownerPort(int slot) {
    for (String line : nodes) {
      String[] fields = line.split(" ");
      for (int i = 4; i < fields.length; i++) {
        String range = fields[i];
        if (range.startsWith("[")) {
          continue;
        }
        int dash = range.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int to = Integer.parseInt(dash < 0 ? range : range.substring(dash + 1));
        if (slot >= from && slot <= to) {
          return Integer.parseInt(fields[1]);
        }
      }
    }
    return -1;
  }

  /** The ports of the nodes that are masters and own at least one slot. */
  List<Integer> masterPorts() {
    List<Integer> ports = new ArrayList<>();
    for (String line : nodes) {
      String[] fields = line.split(" ");
      if (fields.length > 4 && List.of(fields[2].split(",")).contains("master") && !fields[2].contains("fail")) {
        ports.add(Integer.parseInt(fields[1]));
      }
    }
    return ports;
  }

  @Override
  public String toString() {
    return String.join("\n", nodes);
  }
}
