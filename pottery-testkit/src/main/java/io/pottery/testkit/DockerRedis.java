package io.pottery.testkit;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Redis container started through Testcontainers. Its host port is fixed at creation, so that a killed
 * container started again comes back on the same port. Kill, pause, resume and restart go through the Docker
 * API ({@code docker kill / pause / unpause / start}); a container has no host process id, so {@link #pid()}
 * aborts the calling test.
 *
 * <p>Only touched after {@link #probe()} found Testcontainers on the class path: it is an optional dependency.
 */
final class DockerRedis implements RedisNode {
  /** The image, overridable with {@code -Dpottery.test.redis.image=redis:7.2}. */
  static final String IMAGE_PROPERTY = "pottery.test.redis.image";
  private static final String DEFAULT_IMAGE = "redis:7.4";
  private static final int REDIS_PORT = 6379;
  private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(30);

  private final GenericContainer<?> container;
  private final int port;
  private boolean closed;

  private DockerRedis(GenericContainer<?> container, int port) {
    this.container = container;
    this.port = port;
  }

  /** Whether Testcontainers is on the class path and a Docker engine answers it. */
  static Probe probe() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory", false, DockerRedis.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Probe.missing("Testcontainers is not on the test class path");
    }
    return Answer.PROBE;
  }

  /** Probing Docker can take a while; once per JVM is enough. */
  private static final class Answer {
    static final Probe PROBE = DockerClientFactory.instance().isDockerAvailable()
        ? Probe.found(null, "Docker through Testcontainers (image " + image() + ")")
        : Probe.missing("no Docker engine answered Testcontainers");
  }

  private static String image() {
    return System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
  }

  /**
   * Starts a container and waits until Redis listens.
   *
   * @throws IllegalStateException if the container does not start (no image, no network to pull it, …)
   */
  static DockerRedis start() {
    int port = freePort();
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image()))
        .withExposedPorts(REDIS_PORT)
        .withCommand("redis-server", "--save", "", "--appendonly", "no");
    container.setPortBindings(List.of(port + ":" + REDIS_PORT));
    try {
      container.start();
    } catch (RuntimeException e) {
      container.stop();
      throw new IllegalStateException("Cannot start a Redis container from " + image() + " on port " + port
          + " through Testcontainers: " + e.getMessage() + ". Run with -D" + SourceSelection.PROPERTY
          + "=path or =embedded to use a local binary, or -D" + IMAGE_PROPERTY + "= to pick another image.", e);
    }
    return new DockerRedis(container, port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free port for a Redis container: " + e, e);
    }
  }

  private DockerClient docker() {
    return container.getDockerClient();
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String uri(int database) {
    return "redis://" + host() + ":" + port + "/" + database;
  }

  @Override
  public long pid() {
    return Assumptions.abort("A Redis container (" + image() + ") has no host process id; run the test with"
        + " -D" + SourceSelection.PROPERTY + "=path or =embedded");
  }

  @Override
  public boolean isRunning() {
    Boolean running = docker().inspectContainerCmd(container.getContainerId()).exec().getState().getRunning();
    return Boolean.TRUE.equals(running);
  }

  /** Docker refuses to kill a paused container, so it is thawed first. */
  @Override
  public void kill() {
    var state = docker().inspectContainerCmd(container.getContainerId()).exec().getState();
    if (Boolean.TRUE.equals(state.getPaused())) {
      resume();
    }
    if (Boolean.TRUE.equals(state.getRunning())) {
      docker().killContainerCmd(container.getContainerId()).exec();
    }
  }

  @Override
  public void restart() {
    kill();
    docker().startContainerCmd(container.getContainerId()).exec();
    long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
    while (!RawRedis.answersPing(uri(0))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The Redis container on port " + port + " did not answer within "
            + RESTART_TIMEOUT + " of its restart: " + log());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while restarting the Redis container on port " + port, e);
      }
    }
  }

  @Override
  public void pause() {
    docker().pauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void resume() {
    docker().unpauseContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public String log() {
    String logs = container.getLogs();
    return logs.length() > 4000 ? logs.substring(logs.length() - 4000) : logs;
  }

  /** Removes the container; Testcontainers' reaper removes it too if this JVM dies first. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      kill();
    } finally {
      container.stop();
    }
  }
}
