package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The testkit's own servers: they start, answer, pause, resume, die and restart for real. */
@WithRedis(masters = 2, controllable = true)
class RedisServerTest {

  private static String ping(RedisServer server, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.host(), server.port()), 500);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int n = in.read(reply);
      return new String(reply, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim();
    }
  }

  @Test
  void startsDistinctServersThatAnswer(RedisServers servers) throws IOException {
    assertThat(servers.size()).isEqualTo(2);
    assertThat(servers.get(0).port()).isNotEqualTo(servers.get(1).port());
    assertThat(ping(servers.get(0), 1000)).isEqualTo("+PONG");
    assertThat(servers.uris()[1]).isEqualTo("redis://127.0.0.1:" + servers.get(1).port() + "/0");
  }

  @Test
  void pausedServerIsSilentUntilResumed(RedisServers servers) throws IOException {
    RedisServer server = servers.get(1);
    server.pause();
    try {
      boolean timedOut = false;
      try {
        ping(server, 300);
      } catch (SocketTimeoutException e) {
        timedOut = true;
      }
      assertThat(timedOut).as("a SIGSTOPped server must not answer").isTrue();
    } finally {
      server.resume();
    }
    assertThat(ping(server, 1000)).isEqualTo("+PONG");
  }

  @Test
  void killedServerRefusesThenRestarts() throws IOException {
    try (RedisServers own = RedisServers.start(1)) {
      RedisServer server = own.first();
      server.kill();
      assertThat(server.isRunning()).isFalse();
      boolean refused = false;
      try {
        ping(server, 300);
      } catch (IOException e) {
        refused = true;
      }
      assertThat(refused).isTrue();
      server.restart();
      assertThat(ping(server, 1000)).isEqualTo("+PONG");
    }
  }
}
