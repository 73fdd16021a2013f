package io.pottery.driver.lettuce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pottery.RedisConnectionException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.SelfSignedTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss-cluster://} with a user and password: a one-node cluster (owning every slot) that accepts TLS only
 * on the port it announces, with a certificate for 127.0.0.1 made by {@code openssl} and trusted through the JVM
 * trust store, and an ACL user. Skipped where {@code openssl} or a TLS-capable {@code redis-server} is missing.
 * The server is this test's own process, stopped in {@code finally}.
 */
class LettuceTlsClusterTest {
  /** Generous: a TLS handshake with a 2048-bit key took over 2 s on a loaded 2-core machine. */
  private static final ConnectionSettings SETTINGS = new ConnectionSettings(Duration.ofSeconds(10), Duration.ofSeconds(5));

  @Test
  void tlsClusterWithUserAndPassword() throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<SelfSignedTls> made = SelfSignedTls.create(why);
    assumeTrue(made.isPresent(), () -> "openssl is needed to make a certificate: " + why);
    try (SelfSignedTls certificate = made.get()) {
      // The server writes into the certificate's directory: stop it before the directory is deleted.
      Process redis = null;
      try {
        Path dir = certificate.directory();
        Path cert = certificate.certificate();
        Path key = certificate.key();
        int plain = SelfSignedTls.freePort();
        int tls = SelfSignedTls.freePort();
        int bus = SelfSignedTls.freePort();
        try {
          redis = new ProcessBuilder(List.of("redis-server", "--bind", "127.0.0.1", "--port", "" + plain,
              "--tls-port", "" + tls, "--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(),
              "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no", "--tls-cluster", "yes",
              "--cluster-enabled", "yes", "--cluster-port", "" + bus, "--cluster-config-file",
              dir.resolve("nodes.conf").toString(), "--dir", dir.toString(), "--save", "", "--appendonly", "no"))
              .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
          assumeTrue(false, "redis-server cannot run: " + e.getMessage());
        }
        try (RawRedis admin = awaitServer(redis, plain, dir)) {
          admin.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
          admin.call("ACL", "SETUSER", "app", "on", ">s3cret", "~*", "&*", "+@all");
          awaitClusterOk(admin);
        }

        String uri = "rediss-cluster://app:s3cret@127.0.0.1:" + tls;
        RedisConnection c =
            certificate.withJvmTrustStore(() -> new LettuceDriver().connect(RedisEndpoint.parse(uri), SETTINGS));
        try {
          assertThat(c.endpoint().tls()).isTrue();
          assertThat(c.execute(Command.builder("SET").key("tls:a").arg("secret").build())).isEqualTo(bytes("OK"));
          assertThat(c.execute(Command.builder("GET").key("tls:a").build())).isEqualTo(bytes("secret"));
          assertThat(c.executeAsync(Command.builder("INCR").key("tls:n").build()).toCompletableFuture()
              .get(10, TimeUnit.SECONDS)).isEqualTo(1L);
          assertThat(c.pipeline(List.of(Command.builder("TYPE").key("tls:a").build(),
              Command.builder("WAIT").arg(0).arg(0).build(), Command.builder("DEL").key("tls:a").build())))
              .containsExactly(bytes("string"), 0L, 1L);
          assertThat(c.execute(Command.builder("ACL").arg("WHOAMI").routeTo(0).build())).isEqualTo(bytes("app"));
        } finally {
          c.close();
        }

        String wrong = "rediss-cluster://app:wrong@127.0.0.1:" + tls;
        assertThatThrownBy(() -> certificate.withJvmTrustStore(
            () -> new LettuceDriver().connect(RedisEndpoint.parse(wrong), SETTINGS)))
            .isInstanceOf(RedisConnectionException.class)
            .hasMessageContaining("rediss-cluster://app:***@127.0.0.1:" + tls)
            .hasMessageNotContaining("wrong");
        assertThatThrownBy(() -> new LettuceDriver().connect(RedisEndpoint.parse(uri), SETTINGS))
            .as("without the trust store the self-signed certificate is not trusted")
            .isInstanceOf(RedisConnectionException.class);
      } finally {
        if (redis != null) {
          redis.destroyForcibly();
          redis.waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static RawRedis awaitServer(Process redis, int port, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return RawRedis.connect("redis://127.0.0.1:" + port);
      } catch (RuntimeException e) {
        if (!redis.isAlive()) {
          String log = Files.readString(dir.resolve("redis.log"));
          assumeTrue(false, "this redis-server cannot run a TLS cluster node: " + log);
        }
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private static void awaitClusterOk(RawRedis admin) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!String.valueOf(admin.callText("CLUSTER", "INFO")).contains("cluster_state:ok")) {
      assertThat(System.nanoTime()).as("cluster_state:ok within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
