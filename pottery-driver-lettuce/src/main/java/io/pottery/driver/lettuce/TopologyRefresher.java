package io.pottery.driver.lettuce;

import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks Lettuce to reload the cluster topology when a command found it out of date (its node down, the cluster
 * reconfiguring, a redirection), at most one reload at a time and at most one per {@link #MIN_INTERVAL}: during
 * a failover every caller's command fails the same way, and one reload serves them all. Lettuce's own adaptive
 * triggers do not see these cases: a command refused because its node is disconnected, or answered
 * {@code CLUSTERDOWN}, triggers nothing in Lettuce.
 *
 * <p>Thread-safe.
 */
final class TopologyRefresher {
  static final Duration MIN_INTERVAL = Duration.ofMillis(250);

  private final RedisClusterClient client;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong lastStart = new AtomicLong(System.nanoTime() - MIN_INTERVAL.toNanos());
  private volatile boolean stopped;

  TopologyRefresher(RedisClusterClient client) {
    this.client = client;
  }

  /** Starts a reload unless one is running, one started less than {@link #MIN_INTERVAL} ago, or {@link #stop}ped. */
  void request() {
    long now = System.nanoTime();
    long last = lastStart.get();
    if (stopped || now - last < MIN_INTERVAL.toNanos() || !running.compareAndSet(false, true)) {
      return;
    }
    if (!lastStart.compareAndSet(last, now)) {
      running.set(false);
      return;
    }
    try {
      client.refreshPartitionsAsync().whenComplete((done, failure) -> running.set(false));
    } catch (RuntimeException e) {
      // The client is shutting down; there is nothing left to refresh.
      running.set(false);
    }
  }

  /** No more reloads: the connection is closing. */
  void stop() {
    stopped = true;
  }
}
