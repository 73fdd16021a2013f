package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Which source the testkit picks, in which order, what it says about it, and that forcing one is honoured or
 * fails loudly. The order itself is decided by a pure function fed with probe results written here.
 */
class SourceSelectionTest {
  private static final Path PATH_SERVER = Path.of("/usr/bin/redis-server");
  private static final Path EMBEDDED_SERVER = Path.of("/tmp/pottery-embedded-redis/redis-server-6.2.6-v5-linux-amd64");

  /** Probe results chosen by the test, recording which probes were asked. */
  private static final class Offer implements SourceSelection.Probes {
    final List<String> asked = new ArrayList<>();
    final boolean docker;
    final boolean path;
    final boolean embedded;

    Offer(boolean docker, boolean path, boolean embedded) {
      this.docker = docker;
      this.path = path;
      this.embedded = embedded;
    }

    @Override
    public Probe docker() {
      asked.add("docker");
      return docker ? Probe.found(null, "Docker through Testcontainers") : Probe.missing("no Docker engine answered");
    }

    @Override
    public Probe path() {
      asked.add("path");
      return path ? Probe.found(PATH_SERVER, "redis-server from the PATH") : Probe.missing("no redis-server on the PATH");
    }

    @Override
    public Probe embedded() {
      asked.add("embedded");
      return embedded ? Probe.found(EMBEDDED_SERVER, "the embedded 6.2 binary")
          : Probe.missing("embedded-redis has no build for plan9/mips");
    }
  }

  private static SourceChoice choose(String setting, String env, SourceSelection.Probes probes) {
    return SourceSelection.choose(setting, "-Dpottery.test.redis=" + (setting == null ? "" : setting), env, probes);
  }

  @Test
  void externalUrlWinsAndNothingIsProbed() {
    Offer offer = new Offer(true, true, true);
    ServerSupply supply = choose(null, "redis://:pw@db1:6380/2, redis://db2:6381", offer).require();
    assertThat(supply.source()).isEqualTo(RedisSource.EXTERNAL);
    assertThat(supply.externalUris()).containsExactly("redis://:pw@db1:6380/2", "redis://db2:6381");
    assertThat(supply.description())
        .isEqualTo("external Redis from POTTERY_TEST_REDIS (redis://db1:6380/2, redis://db2:6381/0)");
    assertThat(offer.asked).isEmpty();
  }

  @Test
  void defaultOrderIsDockerThenPathThenEmbedded() {
    Offer all = new Offer(true, true, true);
    assertThat(choose("", null, all).require().source()).isEqualTo(RedisSource.DOCKER);
    assertThat(all.asked).containsExactly("docker");

    Offer noDocker = new Offer(false, true, true);
    ServerSupply path = choose("auto", " ", noDocker).require();
    assertThat(path.source()).isEqualTo(RedisSource.PATH);
    assertThat(path.executable()).isEqualTo(PATH_SERVER);
    assertThat(path.description())
        .isEqualTo("redis-server from the PATH; POTTERY_TEST_REDIS is unset; Docker: no Docker engine answered");
    assertThat(noDocker.asked).containsExactly("docker", "path");

    Offer onlyEmbedded = new Offer(false, false, true);
    ServerSupply embedded = choose(null, null, onlyEmbedded).require();
    assertThat(embedded.source()).isEqualTo(RedisSource.EMBEDDED);
    assertThat(embedded.executable()).isEqualTo(EMBEDDED_SERVER);
    assertThat(embedded.description()).contains("the embedded 6.2 binary", "no redis-server on the PATH");
  }

  @Test
  void nothingAtAllSaysWhatWasTriedAndHowToInstallRedis() {
    SourceChoice choice = choose(null, null, new Offer(false, false, false));
    assertThat(choice.supply()).isNull();
    assertThatThrownBy(choice::require).isInstanceOf(IllegalStateException.class)
        .hasMessage("No Redis server for the tests: POTTERY_TEST_REDIS is unset; Docker: no Docker engine answered;"
            + " no redis-server on the PATH; embedded-redis has no build for plan9/mips. Install Redis (Debian/Ubuntu:"
            + " sudo apt-get install redis-server; Fedora: sudo dnf install redis; macOS: brew install redis), or set"
            + " POTTERY_TEST_REDIS=redis://host:port to a server the tests may write to.");
  }

  @Test
  void aForcedSourceIsUsedEvenWhenAnEarlierOneIsThere() {
    Offer offer = new Offer(true, true, true);
    ServerSupply embedded = choose("EMBEDDED", "redis://db1:6379", offer).require();
    assertThat(embedded.source()).isEqualTo(RedisSource.EMBEDDED);
    assertThat(embedded.description()).isEqualTo("the embedded 6.2 binary (forced by -Dpottery.test.redis=EMBEDDED)");
    assertThat(offer.asked).containsExactly("embedded");
    assertThat(choose("path", null, offer).require().source()).isEqualTo(RedisSource.PATH);
    assertThat(choose("docker", null, offer).require().source()).isEqualTo(RedisSource.DOCKER);
    assertThat(choose("external", "redis://db1:6379", offer).require().externalUris())
        .containsExactly("redis://db1:6379");
    assertThat(choose("redis://db9:7000/1", "redis://db1:6379", offer).require().externalUris())
        .containsExactly("redis://db9:7000/1");
  }

