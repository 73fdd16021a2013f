package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * {@link WithRedis} and {@link RequiresRedis} as JUnit sees them: each case class below is run by a nested
 * JUnit engine (Surefire skips nested classes), and the outcome is checked here, skip reasons included.
 */
@WithRedis
class RedisExtensionTest {
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  /** Runs a case class as Surefire would: system properties are configuration parameters too. */
  private static EngineExecutionResults run(Class<?> type, Map<String, String> parameters) {
    SEEN.clear();
    // The narrowing settings are blank unless a test sets them: a build run with -Dpottery.matrix or
    // -Dpottery.topology (CONTRIBUTING.md, .ci/jdk25) must not narrow the cells these tests count.
    Map<String, String> all = new java.util.HashMap<>(Map.of("pottery.matrix", "", "pottery.topology", ""));
    all.putAll(parameters);
    return EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(true)
        .configurationParameters(all).selectors(selectClass(type)).execute();
  }

  private static List<String> skipReasons(List<Event> events) {
    return events.stream().map(event -> event.getRequiredPayload(String.class)).toList();
  }

  @WithRedis(masters = 2)
  static class ReuseCase {
    @Test
    void first(RedisServers servers) {
      SEEN.add(servers);
    }

    @Test
    void second(RedisServers servers, RedisServer server) {
      SEEN.add(servers);
      SEEN.add(server);
    }

    @Test
    void fails(RedisServers servers) {
      SEEN.add(servers);
      throw new AssertionError("this case fails on purpose");
    }
  }

  @Test
  void serversAreSharedByTheClassAndStoppedAfterItEvenWhenATestFails() {
    assumeTrue(RedisSource.selected().controllable(), "stopping is only visible on servers the testkit starts");
    EngineExecutionResults results = run(ReuseCase.class, Map.of());
    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    RedisServers servers = (RedisServers) SEEN.get(0);
    assertThat(SEEN).filteredOn(RedisServers.class::isInstance).hasSize(3).allMatch(seen -> seen == servers);
    assertThat(SEEN).contains(servers.first());
    assertThat(servers.size()).isEqualTo(2);
    assertThat(servers.all()).noneMatch(RedisServer::isRunning);
  }

  @WithRedis(masters = 3)
  static class LazyCase {
    @Test
    void takesNoServer() {
      SEEN.add(ProcessReaper.instance().liveCount());
    }
  }

  @Test
  void serversStartOnlyWhenATestAsksForThem() {
    int before = ProcessReaper.instance().liveCount();
    run(LazyCase.class, Map.of()).testEvents().assertStatistics(stats -> stats.succeeded(1));
    assertThat(SEEN).containsExactly(before);
  }

  @WithRedis(controllable = true)
  static class ControllableCase {
    @Test
    void killsAServer(RedisServer server) {
      SEEN.add(server);
    }
  }

  @WithRedis(masters = 5)
  static class FiveMastersCase {
    @Test
    void usesAQuorum(RedisServers servers) {
      SEEN.add(servers);
    }
  }

  @WithRedis
  static class SharedCase {
    @Test
    void readsAndWrites(RedisServer server) {
      SEEN.add(server.source());
    }

    @Test
    void killsAnyway(RedisServer server) {
      server.kill();
      SEEN.add("killed");
    }
  }

  @Test
  void onAnExternalServerControlAndQuorumClassesAreSkippedWithTheReason(RedisServer real) {
    Map<String, String> external = Map.of("pottery.test.redis", real.uri());
    EngineExecutionResults controllable = run(ControllableCase.class, external);
    assertThat(skipReasons(controllable.containerEvents().skipped().list())).singleElement().asString()
        .isEqualTo("@WithRedis(masters = 1, controllable = true) needs Redis servers it may kill, pause or restart, but"
            + " the tests use external Redis from -Dpottery.test.redis (redis://127.0.0.1:" + real.port() + "/0), which"
            + " other tests share. Unset POTTERY_TEST_REDIS (or run with -Dpottery.test.redis=path or =embedded) to run it.");
    controllable.testEvents().assertStatistics(stats -> stats.started(0));

    EngineExecutionResults quorum = run(FiveMastersCase.class, external);
    assertThat(skipReasons(quorum.containerEvents().skipped().list())).singleElement().asString()
        .startsWith("@WithRedis(masters = 5, controllable = false) needs 5 independent Redis masters, but external"
            + " Redis from -Dpottery.test.redis (redis://127.0.0.1:" + real.port() + "/0) gives 1.");
    assertThat(SEEN).isEmpty();

    EngineExecutionResults shared = run(SharedCase.class, external);
    shared.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).aborted(1));
    assertThat(shared.testEvents().aborted().list()).singleElement()
        .satisfies(event -> assertThat(event.getTestDescriptor().getDisplayName()).isEqualTo("killsAnyway(RedisServer)"));
    assertThat(SEEN).containsExactly(RedisSource.EXTERNAL);
    assertThat(real.isRunning()).isTrue();
  }

  @WithRedis
  @RequiresRedis(value = "99.0", feature = "time travel")
  static class FutureCase {
    @Test
    void travels() {
      SEEN.add("ran");
    }
  }

  @WithRedis
  static class MixedCase {
    @Test
    @RequiresRedis("2.8")
    void old() {
      SEEN.add("old");
    }

    @Test
    @RequiresRedis("99")
    void future() {
      SEEN.add("future");
    }

    @Test
    void any() {
      SEEN.add("any");
    }

    @MatrixTest
    @RequiresRedis("99")
    void futureOnTheMatrix(MatrixCell cell) {
      SEEN.add(cell);
    }
  }

  @Test
  void tooOldAServerSkipsWithTheVersions(RedisServer server) {
    EngineExecutionResults future = run(FutureCase.class, Map.of());
    assertThat(skipReasons(future.containerEvents().skipped().list())).singleElement().asString()
        .startsWith("needs Redis 99.0.0 or newer (time travel), but the test servers run " + server.version() + " (");
    assertThat(SEEN).isEmpty();

    EngineExecutionResults mixed = run(MixedCase.class, Map.of());
    assertThat(SEEN).containsExactlyInAnyOrder("old", "any");
    assertThat(skipReasons(mixed.testEvents().skipped().list())).singleElement().asString()
        .startsWith("needs Redis 99.0.0 or newer, but the test servers run");
    assertThat(skipReasons(mixed.containerEvents().skipped().list())).singleElement().asString()
        .startsWith("needs Redis 99.0.0 or newer, but the test servers run");
  }

  @WithRedis
  static class Redis7Case {
    @Test
    @RequiresRedis(value = "7.0", feature = "functions")
    void callsAFunction(RedisServer server) {
      SEEN.add(server.version());
    }
  }

  @Test
  void onTheEmbedded62BinaryRedis7FeaturesAreSkipped() {
    assumeTrue(EmbeddedBinary.resourceFor(System.getProperty("os.name"), System.getProperty("os.arch")).isPresent(),
        "embedded-redis has no binary for this platform");
    EngineExecutionResults results = run(Redis7Case.class, Map.of("pottery.test.redis", "embedded"));
    assertThat(skipReasons(results.testEvents().skipped().list())).singleElement().asString()
        .matches("needs Redis 7\\.0\\.0 or newer \\(functions\\), but the test servers run 6\\.2\\.\\d+ \\(the Redis 6\\.2"
            + " binary from com\\.github\\.codemonstur:embedded-redis .*\\)");
    assertThat(SEEN).isEmpty();
  }
}
