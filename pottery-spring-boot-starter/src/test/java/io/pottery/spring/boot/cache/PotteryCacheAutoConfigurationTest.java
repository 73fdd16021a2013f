package io.pottery.spring.boot.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pottery.TypeRef;
import io.pottery.spring.boot.PotteryAutoConfiguration;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link PotteryCacheAutoConfiguration} with {@link ApplicationContextRunner} on a real server, next to Spring
 * Boot's own cache auto-configuration: every condition on and off, properties bound, the application's cache
 * manager winning, Micrometer absent or present.
 */
@WithRedis
class PotteryCacheAutoConfigurationTest {

  /** What {@code @EnableCaching} in an application does. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class Caching {}

  /** An application with its own cache manager. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class OwnManager {
    @Bean
    CacheManager myCacheManager() {
      return new ConcurrentMapCacheManager("mine");
    }
  }

  /** A record cached values are read back as. */
  record Book(String isbn, String title) {}

  // Pottery's listed first: the auto-configuration order, not this list, must put it before Boot's.
  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
      PotteryCacheAutoConfiguration.class, CacheAutoConfiguration.class, DataRedisAutoConfiguration.class,
      PotteryAutoConfiguration.class));

  private static ApplicationContextRunner on(ApplicationContextRunner runner, RedisServer server) {
    return runner.withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port(),
        "pottery.namespace=cachetest-" + UUID.randomUUID() + ":");
  }

  @Test
  void withCachingEnabledAndNoCacheManagerPotteryProvidesIt(RedisServer server) {
    on(runner, server).withUserConfiguration(Caching.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(CacheManager.class).hasSingleBean(PotteryCacheManager.class);
      PotteryCacheManager manager = context.getBean(PotteryCacheManager.class);
      PotteryCache cache = manager.getCache("books");
      assertThat(cache).as("created on first use").isNotNull();
      cache.put("k", "v");
      assertThat(cache.get("k").get()).isEqualTo("v");
      assertThat(manager.getCacheNames()).containsExactly("books");
      assertThat(cache.settings()).isEqualTo(PotteryCacheSettings.DEFAULTS);
    });
  }

  @Test
  void springCacheTypePotteryIsAcceptedAlthoughBootsEnumHasNoSuchValue(RedisServer server) {
    on(runner, server).withUserConfiguration(Caching.class).withPropertyValues("spring.cache.type=pottery")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PotteryCacheManager.class));
  }

  @Test
  void anyOtherSpringCacheTypeLeavesTheChoiceToSpringBoot(RedisServer server) {
    on(runner, server).withUserConfiguration(Caching.class).withPropertyValues("spring.cache.type=none").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(PotteryCacheManager.class);
      assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class);
    });
    on(runner, server).withUserConfiguration(Caching.class).withPropertyValues("spring.cache.type=simple").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(PotteryCacheManager.class);
      assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
    });
  }

  @Test
  void potteryCacheEnabledFalseOrPotteryEnabledFalseTurnItOff(RedisServer server) {
    on(runner, server).withUserConfiguration(Caching.class).withPropertyValues("pottery.cache.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(PotteryCacheManager.class);
      assertThat(context.getBean(CacheManager.class)).as("Spring Boot's own choice: Spring Data Redis's, on the class path")
          .isInstanceOf(org.springframework.data.redis.cache.RedisCacheManager.class);
    });
    on(runner, server).withUserConfiguration(Caching.class).withPropertyValues("pottery.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PotteryCacheManager.class));
  }

  @Test
  void withoutEnableCachingThereIsNoCacheManager(RedisServer server) {
    on(runner, server).run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CacheManager.class));
  }

  @Test
  void theApplicationsCacheManagerWins(RedisServer server) {
    on(runner, server).withUserConfiguration(OwnManager.class).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(PotteryCacheManager.class);
      assertThat(context.getBean(CacheManager.class).getCacheNames()).containsExactly("mine");
    });
  }

  @Test
  void propertiesAreBoundIntoEachCachesSettings(RedisServer server) {
    on(runner, server).withUserConfiguration(Caching.class).withPropertyValues(
        "pottery.cache.ttl=10m", "pottery.cache.allow-null-values=false", "pottery.cache.cache-names=plain",
        "pottery.cache.caches.books.ttl=30s", "pottery.cache.caches.books.allow-null-values=true",
        "pottery.cache.caches.books.value-type=" + Book.class.getName(),
        "pottery.cache.lock-lease=5s", "pottery.cache.lock-wait=7s").run(context -> {
          assertThat(context).hasNotFailed();
          PotteryCacheManager manager = context.getBean(PotteryCacheManager.class);
          assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("plain", "books");
          assertThat(manager.getCache("other")).as("cache-names set: only the named caches").isNull();
          assertThat(manager.getCache("plain").settings())
              .isEqualTo(new PotteryCacheSettings(Duration.ofMinutes(10), false, TypeRef.of(Object.class)));
          assertThat(manager.getCache("books").settings())
              .isEqualTo(new PotteryCacheSettings(Duration.ofSeconds(30), true, TypeRef.of(Book.class)));
          assertThat(manager.getCache("books").getNativeCache().loadLease()).isEqualTo(Duration.ofSeconds(5));
          assertThat(manager.getCache("books").getNativeCache().loadWait()).isEqualTo(Duration.ofSeconds(7));
          PotteryCache books = manager.getCache("books");
          books.put("1", new Book("1", "Dune"));
          assertThat(books.get("1").get()).as("read back as the value type").isEqualTo(new Book("1", "Dune"));
        });
  }

  @Test
  void aPotteryCacheTtlBeanIsUsed(RedisServer server) {
    PotteryCacheTtl ttl = (cache, key, value) -> Duration.ofSeconds(3);
    on(runner, server).withUserConfiguration(Caching.class).withBean(PotteryCacheTtl.class, () -> ttl).run(context -> {
      PotteryCache cache = context.getBean(PotteryCacheManager.class).getCache("t");
      cache.put("k", 1);
      try (io.pottery.testkit.RawRedis raw = server.client()) {
        assertThat((Long) raw.call("PTTL", cache.getNativeCache().entryKey("k"))).isBetween(1L, 3_000L);
      }
    });
  }

  @Test
  void builderCustomizerBeansRunAfterTheProperties(RedisServer server) {
    PotteryCacheManagerBuilderCustomizer customizer = builder -> builder.cache("generic",
        PotteryCacheSettings.DEFAULTS.withValueType(new TypeRef<java.util.List<Book>>() {}));
    on(runner, server).withUserConfiguration(Caching.class).withPropertyValues("pottery.cache.cache-names=plain")
        .withBean(PotteryCacheManagerBuilderCustomizer.class, () -> customizer).run(context -> {
          PotteryCacheManager manager = context.getBean(PotteryCacheManager.class);
          assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("plain", "generic");
          PotteryCache generic = manager.getCache("generic");
          generic.put("all", java.util.List.of(new Book("1", "Dune")));
          assertThat(generic.get("all").get()).isEqualTo(java.util.List.of(new Book("1", "Dune")));
        });
  }

  @Test
  void withoutMicrometerOrBootsCacheMetricsTheManagerStillWorks(RedisServer server) {
    on(runner, server).withUserConfiguration(Caching.class)
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class, CacheMeterBinderProvider.class)).run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(PotteryCacheManager.class)
              .doesNotHaveBean(PotteryCacheMeterBinderProvider.class);
        });
  }

  @Test
  void bootsCacheMetricsShowHitsAndMissesOfTheNamedCaches(RedisServer server) {
    on(new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CacheMetricsAutoConfiguration.class,
        PotteryCacheAutoConfiguration.class, CacheAutoConfiguration.class, DataRedisAutoConfiguration.class,
        PotteryAutoConfiguration.class, MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class)), server)
        .withUserConfiguration(Caching.class).withPropertyValues("pottery.cache.cache-names=books").run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(PotteryCacheMeterBinderProvider.class);
          PotteryCache books = context.getBean(PotteryCacheManager.class).getCache("books");
          assertThat(books.get("absent")).isNull();
          books.put("k", "v");
          books.get("k");
          books.get("k");
          books.evict("k");
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("cache.gets").tag("cache", "books").tag("result", "hit").functionCounter().count()).isEqualTo(2.0);
          assertThat(registry.get("cache.gets").tag("cache", "books").tag("result", "miss").functionCounter().count()).isEqualTo(1.0);
          assertThat(registry.get("cache.puts").tag("cache", "books").functionCounter().count()).isEqualTo(1.0);
          FunctionCounter removals = registry.get("cache.removals").tag("cache", "books").functionCounter();
          assertThat(removals.count()).isEqualTo(1.0);
        });
  }
}