  @Test
  void aForcedSourceThatIsMissingFailsInsteadOfFallingBack() {
    Offer nothing = new Offer(false, true, false);
    assertThatThrownBy(() -> choose("embedded", null, nothing).require())
        .hasMessage("-Dpottery.test.redis=embedded asks for embedded servers, but embedded-redis has no build for"
            + " plan9/mips. Remove the setting to use what is available.");
    assertThatThrownBy(() -> choose("docker", null, nothing).require())
        .hasMessageStartingWith("-Dpottery.test.redis=docker asks for docker servers, but no Docker engine answered.");
    assertThatThrownBy(() -> choose("external", null, nothing).require())
        .hasMessageContaining("POTTERY_TEST_REDIS is unset");
    assertThatThrownBy(() -> choose("redis", null, nothing).require())
        .hasMessage("-Dpottery.test.redis=redis is not one of auto, external, docker, path, embedded or redis:// URLs");
    assertThatThrownBy(() -> choose(null, "http://db1", nothing).require())
        .hasMessageContaining("POTTERY_TEST_REDIS: Not a redis:// or rediss:// URI: \"http://db1\"");
  }

  @Test
  void externalServersAreNeitherControllableNorMoreThanListed() {
    ServerSupply external = choose(null, "redis://:pw@db1:6379", new Offer(false, false, false)).require();
    assertThat(external.gap(1, false)).isEmpty();
    assertThat(external.gap(1, true)).get().asString()
        .startsWith("needs Redis servers it may kill, pause or restart, but the tests use external Redis from"
            + " POTTERY_TEST_REDIS (redis://db1:6379/0)")
        .doesNotContain("pw");
    assertThat(external.gap(5, false)).get().asString()
        .contains("needs 5 independent Redis masters", "gives 1", "List 5 redis:// URLs separated by commas");
    assertThatThrownBy(() -> external.start(3)).isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("RedisServers.start(3) needs 3 independent Redis masters");
    ServerSupply path = choose("path", null, new Offer(false, true, false)).require();
    assertThat(path.gap(5, true)).isEmpty();
  }

  @Test
  void findsRedisServerOnAPath(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path other = Files.createDirectories(dir.resolve("other"));
    assertThat(SourceSelection.onPath(other + java.io.File.pathSeparator + bin).found()).isFalse();
    Path server = Files.createFile(bin.resolve("redis-server"));
    assertThat(server.toFile().setExecutable(true)).isTrue();
    Probe probe = SourceSelection.onPath(other + java.io.File.pathSeparator + bin);
    assertThat(probe.executable()).isEqualTo(server);
    assertThat(probe.detail()).isEqualTo("redis-server from the PATH (" + server + ")");
    assertThat(SourceSelection.onPath(null).detail()).isEqualTo("no redis-server on the PATH");
  }

  /** The machine's real choice: what {@link RedisSource#selected()} says is what servers come from. */
  @Test
  void theSelectedSourceIsTheOneServersComeFrom() {
    RedisSource selected = RedisSource.selected();
    assertThat(SourceSelection.byDefault()).isSameAs(SourceSelection.byDefault());
    try (RedisServers servers = RedisServers.start(1)) {
      assertThat(servers.source()).isEqualTo(selected);
      assertThat(servers.first().source()).isEqualTo(selected);
      assertThat(servers.toString()).endsWith(" from " + selected.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Without Docker, the Docker path must stay out of the way, and forcing it must say why it cannot be. */
  @Test
  void withoutDockerTheDockerSourceStepsAsideCleanly() {
    Probe docker = DockerRedis.probe();
    assumeFalse(docker.found(), "a Docker engine answers here");
    assertThat(docker.detail()).isEqualTo("no Docker engine answered Testcontainers");
    assertThat(RedisSource.selected()).isNotEqualTo(RedisSource.DOCKER);
    assertThatThrownBy(() -> RedisServers.start(1, RedisSource.DOCKER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("RedisSource.DOCKER asks for docker servers, but no Docker engine answered");
  }

  @Test
  void aRedisServerOnThePathIsUsedWhenNothingComesBefore() {
    assumeTrue(System.getenv(SourceSelection.ENV) == null && System.getProperty(SourceSelection.PROPERTY) == null
        && !DockerRedis.probe().found() && SourceSelection.onPath(System.getenv("PATH")).found(),
        "only when the PATH is the first source available");
    assertThat(RedisSource.selected()).isEqualTo(RedisSource.PATH);
  }
}
