package io.pottery.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} process on a free loopback port, with nothing on disk ({@code --save ''
 * --appendonly no}). Registered with the {@link ProcessReaper} from start to close, so it dies with the JVM.
 */
final class RedisProcess implements RedisNode {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final String HOST = "127.0.0.1";

  private final Path executable;
  private final int port;
  private final Path workDir;
  private final ProcessReaper reaper;
  private final List<String> extraArgs;
  private Process process;

  private RedisProcess(Path executable, int port, Path workDir, ProcessReaper reaper, List<String> extraArgs) {
    this.executable = executable;
    this.port = port;
    this.workDir = workDir;
    this.reaper = reaper;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /**
   * Starts {@code executable} on a free loopback port and waits until it answers PING.
   *
   * @throws IllegalStateException if it does not start within 10 s; the message holds its log
   */
  static RedisProcess start(Path executable) {
    return start(executable, freePort(), List.of());
  }

  /**
   * Starts {@code executable} on {@code port} with more {@code redis-server} options (as for a cluster node)
   * and waits until it answers PING. Relative file names among the options resolve in the process's own work
   * directory, which {@link #close()} deletes.
   *
   * @throws IllegalStateException if it does not start within 10 s; the message holds its log
   */
  static RedisProcess start(Path executable, int port, List<String> extraArgs) {
    ProcessReaper reaper = ProcessReaper.instance();
    Path dir;
    try {
      dir = Files.createTempDirectory(ProcessReaper.WORK_DIR_PREFIX);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a directory for redis-server: " + e, e);
    }
    RedisProcess server = new RedisProcess(executable, port, dir, reaper, extraArgs);
    try {
      server.launch();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** A loopback port nobody listens on now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("No free loopback port for redis-server: " + e, e);
    }
  }

  /** Whether nobody listens on {@code port} of the loopback address now. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private synchronized void launch() {
    List<String> command = new ArrayList<>(List.of(
        executable.toString(),
        "--port", Integer.toString(port),
        "--bind", HOST,
        "--save", "",
        "--appendonly", "no",
        "--dir", workDir.toString(),
        "--logfile", workDir.resolve("redis.log").toString(),
        "--daemonize", "no"));
    command.addAll(extraArgs);
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(workDir.resolve("stdout.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + executable + ": " + e, e);
    }
    reaper.adopt(process, workDir);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        reaper.release(process);
        throw new IllegalStateException(executable + " exited with " + process.exitValue() + " at start on port "
            + port + ": " + log());
      }
      if (RawRedis.answersPing(uri(0))) {
        return;
      }
      sleep(20);
    }
    kill();
    throw new IllegalStateException(executable + " did not answer on port " + port + " within " + START_TIMEOUT
        + ": " + log());
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String uri(int database) {
    return "redis://" + HOST + ":" + port + "/" + database;
  }

  @Override
  public synchronized long pid() {
    return process.pid();
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (process != null) {
      reaper.release(process);
    }
  }

  @Override
  public synchronized void restart() {
    kill();
    launch();
  }

  @Override
  public void pause() {
    signal("STOP");
  }

  @Override
  public void resume() {
    signal("CONT");
  }

  private synchronized void signal(String name) {
    if (!isRunning()) {
      throw new IllegalStateException("redis-server on port " + port + " is not running; cannot send SIG" + name);
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot send SIG" + name + " to redis-server " + process.pid() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending SIG" + name + " to redis-server " + process.pid(), e);
    }
  }

  @Override
  public String log() {
    try {
      Path log = workDir.resolve("redis.log");
      Path out = workDir.resolve("stdout.log");
      String text = (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL works on a stopped process too, so no SIGCONT is needed first. */
  @Override
  public synchronized void close() {
    kill();
    ProcessReaper.deleteWorkDir(workDir);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for redis-server", e);
    }
  }
}
