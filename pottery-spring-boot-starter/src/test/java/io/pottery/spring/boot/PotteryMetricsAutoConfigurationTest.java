package io.pottery.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.Redlock;
import io.pottery.instrumentation.Operation;
import io.pottery.instrumentation.PotteryListener;
import io.pottery.micrometer.PotteryMetrics;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@link PotteryMetricsAutoConfiguration} with {@link ApplicationContextRunner} on a real server: the application's
 * {@code MeterRegistry} and {@code ObservationRegistry} see Pottery's real operations; each condition on and off.
 */
@WithRedis
class PotteryMetricsAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
      DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class, PotteryMetricsAutoConfiguration.class));

  private static ApplicationContextRunner on(ApplicationContextRunner runner, RedisServer server) {
    return runner.withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port());
  }

  /** A map write, read and clear, and one lock held and released: what every test below measures. */
  private static String work(AssertableApplicationContext context) {
    Pottery pottery = context.getBean(Pottery.class);
    String key = "metrics:" + UUID.randomUUID();
    RedisMap<String, Integer> map = pottery.map(key, String.class, Integer.class);
    map.put("a", 1);
    assertThat(map.get("a")).isEqualTo(1);
    map.clear();
    Redlock lock = pottery.redlock(key);
    try (Redlock.Held held = lock.hold()) {
      assertThat(lock.locked()).isPositive();
    }
    return key;
  }

  private static long potteryMeters(MeterRegistry registry) {
    return registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("pottery.")).count();
  }

  @Test
  void withAMeterRegistryPotteryRecordsItsOperationsThere(RedisServer server) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    on(runner, server).withBean(MeterRegistry.class, () -> registry).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(PotteryMetrics.class);
      assertThat(potteryMeters(registry)).as("nothing before the first operation").isZero();
      String key = work(context);
      Timer acquired = registry.find("pottery.lock.acquire").tag("outcome", "acquired").timer();
      assertThat(acquired).as("pottery.lock.acquire{outcome=acquired}").isNotNull();
      assertThat(acquired.count()).isEqualTo(1);
      assertThat(registry.find("pottery.lock.held").timer()).isNotNull().extracting(Timer::count).isEqualTo(1L);
      assertThat(registry.find("pottery.commands").tag("structure", "RedisMap").timers())
          .as("the map's round trips").isNotEmpty()
          .allSatisfy(timer -> assertThat(timer.getId().getTag("key")).as("no key tag without the opt-in").isNull());
      assertThat(registry.getMeters()).noneSatisfy(meter -> assertThat(meter.getId().getTags().toString()).contains(key));
    });
  }

  /** Receives every observation Spring Boot's {@code ObservationRegistry} handles. */
  static final class RecordingHandler implements ObservationHandler<Observation.Context> {
    final List<String> stopped = new CopyOnWriteArrayList<>();

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }

    @Override
    public void onStop(Observation.Context context) {
      stopped.add(context.getName() + " " + context.getContextualName());
    }
  }

  @Test
  void withSpringBootsOwnMetricsAndObservationAutoConfigurations(RedisServer server) {
    // Listed first: the auto-configuration order, not this list, must put Boot's registries before it.
    RecordingHandler handler = new RecordingHandler();
    on(new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PotteryMetricsAutoConfiguration.class,
        PotteryAutoConfiguration.class, DataRedisAutoConfiguration.class, ObservationAutoConfiguration.class,
        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class)), server)
        .withBean(RecordingHandler.class, () -> handler)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(PotteryMetrics.class);
          work(context);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.find("pottery.lock.acquire").tag("outcome", "acquired").timer())
              .as("Spring Boot's MeterRegistry has Pottery's meters").isNotNull();
          assertThat(handler.stopped).as("Spring Boot's ObservationRegistry saw Pottery's observations")
              .contains("pottery.operation Redlock acquire", "pottery.operation Redlock release");
        });
  }

  @Test
  void keyNamesAsTagsIsBound(RedisServer server) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    on(runner, server).withBean(MeterRegistry.class, () -> registry)
        .withPropertyValues("pottery.metrics.key-names-as-tags=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          String key = work(context);
          assertThat(registry.find("pottery.lock.acquire").tag("key", "redlock:" + key).timer())
              .as("the lock's Redis key as a tag").isNotNull();
        });
  }

  @Test
  void theObservationRegistryReceivesOnePotteryOperationPerOperation(RedisServer server) {
    TestObservationRegistry observations = TestObservationRegistry.create();
    on(runner, server).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(TestObservationRegistry.class, () -> observations)
        .run(context -> {
          assertThat(context).hasNotFailed();
          work(context);
          TestObservationRegistryAssert.assertThat(observations).hasObservationWithNameEqualTo("pottery.operation")
              .that().hasBeenStarted().hasBeenStopped()
              .hasLowCardinalityKeyValue("db.system.name", "redis");
          TestObservationRegistryAssert.assertThat(observations).hasHandledContextsThatSatisfy(contexts -> {
            List<String> names = contexts.stream().map(Observation.Context::getContextualName).toList();
            assertThat(names).as("one observation per operation").contains("Redlock acquire", "Redlock release");
            assertThat(contexts).allSatisfy(c -> assertThat(c.getName()).isEqualTo("pottery.operation"));
          });
        });
  }

  @Test
  void offByProperty(RedisServer server) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    on(runner, server).withBean(MeterRegistry.class, () -> registry).withPropertyValues("pottery.metrics.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).doesNotHaveBean(PotteryMetrics.class);
          work(context);
          assertThat(potteryMeters(registry)).isZero();
        });
  }

  @Test
  void offWithPotteryItself(RedisServer server) {
    on(runner, server).withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("pottery.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Pottery.class)
            .doesNotHaveBean(PotteryMetrics.class));
  }

  @Test
  void noMeterRegistryBeanNoMetrics(RedisServer server) {
    on(runner, server).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).doesNotHaveBean(PotteryMetrics.class);
      work(context);
    });
  }

  @Test
  void absentWithoutMicrometerOnTheClassPath(RedisServer server) {
    on(runner, server).withClassLoader(new FilteredClassLoader("io.micrometer", "io.pottery.micrometer"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).doesNotHaveBean("potteryMetrics");
          work(context);
        });
  }

  @Test
  void absentWithoutPotteryMicrometerEvenWithARegistry(RedisServer server) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    on(runner, server).withClassLoader(new FilteredClassLoader(PotteryMetrics.class))
        .withBean(MeterRegistry.class, () -> registry)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).doesNotHaveBean("potteryMetrics");
          work(context);
          assertThat(potteryMeters(registry)).isZero();
        });
  }

  @Test
  void theApplicationsOwnPotteryMetricsWins(RedisServer server) {
    SimpleMeterRegistry auto = new SimpleMeterRegistry();
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    PotteryMetrics mine = PotteryMetrics.of(own);
    on(runner, server).withBean(MeterRegistry.class, () -> auto).withBean("myMetrics", PotteryMetrics.class, () -> mine)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(PotteryMetrics.class)).isSameAs(mine);
          work(context);
          assertThat(own.find("pottery.lock.acquire").timer()).as("the application's listener is used").isNotNull();
          assertThat(potteryMeters(auto)).as("no second listener on the context's registry").isZero();
        });
  }

  /** Records the operations it sees. */
  static final class Recording implements PotteryListener<Void> {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public Void started(Operation operation) {
      seen.add(operation.structure() + " " + operation.name());
      return null;
    }
  }

  @Test
  void everyPotteryListenerBeanIsAddedBesideTheMetrics(RedisServer server) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Recording first = new Recording();
    Recording second = new Recording();
    on(runner, server).withBean(MeterRegistry.class, () -> registry)
        .withBean("first", Recording.class, () -> first).withBean("second", Recording.class, () -> second)
        .run(context -> {
          assertThat(context).hasNotFailed();
          work(context);
          assertThat(first.seen).contains("Redlock acquire", "Redlock release");
          assertThat(second.seen).isEqualTo(first.seen);
          assertThat(registry.find("pottery.lock.acquire").timer()).isNotNull();
        });
  }

  @Test
  void listenerBeansWorkWithoutMicrometer(RedisServer server) {
    Recording recording = new Recording();
    on(runner, server).withClassLoader(new FilteredClassLoader("io.micrometer", "io.pottery.micrometer"))
        .withBean(Recording.class, () -> recording)
        .run(context -> {
          assertThat(context).hasNotFailed();
          work(context);
          assertThat(recording.seen).contains("Redlock acquire");
          assertThat(Collections.frequency(recording.seen, "Redlock acquire")).isEqualTo(1);
        });
  }
}
