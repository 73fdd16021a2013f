package io.pottery.testkit;

import java.util.Locale;

/**
 * What a {@link MatrixCell}'s first master is: one standalone server, or the JVM's shared Redis Cluster
 * ({@link RedisClusters#shared()}).
 *
 * @since 0.1
 */
public enum Topology {
  /** The first master is a standalone {@code redis-server} of the test class ({@link WithRedis}). */
  STANDALONE,
  /** The first master is the shared 3-master Redis Cluster, given to Pottery as its {@code redis-cluster://} seed URI. */
  CLUSTER;

  /** {@code "standalone"} or {@code "cluster"}: how selections and display names spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The topology a label names, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException if it names none
   */
  public static Topology parse(String label) {
    String trimmed = label.trim().toLowerCase(Locale.ROOT);
    for (Topology topology : values()) {
      if (topology.label().equals(trimmed)) {
        return topology;
      }
    }
    throw new IllegalArgumentException("\"" + label.trim() + "\" is not a topology; use standalone or cluster");
  }
}
