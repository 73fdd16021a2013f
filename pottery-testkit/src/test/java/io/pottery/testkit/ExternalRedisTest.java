package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * External servers ({@code POTTERY_TEST_REDIS}): shared, so never disturbed. A real server started here
 * plays the external one, reached only through its URL.
 */
@WithRedis
class ExternalRedisTest {

  private static ServerSupply external(String urls) {
    return SourceSelection.choose(urls, "-Dpottery.test.redis=" + urls, null, SourceSelection.MACHINE).require();
  }

  @Test
  void anExternalServerIsUsedThroughItsUrl(RedisServer real) {
    try (RedisServers servers = external(real.uri(0)).start(1)) {
      RedisServer server = servers.first();
      assertThat(servers.source()).isEqualTo(RedisSource.EXTERNAL);
      assertThat(server.source()).isEqualTo(RedisSource.EXTERNAL);
      assertThat(server.port()).isEqualTo(real.port());
      assertThat(server.uri(5)).isEqualTo("redis://127.0.0.1:" + real.port() + "/5");
      assertThat(server.isRunning()).isTrue();
      assertThat(server.version()).isEqualTo(real.version());
      try (RawRedis raw = server.client()) {
        assertThat(raw.call("PING")).isEqualTo("PONG");
      }
    }
    assertThat(real.isRunning()).as("closing external servers leaves them running").isTrue();
  }

  @Test
  void faultsOnAnExternalServerSkipTheTestWithTheReason(RedisServer real) {
    try (RedisServers servers = external(real.uri(0)).start(1)) {
      RedisServer server = servers.first();
      assertThatThrownBy(server::kill).isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("redis://127.0.0.1:" + real.port() + "/0 is an external server")
          .hasMessageContaining("cannot be killed")
          .hasMessageContaining("@WithRedis(controllable = true)");
      assertThatThrownBy(server::pause).isInstanceOf(TestAbortedException.class).hasMessageContaining("cannot be paused");
      assertThatThrownBy(server::resume).isInstanceOf(TestAbortedException.class);
      assertThatThrownBy(server::restart).isInstanceOf(TestAbortedException.class);
      assertThatThrownBy(server::pid).isInstanceOf(TestAbortedException.class);
    }
    try (RawRedis raw = real.client()) {
      assertThat(raw.call("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void moreMastersThanUrlsSkipsWithTheReason(RedisServer real) {
    assertThatThrownBy(() -> external(real.uri(0)).start(3)).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("needs 3 independent Redis masters")
        .hasMessageContaining("gives 1");
  }

  @Test
  void credentialsReachTheServerButNeverTheMessages() {
    try (RedisServers own = RedisServers.start(1)) {
      RedisServer real = own.first();
      try (RawRedis admin = real.client()) {
        admin.call("CONFIG", "SET", "requirepass", "hunter2");
      }
      String url = "redis://:hunter2@127.0.0.1:" + real.port() + "/0";
      try (RedisServers servers = external(url).start(1)) {
        RedisServer server = servers.first();
        assertThat(server.uri(2)).isEqualTo("redis://:hunter2@127.0.0.1:" + real.port() + "/2");
        assertThat(server.toString()).isEqualTo("RedisServer{redis://127.0.0.1:" + real.port() + "/0, external}");
        assertThat(servers.toString()).doesNotContain("hunter2");
        assertThat(external(url).description()).doesNotContain("hunter2");
        try (RawRedis raw = server.client()) {
          assertThat(raw.call("PING")).isEqualTo("PONG");
        }
      }
    }
  }

  @Test
  void anExternalUrlThatDoesNotAnswerFailsLoudly() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      port = socket.getLocalPort();
    }
    String url = "redis://:pw@127.0.0.1:" + port;
    assertThatThrownBy(() -> external(url).start(1)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The external Redis redis://127.0.0.1:" + port + "/0 from POTTERY_TEST_REDIS does not answer PING")
        .hasMessageNotContaining("pw@");
  }
}
