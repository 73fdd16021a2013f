package io.pottery.internal.collections;

import io.pottery.Pottery;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Redis server and one {@code Pottery} per matrix cell for a JUnit 3 suite (guava-testlib), which has no
 * JUnit 5 extension to start them: started lazily by the first map generator call, stopped by the suite's
 * {@code TestSetup.tearDown()}, and by a shutdown hook should the suite never reach its tear-down (a
 * filtered or aborted run). A cluster cell's {@code Pottery} uses the JVM's shared Redis Cluster, which
 * the testkit owns and stops. Thread-safe; closing is idempotent.
 */
final class SuiteRedis implements AutoCloseable {
  /**
   * The one codec per driver that the generated suites run on a cluster. Codecs do not touch routing, and
   * each cluster cell of a generated suite costs as much as a standalone one (thousands of collections), so
   * issue 9 lets these suites run one codec per driver there; every hand-written test runs on every cell.
   */
  private static final Set<MatrixCell> CLUSTER_CELLS = Set.of(
      new MatrixCell("jedis", "jackson", Topology.CLUSTER),
      new MatrixCell("lettuce", "gson", Topology.CLUSTER));

  private RedisServers servers;
  private Thread shutdownHook;
  private final Map<MatrixCell, Pottery> potteries = new LinkedHashMap<>();

  /**
   * The cells a generated suite runs: every {@link MatrixCell#selected() selected} standalone cell and, per
   * driver, its selected cluster cell among {@link #CLUSTER_CELLS}, or, when the selection names only another
   * codec of that driver on a cluster, that cell (so a narrowed run such as {@code jedis:gson:cluster} runs).
   */
  static List<MatrixCell> cells() {
    List<MatrixCell> selected = MatrixCell.selected();
    List<MatrixCell> cells = new ArrayList<>(
        selected.stream().filter(cell -> !cell.isCluster() || CLUSTER_CELLS.contains(cell)).toList());
    for (MatrixCell cell : selected) {
      boolean driverCovered = cells.stream().anyMatch(kept -> kept.isCluster() && kept.driver().equals(cell.driver()));
      if (cell.isCluster() && !driverCovered) {
        cells.add(cell);
      }
    }
    return List.copyOf(cells);
  }

  /** The {@code Pottery} of {@code cell} on this suite's server or the shared cluster, started on first use. */
  synchronized Pottery pottery(MatrixCell cell) {
    if (cell.isCluster()) {
      return potteries.computeIfAbsent(cell, c -> Pottery.builder()
          .masters(RedisClusters.shared().seedUri()).driver(c.driver()).codec(c.codec()).build());
    }
    if (servers == null) {
      servers = RedisServers.start(1);
      shutdownHook = new Thread(this::close, "SuiteRedis shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    return potteries.computeIfAbsent(cell, c -> Pottery.builder()
        .masters(servers.uris()).driver(c.driver()).codec(c.codec()).build());
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    for (Pottery pottery : potteries.values()) {
      try {
        pottery.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    potteries.clear();
    if (servers != null) {
      servers.close();
      servers = null;
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is already shutting down; the hook will find nothing left to close.
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
