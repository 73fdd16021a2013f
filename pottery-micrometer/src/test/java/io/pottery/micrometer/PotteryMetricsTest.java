package io.pottery.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.pottery.CachedOrderedMap;
import io.pottery.MemoizedFunction;
import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.Redlock;
import io.pottery.ReleaseUnlockedLock;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * Every meter and observation the README's "Observability" table documents, with its tags and values, from a
 * real run on five real masters: locks with one master frozen (its {@code silent} answers counted by index and
 * address), a lock another holder has, a quorum lost to three frozen masters, a lease lost under the watchdog,
 * NextId, memoize and {@code CachedOrderedMap} hits and misses, a map's round trips. The codec cannot change any
 * of it (meters count operations, not bytes); both drivers and both topologies run it.
 */
@WithRedis(masters = 5, controllable = true)
class PotteryMetricsTest {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(400);

  private final List<RedisServer> paused = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TestObservationRegistry observations = TestObservationRegistry.create();
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void resumeAll() {
    for (RedisServer server : paused) {
      server.resume();
    }
    paused.clear();
  }

  private void pause(RedisServer server) {
    server.pause();
    paused.add(server);
  }

  private Pottery connect(MatrixCell cell, RedisServers servers) {
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onEvent(Observation.Event event, Observation.Context context) {
        events.add(context.getContextualName() + ": " + event.getName());
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    PotteryMetrics metrics = PotteryMetrics.builder(meters).observationRegistry(observations).build();
    return Pottery.builder().masters(servers.uris()).driver(cell.driver()).codec(cell.codec())
        .commandTimeout(COMMAND_TIMEOUT).listener(metrics).build();
  }

  private double count(String name, String... tags) {
    return meters.find(name).tags(tags).meters().stream().mapToDouble(PotteryMetricsTest::countOf).sum();
  }

  private static double countOf(Meter meter) {
    if (meter instanceof io.micrometer.core.instrument.Timer timer) {
      return timer.count();
    }
    if (meter instanceof io.micrometer.core.instrument.Counter counter) {
      return counter.count();
    }
    if (meter instanceof io.micrometer.core.instrument.DistributionSummary summary) {
      return summary.count();
    }
    throw new AssertionError("unexpected meter " + meter.getId());
  }

  @MatrixTest
  void locksWithAFrozenMasterAHolderAndALostQuorum(MatrixCell cell, RedisServers servers, TestKey key) throws Exception {
    RedisServer frozen = servers.get(4);
    try (Pottery pottery = connect(cell, servers)) {
      Redlock lock = pottery.redlock(key.name());
      try (Redlock.Held held = lock.hold()) {
        Thread.sleep(30);
        lock.extend();
      }

      pause(frozen);
      assertThat(lock.acquire()).isTrue();
      lock.release();

      Redlock other = pottery.redlock(key.name());
      assertThat(other.acquire()).isTrue();
      assertThat(lock.acquire(false)).isFalse(); // held by `other`: timeout, not a quorum failure
      other.release();

      pause(servers.get(3));
      pause(servers.get(2));
      assertThat(lock.acquire(false)).isFalse(); // three of five frozen: the quorum is out of reach
      resumeAll();

      assertThat(count("pottery.lock.acquire", "outcome", "acquired")).isEqualTo(3);
      assertThat(count("pottery.lock.acquire", "outcome", "timeout")).isEqualTo(1);
      assertThat(count("pottery.lock.acquire", "outcome", "quorum_not_achieved")).isEqualTo(1);
      assertThat(count("pottery.lock.wait")).isEqualTo(3);
      assertThat(count("pottery.lock.held")).isEqualTo(3);
      assertThat(meters.get("pottery.lock.held").timers().stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).max()
          .orElseThrow()).isGreaterThanOrEqualTo(30);
      assertThat(count("pottery.lock.extensions")).isEqualTo(1);
      assertThat(count("pottery.commands", "structure", "Redlock", "operation", "release", "outcome", "success")).isEqualTo(3);
      assertThat(count("pottery.commands", "structure", "Redlock", "operation", "extend", "outcome", "success")).isEqualTo(1);

      // Per master: the frozen one was silent in every round it missed, by index and host:port, never a password.
      String address = frozen.host() + ":" + frozen.port();
      assertThat(count("pottery.quorum.answers", "master", "4", "server.address", address, "answer", "silent"))
          .isGreaterThanOrEqualTo(3);
      // Rounds return at quorum, so which masters' yes were counted depends on who was fastest; a quorum was.
      assertThat(count("pottery.quorum.answers", "round", "redlock-acquire", "answer", "yes")).isGreaterThanOrEqualTo(3 * 3);
      assertThat(count("pottery.quorum.answers", "round", "redlock-acquire", "answer", "no")).isGreaterThanOrEqualTo(3);
      assertThat(count("pottery.quorum.round", "structure", "Redlock", "round", "redlock-acquire", "outcome", "achieved"))
          .isEqualTo(3);
      assertThat(count("pottery.quorum.round", "round", "redlock-acquire", "outcome", "not_achieved")).isEqualTo(2);
      assertThat(count("pottery.quorum.round", "round", "redlock-release", "outcome", "achieved")).isEqualTo(3);
      // The undo of a failed attempt is sent without waiting: not a round anyone decided on, so not reported.
      assertThat(count("pottery.quorum.round", "round", "redlock-release")).isEqualTo(3);

      // One observation per operation, low and high cardinality split, the rounds inside it as events.
      TestObservationRegistryAssert.assertThat(observations)
          .hasNumberOfObservationsWithNameEqualTo("pottery.operation", 9)
          .hasObservationWithNameEqualTo("pottery.operation").that()
          .hasContextualNameEqualTo("Redlock acquire")
          .hasLowCardinalityKeyValue("db.system.name", "redis")
          .hasLowCardinalityKeyValue("pottery.structure", "Redlock")
          .hasLowCardinalityKeyValue("pottery.operation", "acquire")
          .hasLowCardinalityKeyValue("outcome", "acquired")
          .hasHighCardinalityKeyValueWithKey("pottery.quorum.answers")
          .doesNotHaveHighCardinalityKeyValueWithKey("pottery.key");
      TestObservationRegistryAssert.assertThat(observations)
          .hasAnObservationWithAKeyValue("outcome", "timeout")
          .hasAnObservationWithAKeyValue("outcome", "quorum_not_achieved")
          .hasHandledContextsThatSatisfy(contexts -> assertThat(contexts).anySatisfy(context ->
              assertThat(String.valueOf(context.getHighCardinalityKeyValue("pottery.quorum.answers"))).contains("4=silent")));
      assertThat(events).contains("Redlock acquire: pottery.quorum.round", "Redlock acquire: pottery.lock.acquired",
          "Redlock release: pottery.lock.released", "Redlock extend: pottery.lock.extended");
    }
  }

