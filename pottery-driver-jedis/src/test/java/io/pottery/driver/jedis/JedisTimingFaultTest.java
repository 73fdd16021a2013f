package io.pottery.driver.jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.RedisConnectionException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The Jedis driver keeps its time limits against real frozen (SIGSTOP) servers and servers that never answer: a
 * command fails after one command timeout, also the first one after a freeze (commons-pool used to open the
 * broken socket's replacement on the caller's thread, doubling it), and opening a connection — TCP, TLS and the
 * HELLO/AUTH/SELECT handshake — fails within the connect timeout, not the command timeout (or two of them).
 *
 * <p>Bounds allow a loaded machine 300 ms over each limit; each still excludes the behaviour before the fix.
 */
@WithRedis(controllable = true)
class JedisTimingFaultTest {
  private static final long SLACK_MS = 300;

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Test
  void everyCommandAfterAFreezeFailsAfterOneCommandTimeout(RedisServer server) throws Exception {
    Duration commandTimeout = Duration.ofMillis(500);
    RedisConnection c = new JedisDriver().connect(RedisEndpoint.parse(server.uri()),
        new ConnectionSettings(Duration.ofSeconds(2), commandTimeout));
    try {
      c.execute(Command.builder("PING").build());
      server.pause();
      try {
        long[] took = new long[4];
        for (int i = 0; i < took.length; i++) {
          long start = System.nanoTime();
          if (i % 2 == 0) {
            assertThatThrownBy(() -> c.execute(Command.builder("GET").key("k").build()))
                .isInstanceOf(RedisConnectionException.class).hasMessageContaining("within 500 ms");
          } else {
            assertThatThrownBy(() -> c.executeAsync(Command.builder("GET").key("k").build()).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(RedisConnectionException.class);
          }
          took[i] = millisSince(start);
        }
        System.out.printf("JEDIS-RESULT commands to a frozen server, command timeout 500 ms: failed after %d, %d, %d, %d ms%n",
            took[0], took[1], took[2], took[3]);
        for (long ms : took) {
          assertThat(ms).isBetween(450L, 500 + SLACK_MS);
        }
      } finally {
        server.resume();
      }
      // Once the server is back, commands work again (the replacement socket was opened in the background).
      assertThat(c.execute(Command.builder("PING").build())).isEqualTo("PONG".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } finally {
      c.close();
    }
  }

  @Test
  void tlsToAPlainPortFailsWithinTheConnectTimeout(RedisServer server) {
    RedisEndpoint plain = RedisEndpoint.parse("rediss://127.0.0.1:" + server.port() + "/0");
    long ms = failToConnect(plain, Duration.ofSeconds(1), Duration.ofSeconds(3));
    System.out.printf("JEDIS-RESULT TLS to a plain Redis port, connect timeout 1000 ms, command timeout 3000 ms: "
        + "failed after %d ms%n", ms);
    // Jedis builds a TLS context per socket, loading the JVM trust store: on a loaded machine that CPU work alone
    // can take hundreds of ms, so this bound allows a second; before the fix it took 2 to 3 command timeouts.
    assertThat(ms).isLessThan(2_000L);
  }

  @Test
  void tlsOrPlainToAMuteServerFailsWithinTheConnectTimeout() throws Exception {
    try (MuteServer mute = new MuteServer()) {
      for (String scheme : List.of("rediss", "redis")) {
        RedisEndpoint endpoint = RedisEndpoint.parse(scheme + "://127.0.0.1:" + mute.port() + "/0");
        long ms = failToConnect(endpoint, Duration.ofSeconds(1), Duration.ofSeconds(3));
        System.out.printf("JEDIS-RESULT %s:// to a server that accepts and never answers, connect timeout 1000 ms, "
            + "command timeout 3000 ms: failed after %d ms%n", scheme, ms);
        assertThat(ms).isBetween(900L, 2_000L); // as above: the TLS context costs CPU on a loaded machine
      }
      assertThat(mute.accepted()).isGreaterThanOrEqualTo(2);
    }
  }

  /** Connects, expects a failure naming the endpoint, and returns how long it took. */
  private static long failToConnect(RedisEndpoint endpoint, Duration connectTimeout, Duration commandTimeout) {
    long start = System.nanoTime();
    assertThatThrownBy(() -> new JedisDriver().connect(endpoint, new ConnectionSettings(connectTimeout, commandTimeout))
        .close())
        .isInstanceOf(RedisConnectionException.class)
        .hasMessageContaining(endpoint.redacted());
    return millisSince(start);
  }

  /** A server that accepts connections and never sends a byte: what a hung proxy or a wrong port can look like. */
  private static final class MuteServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    MuteServer() throws IOException {
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            clients.add(socket.accept());
          } catch (IOException e) {
            return;
          }
        }
      }, "mute-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return clients.size();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      for (Socket client : clients) {
        client.close();
      }
      acceptor.join(1_000);
    }
  }
}
