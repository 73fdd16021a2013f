package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Parsing and ordering versions, and reading them from real servers. */
@WithRedis(masters = 2)
class RedisVersionTest {

  @Test
  void parsesWhatServersAndAnnotationsWrite() {
    assertThat(RedisVersion.parse("7.0.15")).isEqualTo(new RedisVersion(7, 0, 15));
    assertThat(RedisVersion.parse("7.0")).isEqualTo(new RedisVersion(7, 0, 0));
    assertThat(RedisVersion.parse(" 7 ")).isEqualTo(new RedisVersion(7, 0, 0));
    assertThat(RedisVersion.parse("7.2.0-rc1")).isEqualTo(new RedisVersion(7, 2, 0));
    assertThat(RedisVersion.parse("6.2-rc2.4")).isEqualTo(new RedisVersion(6, 2, 0));
    assertThat(RedisVersion.parse("255.255.255")).hasToString("255.255.255");
    assertThatThrownBy(() -> RedisVersion.parse("v7")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"v7\"");
    assertThatThrownBy(() -> new RedisVersion(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordersNumericallyNotAsText() {
    assertThat(RedisVersion.parse("6.2.14")).isLessThan(RedisVersion.parse("7.0"));
    assertThat(RedisVersion.parse("7.10.0")).isGreaterThan(RedisVersion.parse("7.9.9"));
    assertThat(RedisVersion.parse("7.0.15").isAtLeast(RedisVersion.parse("7.0"))).isTrue();
    assertThat(RedisVersion.parse("7.0.0").isAtLeast(RedisVersion.parse("7.0.0"))).isTrue();
    assertThat(RedisVersion.parse("6.2.6").isAtLeast(RedisVersion.parse("7"))).isFalse();
  }

  @Test
  void serversReportTheirVersion(RedisServers servers) {
    RedisVersion first = servers.first().version();
    assertThat(first.major()).isGreaterThanOrEqualTo(5);
    assertThat(servers.version()).isEqualTo(first);
    assertThat(servers.get(1).version()).isEqualTo(first);
  }

  /** Cross-checks INFO against the binary's own {@code --version}, which the testkit does not read. */
  @Test
  void versionMatchesTheBinary(RedisServers servers) throws IOException, InterruptedException {
    assumeTrue(servers.source() == RedisSource.PATH, "only redis-server processes from the PATH have a binary to ask");
    Probe path = SourceSelection.onPath(System.getenv("PATH"));
    Process version = new ProcessBuilder(path.executable().toString(), "--version").redirectErrorStream(true).start();
    String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Matcher matcher = Pattern.compile("v=(\\d+\\.\\d+\\.\\d+)").matcher(text);
    assertThat(matcher.find()).as(text).isTrue();
    assertThat(servers.first().version()).isEqualTo(RedisVersion.parse(matcher.group(1)));
  }
}
