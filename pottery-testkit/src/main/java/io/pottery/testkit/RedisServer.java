package io.pottery.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, started for tests and stopped by
 * {@link #close()}. It keeps nothing on disk ({@code --save '' --appendonly no}).
 *
 * <p>Fault tests use {@link #kill()} (SIGKILL), {@link #pause()} (SIGSTOP) and {@link #resume()} (SIGCONT).
 *
 * @since 0.1
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final Path executable;
  private final int port;
  private final Path workDir;
  private Process process;

  private RedisServer(Path executable, int port, Path workDir) {
    this.executable = executable;
    this.port = port;
    this.workDir = workDir;
  }

  /**
   * Starts a server from the given {@code redis-server} executable on a free loopback port and waits until it
   * answers.
   *
   * @throws IllegalStateException if it does not start within 10 s; the message holds its log
   */
  public static RedisServer start(Path executable) {
    try {
      Path dir = Files.createTempDirectory("pottery-redis-");
      RedisServer server = new RedisServer(executable, freePort(), dir);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + executable + ": " + e.getMessage(), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private void launch() throws IOException {
    List<String> command = new ArrayList<>(List.of(
        executable.toString(),
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "no",
        "--dir", workDir.toString(),
        "--logfile", workDir.resolve("redis.log").toString(),
        "--daemonize", "no"));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(workDir.resolve("stdout.log").toFile()).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + process.exitValue() + " at start: " + log());
      }
      if (answersPing()) {
        return;
      }
      sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException("redis-server did not answer on port " + port + " within " + START_TIMEOUT + ": " + log());
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[7];
      int n = socket.getInputStream().read(reply);
      return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** The server's log so far, for failure messages. */
  public String log() {
    try {
      Path log = workDir.resolve("redis.log");
      Path out = workDir.resolve("stdout.log");
      String text = (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
      return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** {@code redis://127.0.0.1:<port>/0}. */
  public String uri() {
    return uri(0);
  }

  /** {@code redis://127.0.0.1:<port>/<database>}. */
  public String uri(int database) {
    return "redis://127.0.0.1:" + port + "/" + database;
  }

  /** Always {@code 127.0.0.1}. */
  public String host() {
    return "127.0.0.1";
  }

  /** The TCP port the server listens on. */
  public int port() {
    return port;
  }

  /** The operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process is alive (a paused process is alive). */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the process with SIGKILL and waits until it is gone. Idempotent. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts the server again on the same port after {@link #kill()}; it comes back empty. */
  public void restart() {
    kill();
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot restart redis-server on port " + port, e);
    }
  }

  /** Freezes the process with SIGSTOP: it accepts connections but answers nothing until {@link #resume()}. */
  public void pause() {
    signal("STOP");
  }

  /** Thaws a process frozen by {@link #pause()} with SIGCONT. */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    if (!isRunning()) {
      throw new IllegalStateException("redis-server on port " + port + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot send SIG" + name + " to redis-server " + process.pid(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sending SIG" + name, e);
    }
  }

  /** Stops the server (resuming it first if paused, then SIGKILL) and deletes its directory. Idempotent. */
  @Override
  public void close() {
    if (isRunning()) {
      try {
        signal("CONT");
      } catch (IllegalStateException ignored) {
        // Already gone; killing below is all that matters.
      }
    }
    kill();
    try (var files = Files.list(workDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(workDir);
    } catch (IOException ignored) {
      // A leftover temp directory is harmless.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for redis-server", e);
    }
  }

  @Override
  public String toString() {
    return "RedisServer{" + uri() + (isRunning() ? "" : ", stopped") + "}";
  }
}
