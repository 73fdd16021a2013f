package io.pottery.testkit;

/**
 * The first master of a cluster cell, seen as a {@link RedisServer}: its URI is the shared cluster's
 * {@code redis-cluster://} seed URI, so {@link RedisServer#client()} and {@code RawRedis.connect(server.uri())}
 * give a client that routes each call by its first key. Its host and port are those of the cluster's first
 * master. The cluster is shared by every test of the JVM, so the controls fail with the way out instead of
 * disturbing it, and closing the server leaves the cluster running.
 */
final class SharedClusterNode implements RedisNode {
  private final RedisCluster cluster;
  private final String cell;

  SharedClusterNode(RedisCluster cluster, String cell) {
    this.cluster = cluster;
    this.cell = cell;
  }

  @Override
  public String host() {
    return cluster.masters().get(0).host();
  }

  @Override
  public int port() {
    return cluster.masters().get(0).port();
  }

  /** The seed URI; a cluster has database 0 only. */
  @Override
  public String uri(int database) {
    if (database != 0) {
      throw new IllegalArgumentException("In the cell [" + cell + "] the first master is the Redis Cluster "
          + cluster.seedUri() + ", which has database 0 only, not " + database);
    }
    return cluster.seedUri();
  }

  @Override
  public long pid() {
    throw refused("pid()");
  }

  @Override
  public boolean isRunning() {
    return true;
  }

  @Override
  public void kill() {
    throw refused("kill()");
  }

  @Override
  public void restart() {
    throw refused("restart()");
  }

  @Override
  public void pause() {
    throw refused("pause()");
  }

  @Override
  public void resume() {
    throw refused("resume()");
  }

  private UnsupportedOperationException refused(String what) {
    return new UnsupportedOperationException("In the cell [" + cell + "] the first master is the JVM's shared Redis"
        + " Cluster " + cluster.seedUri() + ", which every test uses, so " + what + " is refused. Declare"
        + " @MatrixTest(standaloneOnlyBecause = \"…\") if the test needs a standalone server it controls, or start a"
        + " cluster of its own with RedisCluster.start(3, 1) to test cluster faults.");
  }

  @Override
  public String log() {
    return "(the shared Redis Cluster " + cluster.seedUri() + "; see RedisClusters.shared().nodes() for node logs)";
  }

  /** Leaves the shared cluster running: it stops when the JVM exits. */
  @Override
  public void close() {
    // The cluster belongs to RedisClusters, not to the test class that borrowed it.
  }
}
