package io.pottery.testkit;

/**
 * The Redis Cluster tests share: one cluster of 3 masters without replicas per test JVM, started on first use
 * and stopped when the JVM exits. Tests on it must not disturb it (no kill, pause or {@code FLUSHALL}), use
 * their own keys ({@link TestKey}), and leave it as they found it; tests that kill or pause nodes start their
 * own with {@link RedisCluster#start(int, int)} and close it.
 *
 * <p>The cluster is held in a JVM-wide field, like the {@link ProcessReaper}, because "once per
 * JVM" is the point: a JUnit store would close it after each class, and a cluster start costs about 2 s.
 * Its processes belong to the reaper, whose shutdown hook (and a later JVM's orphan sweep) stops them.
 *
 * @since 0.1
 */
public final class RedisClusters {
  private RedisClusters() {}

  private static final Once SHARED = new Once();

  /** Starts the cluster on the first call and remembers it, or the failure, for every later call. */
  private static final class Once {
    private RedisCluster cluster;
    private RuntimeException failure;

    synchronized RedisCluster get() {
      if (cluster == null && failure == null) {
        try {
          cluster = RedisCluster.start(3, 0);
          Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "pottery-testkit-shared-cluster"));
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        throw new IllegalStateException("The shared Redis Cluster of this JVM could not start: " + failure.getMessage(),
            failure);
      }
      return cluster;
    }
  }

  /**
   * This JVM's shared cluster of 3 masters (no replicas), started on the first call (about 2 s), from the
   * source {@link RedisCluster#start(int, int)} picks.
   *
   * @throws IllegalStateException if it cannot start; every later call throws again with the same cause
   *     rather than starting another
   */
  public static RedisCluster shared() {
    return SHARED.get();
  }
}