  @MatrixTest
  void aLeaseLostUnderTheWatchdogIsCounted(MatrixCell cell, RedisServers servers, TestKey key) throws Exception {
    try (Pottery pottery = connect(cell, servers)) {
      CountDownLatch lost = new CountDownLatch(1);
      Redlock lock = pottery.redlockBuilder(key.name()).autoRelease(Duration.ofMillis(600))
          .watchdog(l -> lost.countDown()).build();
      lock.lock();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (count("pottery.lock.renewals") < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(count("pottery.lock.renewals")).isGreaterThanOrEqualTo(1);
      for (RedisServer server : servers.all()) {
        try (RawRedis raw = server.client()) {
          raw.call("DEL", "redlock:" + key.name()); // an operator, or a restart without persistence
        }
      }
      assertThat(lost.await(3, TimeUnit.SECONDS)).isTrue();
      assertThat(count("pottery.lock.lease.lost")).isEqualTo(1);
      assertThatThrownBy(lock::unlock).isInstanceOf(ReleaseUnlockedLock.class);
      // The release that found the lease gone is a quorum failure, and the time it was held is still recorded.
      assertThat(count("pottery.commands", "structure", "Redlock", "operation", "release", "outcome", "quorum_not_achieved"))
          .isEqualTo(1);
      assertThat(count("pottery.lock.held")).isEqualTo(1);
      assertThat(count("pottery.quorum.round", "round", "redlock-extend", "outcome", "not_achieved")).isEqualTo(1);
    }
  }

  @MatrixTest
  void nextIdCachesAndCollections(MatrixCell cell, RedisServers servers, TestKey key) {
    try (Pottery pottery = connect(cell, servers)) {
      NextId ids = pottery.nextId(key.name());
      long first = ids.nextLong();
      assertThat(ids.nextLong()).isEqualTo(first + 1);
      assertThat(count("pottery.nextid", "outcome", "success")).isEqualTo(2);
      assertThat(count("pottery.nextid.ids")).isEqualTo(2);
      assertThat(meters.get("pottery.nextid.ids").summary().totalAmount()).isEqualTo(2);
      assertThat(count("pottery.quorum.round", "structure", "NextId", "round", "nextid-propose", "outcome", "achieved"))
          .isEqualTo(2);

      MemoizedFunction<Integer, Integer> twice = pottery.memoize(key.derived("memo"), x -> x * 2, TypeRef.of(Integer.class));
      assertThat(twice.apply(21)).isEqualTo(42);
      assertThat(twice.apply(21)).isEqualTo(42);
      assertThat(twice.apply(5)).isEqualTo(10);
      assertThat(count("pottery.cache.gets", "structure", "MemoizedFunction", "result", "hit")).isEqualTo(1);
      assertThat(count("pottery.cache.gets", "structure", "MemoizedFunction", "result", "miss")).isEqualTo(2);
      assertThat(meters.get("pottery.cache.puts").tag("structure", "MemoizedFunction").counter().count()).isEqualTo(2);
      twice.cacheClear();
      assertThat(meters.get("pottery.cache.evictions").tag("structure", "MemoizedFunction").counter().count()).isEqualTo(2);
      assertThat(count("pottery.commands", "structure", "MemoizedFunction", "operation", "apply", "outcome", "success"))
          .isEqualTo(3);
      // A miss looks up twice (again once it holds the in-flight slot), a hit once: 2 + 1 + 2.
      assertThat(count("pottery.commands", "structure", "MemoizedFunction", "operation", "HGET+PEXPIRE")).isEqualTo(5);
      assertThat(count("pottery.commands", "structure", "MemoizedFunction", "operation", "HSET+PEXPIRE")).isEqualTo(2);

      String cache = key.derived("cached");
      CachedOrderedMap<String, Integer> empty = pottery.cachedOrderedMap(cache, String.class, Integer.class, List.of("a"));
      empty.put("a", 1);
      CachedOrderedMap<String, Integer> view = pottery.cachedOrderedMap(cache, String.class, Integer.class, List.of("a", "b", "c"));
      assertThat(view.misses()).containsExactly("b", "c");
      assertThat(count("pottery.cache.gets", "structure", "CachedOrderedMap", "result", "hit")).isEqualTo(1);
      assertThat(meters.get("pottery.cache.gets").tags("structure", "CachedOrderedMap", "result", "miss").counter().count())
          .isEqualTo(3);
      assertThat(meters.get("pottery.cache.puts").tag("structure", "CachedOrderedMap").counter().count()).isEqualTo(1);

      RedisMap<String, Integer> map = pottery.map(key.derived("map"), String.class, Integer.class);
      map.put("jack", 4098);
      assertThat(map.get("jack")).isEqualTo(4098);
      assertThat(count("pottery.commands", "structure", "RedisMap", "outcome", "success")).isEqualTo(2);

      // A memoized call is one observation; its Redis round trips are its children.
      TestObservationRegistryAssert.assertThat(observations)
          .hasHandledContextsThatSatisfy(contexts -> assertThat(contexts).anySatisfy(context -> {
            assertThat(context.getContextualName()).isEqualTo("MemoizedFunction HGET+PEXPIRE");
            assertThat(context.getParentObservation()).isNotNull();
            assertThat(context.getParentObservation().getContextView().getContextualName()).isEqualTo("MemoizedFunction apply");
          }));
      assertThat(events).contains("NextId next: pottery.ids.issued", "MemoizedFunction apply: pottery.cache.hit",
          "MemoizedFunction apply: pottery.cache.miss", "MemoizedFunction apply: pottery.cache.put");
    }
  }

  @MatrixTest
  void anOperationOnAClosedPotteryIsAnError(MatrixCell cell, RedisServers servers, TestKey key) {
    Pottery pottery = connect(cell, servers);
    Redlock lock = pottery.redlock(key.name());
    NextId ids = pottery.nextId(key.name());
    pottery.close();
    assertThatThrownBy(lock::acquire).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(ids::nextLong).isInstanceOf(IllegalStateException.class);
    assertThat(count("pottery.lock.acquire", "outcome", "error")).isEqualTo(1);
    assertThat(count("pottery.nextid", "outcome", "error")).isEqualTo(1);
    TestObservationRegistryAssert.assertThat(observations).hasAnObservation(o -> o.hasError());
  }

  /** Every meter name, tag key and tag value, for the privacy test. */
  static List<String> everyNameAndTag(SimpleMeterRegistry registry) {
    List<String> all = new ArrayList<>();
    for (Meter meter : registry.getMeters()) {
      all.add(meter.getId().getName());
      for (Tag tag : meter.getId().getTags()) {
        all.add(tag.getKey());
        all.add(tag.getValue());
      }
    }
    return all;
  }
}
