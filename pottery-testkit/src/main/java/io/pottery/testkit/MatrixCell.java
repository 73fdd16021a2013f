package io.pottery.testkit;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One cell of the test matrix: a driver and a codec, by their Pottery names, on a {@link Topology}.
 *
 * @param driver {@code "jedis"} or {@code "lettuce"}
 * @param codec {@code "jackson"} or {@code "gson"}
 * @param topology whether the first master is a standalone server or the shared Redis Cluster
 * @since 0.1
 */
public record MatrixCell(String driver, String codec, Topology topology) {

  /** The standalone cells: {Jedis, Lettuce} × {Jackson, Gson}, each on standalone servers. */
  public static final List<MatrixCell> ALL = List.of(
      new MatrixCell("jedis", "jackson"),
      new MatrixCell("jedis", "gson"),
      new MatrixCell("lettuce", "jackson"),
      new MatrixCell("lettuce", "gson"));

  /** The same four driver and codec pairs with the shared Redis Cluster as first master. */
  public static final List<MatrixCell> CLUSTER = ALL.stream().map(cell -> cell.on(Topology.CLUSTER)).toList();

  /** Every cell of every topology, standalone first: {Jedis, Lettuce} × {Jackson, Gson} × {standalone, cluster}. */
  public static final List<MatrixCell> EVERY_TOPOLOGY = Stream.concat(ALL.stream(), CLUSTER.stream())
      .toList();

  /**
   * A cell.
   *
   * @throws NullPointerException if a part is null
   */
  public MatrixCell {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(topology, "topology");
  }

  /** A standalone cell, as before topologies existed. */
  public MatrixCell(String driver, String codec) {
    this(driver, codec, Topology.STANDALONE);
  }

  /**
   * The cells this JVM's settings select, for code that builds tests itself (such as generated guava-testlib
   * suites) rather than through {@link MatrixTest}: the system properties {@code pottery.matrix} and
   * {@code pottery.topology}, read as {@link MatrixTest} describes.
   *
   * @throws IllegalArgumentException if a setting is malformed or selects no cell
   */
  public static List<MatrixCell> selected() {
    return MatrixSelection.select(System.getProperty(MatrixSelection.PROPERTY),
        System.getProperty(MatrixSelection.TOPOLOGY_PROPERTY));
  }

  /** This driver and codec on another topology. */
  public MatrixCell on(Topology other) {
    return new MatrixCell(driver, codec, other);
  }

  /** Whether the first master is the shared Redis Cluster. */
  public boolean isCluster() {
    return topology == Topology.CLUSTER;
  }

  /** {@code "jedis × jackson"} for standalone cells, {@code "jedis × jackson × cluster"} for cluster cells. */
  @Override
  public String toString() {
    return driver + " × " + codec + (isCluster() ? " × " + topology.label() : "");
  }
}
