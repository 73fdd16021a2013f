package io.pottery.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.SelfSignedTls;
import io.pottery.testkit.WithRedis;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code spring.data.redis.ssl.bundle}: a PEM bundle trusting a self-signed certificate the JVM's trust store does
 * not know, on a real server's TLS port. Pottery connects only if it took the bundle's trust material, on both
 * drivers. Skipped where openssl or a TLS-capable redis-server is missing.
 */
@WithRedis
class SslBundleTest {
  private static SelfSignedTls tls;

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
      SslAutoConfiguration.class, DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class));

  @BeforeAll
  static void makeCertificate() throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<SelfSignedTls> made = SelfSignedTls.create(why);
    assumeTrue(made.isPresent(), () -> "openssl is needed to make a certificate: " + why);
    tls = made.get();
  }

  @AfterAll
  static void deleteCertificate() {
    if (tls != null) {
      tls.close();
    }
  }

  private static int openTlsPort(RedisServer server) throws IOException {
    int port = SelfSignedTls.freePort();
    try (RawRedis raw = server.client()) {
      raw.call("CONFIG", "SET", "tls-cert-file", tls.certificate().toString(), "tls-key-file", tls.key().toString(),
          "tls-auth-clients", "no", "tls-port", "" + port);
    } catch (RuntimeException e) {
      assumeTrue(false, "this redis-server cannot open a TLS port: " + e.getMessage());
    }
    return port;
  }

  private void connectsThroughTheBundle(RedisServer server, String driver) throws IOException {
    connectsThroughTheBundle(server, driver, runner, "pottery.driver=" + driver);
  }

  private void connectsThroughTheBundle(RedisServer server, String driver, ApplicationContextRunner runner,
      String driverSetting) throws IOException {
    int port = openTlsPort(server);
    try {
      runner.withPropertyValues("spring.ssl.bundle.pem.redis.truststore.certificate=file:" + tls.certificate(),
              "spring.data.redis.ssl.enabled=true", "spring.data.redis.ssl.bundle=redis",
              "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port, driverSetting)
          .run(context -> {
            assertThat(context).hasNotFailed();
            Pottery pottery = context.getBean(Pottery.class);
            assertThat(pottery.driverName()).isEqualTo(driver);
            assertThat(pottery.masters()).containsExactly("rediss://127.0.0.1:" + port + "/0");
            RedisMap<String, String> map = pottery.map("tls:" + UUID.randomUUID(), String.class, String.class);
            map.put("over", "tls");
            assertThat(map.get("over")).isEqualTo("tls");
            map.clear();
          });
      // Without the bundle, the JVM's trust store does not know the certificate: proof the bundle was used.
      runner.withPropertyValues("spring.data.redis.ssl.enabled=true", "spring.data.redis.host=127.0.0.1",
              "spring.data.redis.port=" + port, driverSetting, "pottery.connect-timeout=5s")
          .run(context -> assertThat(context).hasFailed());
    } finally {
      try (RawRedis raw = server.client()) {
        raw.call("CONFIG", "SET", "tls-port", "0");
      }
    }
  }

  @Test
  void lettuceUsesTheSslBundle(RedisServer server) throws IOException {
    connectsThroughTheBundle(server, "lettuce");
  }

  @Test
  void withoutLettuceJedisIsPickedAndUsesTheSslBundle(RedisServer server) throws IOException {
    connectsThroughTheBundle(server, "jedis",
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader("io.lettuce",
            "io.pottery.driver.lettuce")).withPropertyValues("spring.data.redis.client-type=jedis"),
        "pottery.namespace=jedis-only:");
  }

  @Test
  void jedisUsesTheSslBundle(RedisServer server) throws IOException {
    connectsThroughTheBundle(server, "jedis");
  }
}
