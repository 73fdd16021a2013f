package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last-resort source: the Redis 6.2 binary inside the embedded-redis jar, extracted and run as a process.
 * Runs in both Surefire executions; in the {@code embedded-redis} one, {@code -Dpottery.test.redis=embedded}
 * is set and every other check there runs on this binary too.
 */
class EmbeddedRedisTest {

  @Test
  void picksTheBinaryForEachPlatform() {
    assertThat(EmbeddedBinary.resourceFor("Linux", "amd64")).contains("redis-server-6.2.6-v5-linux-amd64");
    assertThat(EmbeddedBinary.resourceFor("Linux", "x86_64")).contains("redis-server-6.2.6-v5-linux-amd64");
    assertThat(EmbeddedBinary.resourceFor("Linux", "aarch64")).contains("redis-server-6.2.7-linux-arm64");
    assertThat(EmbeddedBinary.resourceFor("Linux", "i386")).contains("redis-server-6.2.7-linux-386");
    assertThat(EmbeddedBinary.resourceFor("Mac OS X", "aarch64")).contains("redis-server-6.2.6-v5-darwin-arm64");
    assertThat(EmbeddedBinary.resourceFor("Mac OS X", "x86_64")).contains("redis-server-6.2.6-v5-darwin-amd64");
    assertThat(EmbeddedBinary.resourceFor("Windows 11", "amd64")).isEmpty();
    assertThat(EmbeddedBinary.resourceFor("Linux", "riscv64")).isEmpty();
  }

  /** Every name the mapping can give is really in the jar, so no platform is promised a missing binary. */
  @Test
  void everyMappedBinaryIsInTheJar() {
    String[][] platforms = {{"Linux", "amd64"}, {"Linux", "aarch64"}, {"Linux", "x86"}, {"Mac OS X", "x86_64"},
        {"Mac OS X", "aarch64"}};
    for (String[] platform : platforms) {
      String name = EmbeddedBinary.resourceFor(platform[0], platform[1]).orElseThrow();
      assertThat(getClass().getClassLoader().getResource(name)).as(name).isNotNull();
    }
  }

  @Test
  void extractsOnceAndReusesTheCopy(@TempDir Path dir) throws IOException {
    String name = EmbeddedBinary.resourceFor("Linux", "amd64").orElseThrow();
    URL resource = getClass().getClassLoader().getResource(name);
    Path first = EmbeddedBinary.extract(resource, name, dir);
    assertThat(first).isEqualTo(dir.resolve(name));
    assertThat(Files.isExecutable(first)).isTrue();
    assertThat(Files.size(first)).isEqualTo(resource.openConnection().getContentLengthLong());
    var modified = Files.getLastModifiedTime(first);
    assertThat(EmbeddedBinary.extract(resource, name, dir)).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(first)).isEqualTo(modified);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(first);
    }
  }

  @Test
  void runsRedis62AndAnswers() {
    Optional<String> binary = EmbeddedBinary.resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));
    assumeTrue(binary.isPresent(), "embedded-redis has no binary for this platform");
    try (RedisServers servers = RedisServers.start(1, RedisSource.EMBEDDED)) {
      RedisServer server = servers.first();
      assertThat(servers.source()).isEqualTo(RedisSource.EMBEDDED);
      try (RawRedis raw = server.client()) {
        assertThat(raw.call("PING")).isEqualTo("PONG");
        String info = (String) raw.callText("INFO", "server");
        assertThat(info).containsPattern("redis_version:6\\.2\\.\\d+");
      }
      assertThat(server.version().major()).isEqualTo(6);
      assertThat(server.version().minor()).isEqualTo(2);
      assertThat(ProcessHandle.of(server.pid()).flatMap(h -> h.info().command()).orElse(""))
          .contains("pottery-embedded-redis");
    }
  }

  /** In the {@code embedded-redis} Surefire execution, the property alone makes every server an embedded one. */
  @Test
  void thePropertyForcesTheEmbeddedBinary() {
    assumeTrue("embedded".equals(System.getProperty(SourceSelection.PROPERTY)),
        "runs in the Surefire execution that sets -Dpottery.test.redis=embedded");
    assertThat(RedisSource.selected()).isEqualTo(RedisSource.EMBEDDED);
    try (RedisServers servers = RedisServers.start(1)) {
      assertThat(servers.source()).isEqualTo(RedisSource.EMBEDDED);
      assertThat(servers.version()).isEqualTo(servers.first().version());
      assertThat(servers.version().toString()).startsWith("6.2.");
    }
  }
}
