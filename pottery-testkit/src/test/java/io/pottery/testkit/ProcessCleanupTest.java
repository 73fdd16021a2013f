package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No {@code redis-server} outlives its test JVM: closed servers are gone, a JVM that exits without closing
 * kills its servers in the shutdown hook, and the servers of a SIGKILLed JVM are swept by the next one.
 */
class ProcessCleanupTest {
  private static final Duration GONE_WITHIN = Duration.ofSeconds(10);

  private static RedisSource processSource() {
    RedisSource selected = RedisSource.selected();
    assumeTrue(selected == RedisSource.PATH || selected == RedisSource.EMBEDDED,
        "only processes the testkit starts itself have pids to watch; the source here is " + selected);
    return selected;
  }

  @Test
  void aClosedServerIsGoneAndItsPortRefused() {
    processSource();
    RedisServers servers = RedisServers.start(2);
    List<Long> pids = servers.all().stream().map(RedisServer::pid).toList();
    int port = servers.get(1).port();
    servers.get(1).pause();
    int liveBefore = ProcessReaper.instance().liveCount();
    servers.close();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid " + pid).isEmpty();
    }
    assertThat(refuses(port)).isTrue();
    assertThat(servers.get(0).isRunning()).isFalse();
    assertThat(ProcessReaper.instance().liveCount()).isEqualTo(liveBefore - 2);
    servers.close();
  }

  @Test
  void theShutdownHookIsRegistered() {
    Thread hook = ProcessReaper.instance().hook();
    // Removing succeeds only for a registered hook; it is put back at once.
    assertThat(Runtime.getRuntime().removeShutdownHook(hook)).isTrue();
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Test
  void aJvmThatExitsWithoutClosingKillsItsServers() throws Exception {
    RedisSource source = processSource();
    Process child = leakyJvm("exit", source);
    long[] server = readPidAndPort(child);
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    assertThat(goneWithin(server[0])).as("redis-server " + server[0] + " outlived its JVM").isTrue();
    assertThat(refuses((int) server[1])).isTrue();
  }

  @Test
  void theServersOfAKilledJvmAreSweptByTheNext() throws Exception {
    RedisSource source = processSource();
    Process child = leakyJvm("hang", source);
    long[] server = readPidAndPort(child);
    try {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ProcessHandle.of(server[0]).filter(ProcessHandle::isAlive))
          .as("a SIGKILLed JVM runs no hook, so its server is orphaned").isPresent();
      assertThat(ProcessReaper.sweepOrphans(Path.of(System.getProperty("java.io.tmpdir")))).isGreaterThanOrEqualTo(1);
      assertThat(goneWithin(server[0])).as("orphan " + server[0] + " swept").isTrue();
      assertThat(refuses((int) server[1])).isTrue();
    } finally {
      ProcessHandle.of(server[0]).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static Process leakyJvm(String mode, RedisSource source) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        LeakyServerMain.class.getName(), mode, source.name())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static long[] readPidAndPort(Process child) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    assertThat(line).as("the child JVM printed its server").isNotNull();
    String[] parts = line.trim().split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  private static boolean goneWithin(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  private static boolean refuses(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
