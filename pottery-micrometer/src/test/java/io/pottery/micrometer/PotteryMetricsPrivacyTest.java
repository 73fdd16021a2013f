package io.pottery.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.TypeRef;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No meter name, tag or observation key value ever carries a password, nor a key name unless the user opted in.
 * Runs against servers of its own that require a password (so no other test shares them), three masters, so
 * that quorum rounds and per-master tags are produced, on both drivers.
 */
class PotteryMetricsPrivacyTest {
  private static final String PASSWORD = "pw-7f3a9c-do-not-leak";
  private static final String KEY = "customer-4711-private";
  private static RedisServers servers;

  @BeforeAll
  static void startServersWithAPassword() {
    servers = RedisServers.start(3);
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        raw.call("CONFIG", "SET", "requirepass", PASSWORD);
      }
    }
  }

  @AfterAll
  static void stopServers() {
    servers.close();
  }

  private static String[] uris() {
    List<String> uris = new ArrayList<>();
    for (RedisServer server : servers.all()) {
      uris.add("redis://:" + PASSWORD + "@" + server.host() + ":" + server.port() + "/0");
    }
    return uris.toArray(new String[0]);
  }

  /** Every word a meter or an observation shows: names, tag keys and values, contextual names, key values. */
  private static List<String> everything(SimpleMeterRegistry meters, TestObservationRegistry observations) {
    List<String> all = new ArrayList<>(PotteryMetricsTest.everyNameAndTag(meters));
    TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts -> {
      for (Observation.Context context : contexts) {
        all.add(context.getName());
        all.add(context.getContextualName());
        context.getAllKeyValues().forEach(kv -> {
          all.add(kv.getKey());
          all.add(kv.getValue());
        });
      }
    });
    return all;
  }

  private static List<String> run(String driver, boolean keyNames) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TestObservationRegistry observations = TestObservationRegistry.create();
    PotteryMetrics metrics = PotteryMetrics.builder(meters).observationRegistry(observations).keyNamesAsTags(keyNames)
        .tagFilter((name, tags) -> tags.and(Tags.empty())).build();
    try (Pottery pottery = Pottery.builder().masters(uris()).driver(driver).listener(metrics).build()) {
      Redlock lock = pottery.redlock(KEY);
      try (Redlock.Held held = lock.hold()) {
        lock.extend();
      }
      pottery.nextId(KEY).nextLong();
      pottery.memoize(KEY + "-memo", (Integer x) -> x + 1, TypeRef.of(Integer.class)).apply(1);
      pottery.map(KEY + "-map", String.class, String.class).put("field", "value");
      pottery.cachedOrderedMap(KEY + "-cache", String.class, String.class, List.of("a")).put("a", "b");
    }
    assertThat(meters.getMeters()).hasSizeGreaterThan(10);
    return everything(meters, observations);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void noPasswordAndNoKeyNameWithoutTheOptIn(String driver) {
    List<String> shown = run(driver, false);
    assertThat(shown).noneMatch(word -> word != null && word.contains(PASSWORD));
    assertThat(shown).noneMatch(word -> word != null && word.contains("customer-4711"));
    assertThat(shown).contains(servers.get(1).host() + ":" + servers.get(1).port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void keyNamesOnlyWithTheOptInAndStillNoPassword(String driver) {
    List<String> shown = run(driver, true);
    assertThat(shown).noneMatch(word -> word != null && word.contains(PASSWORD));
    assertThat(shown).contains("redlock:" + KEY, "nextid:" + KEY, KEY + "-memo", KEY + "-map", KEY + "-cache");
  }
}
