package io.pottery.internal.collections;

import io.pottery.Pottery;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.RedisServers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Redis server and one {@code Pottery} per matrix cell for a JUnit 3 suite (guava-testlib), which has no
 * JUnit 5 extension to start them: started lazily by the first map generator call, stopped by the suite's
 * {@code TestSetup.tearDown()}, and by a shutdown hook should the suite never reach its tear-down (a
 * filtered or aborted run). Thread-safe; closing is idempotent.
 */
final class SuiteRedis implements AutoCloseable {
  private RedisServers servers;
  private Thread shutdownHook;
  private final Map<MatrixCell, Pottery> potteries = new LinkedHashMap<>();

  /** The {@code Pottery} of {@code cell} on this suite's server, started on first use. */
  synchronized Pottery pottery(MatrixCell cell) {
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
