package io.pottery.testkit;

import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

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
   * The topologies this run selects with the system property {@code pottery.topology} (both when unset), as
   * {@link MatrixTest} reads it: for tests outside the matrix that start or use a Redis Cluster of their own, so
   * that a run narrowed to standalone (the JDK 25 run, say) leaves them out as it leaves out the matrix's cluster
   * cells.
   *
   * @throws IllegalArgumentException if the property names no topology
   */
  public static Set<Topology> selected() {
    return MatrixSelection.topologies(System.getProperty(MatrixSelection.TOPOLOGY_PROPERTY));
  }

  /**
   * Skips the calling test (a JUnit assumption, reported as skipped with the reason) unless {@code topology} is
   * {@linkplain #selected() selected}.
   */
  public static void assumeSelected(Topology topology) {
    Assumptions.assumeTrue(selected().contains(topology), () -> "left out: this run selects pottery.topology="
        + System.getProperty(MatrixSelection.TOPOLOGY_PROPERTY) + ", and this test needs a " + topology.label());
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
