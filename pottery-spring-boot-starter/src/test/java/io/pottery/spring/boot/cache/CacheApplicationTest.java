package io.pottery.spring.boot.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.TypeRef;
import io.pottery.spi.Codec;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with {@code @Cacheable} methods on the auto-configured Pottery cache manager, started
 * for real ({@link SpringApplicationBuilder}, full auto-configuration) against a single server and the shared
 * cluster: miss then hit with the loader counted, a TTL per cache and per entry read back from Redis and then
 * gone, the value's bytes as Python's {@code json.dumps} writes them, {@code clear()} of many entries on a
 * cluster, and {@code sync = true} loading once across two application contexts.
 */
@WithRedis
class CacheApplicationTest {

  /** A cached value: a record, read back as itself through {@code pottery.cache.caches.books.value-type}. */
  public record Book(String isbn, String title, int pages) {}

  /** Counts what the services really computed, shared by the contexts of one test. */
  static final class Loads {
    final AtomicInteger books = new AtomicInteger();
    final AtomicInteger quotes = new AtomicInteger();
    final AtomicInteger reports = new AtomicInteger();
  }

  /** The cached service. */
  public static class Catalog {
    private final Loads loads;

    Catalog(Loads loads) {
      this.loads = loads;
    }

    @Cacheable("books")
    public Book book(String isbn) {
      loads.books.incrementAndGet();
      return new Book(isbn, "Dune", 412);
    }

    @CachePut(cacheNames = "books", key = "#book.isbn")
    public Book save(Book book) {
      return book;
    }

    @CacheEvict(cacheNames = "books", allEntries = true)
    public void forgetAll() {}

    @Cacheable("quotes")
    public Map<String, Object> quote(String symbol) {
      loads.quotes.incrementAndGet();
      return Map.of("symbol", symbol, "live", symbol.startsWith("LIVE"));
    }

    @Cacheable(cacheNames = "reports", sync = true)
    public String report(int year) throws InterruptedException {
      loads.reports.incrementAndGet();
      Thread.sleep(300);
      return "report " + year;
    }
  }

  /** The application. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  static class App {
    @Bean
    Catalog catalog(Loads loads) {
      return new Catalog(loads);
    }

    /** Live quotes live 2 s; every other entry gets its cache's TTL. */
    @Bean
    PotteryCacheTtl ttls() {
      return (cache, key, value) -> value instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("live"))
          ? Duration.ofSeconds(2) : null;
    }
  }

  private static ConfigurableApplicationContext start(Loads loads, String namespace, String connection) {
    return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
        .properties(connection, "pottery.namespace=" + namespace,
            "pottery.cache.ttl=60s",
            "pottery.cache.caches.books.ttl=10m",
            "pottery.cache.caches.books.value-type=" + Book.class.getName(),
            "pottery.cache.caches.reports.ttl=30s")
        .initializers(context -> context.getBeanFactory().registerSingleton("loads", loads))
        .run();
  }

  private static String single(RedisServer server) {
    return "spring.data.redis.url=redis://" + server.host() + ":" + server.port();
  }

  private static String cluster() {
    RedisCluster cluster = RedisClusters.shared();
    RedisServer seed = cluster.masters().get(0);
    return "spring.data.redis.cluster.nodes=" + seed.host() + ":" + seed.port();
  }

  /** A raw client for the server, or for the cluster (each call sent to the node owning its first key). */
  private static RawRedis raw(String uri) {
    return RawRedis.connect(uri);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(25);
    }
  }

  @Test
  void cacheableMissThenHitWithTtlsPerCacheAndPerEntryOnASingleServer(RedisServer server) throws InterruptedException {
    missThenHitWithTtls(server.uri(), single(server));
  }

  @Test
  void cacheableMissThenHitWithTtlsPerCacheAndPerEntryOnTheCluster() throws InterruptedException {
    missThenHitWithTtls(RedisClusters.shared().seedUri(), cluster());
  }

  private static void missThenHitWithTtls(String uri, String connection) throws InterruptedException {
    Loads loads = new Loads();
    String namespace = "app-" + UUID.randomUUID() + ":";
    try (ConfigurableApplicationContext context = start(loads, namespace, connection)) {
      Catalog catalog = context.getBean(Catalog.class);
      PotteryCacheManager manager = context.getBean(PotteryCacheManager.class);

      assertThat(catalog.book("isbn-1")).isEqualTo(new Book("isbn-1", "Dune", 412));
      assertThat(catalog.book("isbn-1")).isEqualTo(new Book("isbn-1", "Dune", 412));
      assertThat(catalog.book("isbn-1")).isEqualTo(new Book("isbn-1", "Dune", 412));
      assertThat(loads.books).as("loaded once, then two hits").hasValue(1);
      PotteryCache books = manager.getCache("books");
      assertThat(books.missCount()).isEqualTo(1);
      assertThat(books.hitCount()).isEqualTo(2);
      System.out.printf("cache figures: books hits=%d misses=%d loads=%d%n", books.hitCount(), books.missCount(), loads.books.get());

      String entry = namespace + "cache:{books}:\"isbn-1\"";
      assertThat(books.getNativeCache().entryKey("isbn-1")).isEqualTo(entry);
      try (RawRedis raw = raw(uri)) {
        String json = new String((byte[]) raw.call("GET", entry), UTF_8);
        assertThat(json).as("what Python's json.dumps(value, sort_keys=True) writes, so json.loads reads it")
            .isEqualTo("{\"isbn\": \"isbn-1\", \"pages\": 412, \"title\": \"Dune\"}");
        for (Codec codec : ServiceLoader.load(Codec.class)) {
          assertThat(codec.decode(json.getBytes(UTF_8), new TypeRef<Map<String, Object>>() {}))
              .as("plain JSON for codec " + codec.name()).isEqualTo(Map.of("isbn", "isbn-1", "pages", 412, "title", "Dune"));
        }
        long booksTtl = (Long) raw.call("PTTL", entry);
        assertThat(booksTtl).as("pottery.cache.caches.books.ttl=10m").isBetween(590_000L, 600_000L);

        catalog.quote("ACME");
        catalog.quote("LIVE-ACME");
        String plain = namespace + "cache:{quotes}:\"ACME\"";
        String live = namespace + "cache:{quotes}:\"LIVE-ACME\"";
        long plainTtl = (Long) raw.call("PTTL", plain);
        long liveTtl = (Long) raw.call("PTTL", live);
        assertThat(plainTtl).as("pottery.cache.ttl=60s").isBetween(55_000L, 60_000L);
        assertThat(liveTtl).as("the PotteryCacheTtl bean: 2 s").isBetween(1L, 2_000L);
        System.out.printf("cache figures: PTTL books=%d ms quotes=%d ms live quote=%d ms%n", booksTtl, plainTtl, liveTtl);
        long put = System.nanoTime();
        await("the live quote expires in Redis", () -> raw.call("EXISTS", live).equals(0L));
        System.out.printf("cache figures: live quote gone %d ms after PTTL read%n", (System.nanoTime() - put) / 1_000_000);
        assertThat(raw.call("EXISTS", plain)).isEqualTo(1L);
      }
      catalog.quote("LIVE-ACME");
      assertThat(loads.quotes).as("ACME, LIVE-ACME, LIVE-ACME again after it expired").hasValue(3);

      catalog.save(new Book("isbn-1", "Dune Messiah", 256));
      assertThat(catalog.book("isbn-1").title()).as("@CachePut replaced it").isEqualTo("Dune Messiah");
      catalog.forgetAll();
      catalog.book("isbn-1");
      assertThat(loads.books).as("@CacheEvict(allEntries) cleared it").hasValue(2);
    }
  }

  @Test
  void clearDeletesManyEntriesOnTheClusterWithoutKeys() {
    Loads loads = new Loads();
    String namespace = "app-" + UUID.randomUUID() + ":";
    try (ConfigurableApplicationContext context = start(loads, namespace, cluster())) {
      PotteryCache cache = context.getBean(PotteryCacheManager.class).getCache("bulk");
      int entries = 5_000;
      for (int i = 0; i < entries; i++) {
        cache.put(i, Map.of("n", i));
      }
      try (RawRedis raw = raw(RedisClusters.shared().seedUri())) {
        assertThat(raw.call("ZCARD", namespace + "cache:{bulk}")).isEqualTo((long) entries);
        long start = System.nanoTime();
        long deleted = cache.getNativeCache().clear();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("cache figures: clear() of %d entries on the cluster: %d ms%n", deleted, millis);
        assertThat(deleted).isEqualTo(entries);
        assertThat(raw.call("EXISTS", namespace + "cache:{bulk}:0", namespace + "cache:{bulk}:4999",
            namespace + "cache:{bulk}")).isEqualTo(0L);
      }
      assertThat(cache.get(17)).isNull();
    }
  }

  @Test
  void syncLoadsOnceAcrossTwoApplicationContexts(RedisServer server) throws Exception {
    syncAcross(single(server));
  }

  @Test
  void syncLoadsOnceAcrossTwoApplicationContextsOnTheCluster() throws Exception {
    syncAcross(cluster());
  }

  private static void syncAcross(String connection) throws Exception {
    Loads loads = new Loads();
    String namespace = "app-" + UUID.randomUUID() + ":";
    try (ConfigurableApplicationContext first = start(loads, namespace, connection);
        ConfigurableApplicationContext second = start(loads, namespace, connection)) {
      List<Catalog> catalogs = List.of(first.getBean(Catalog.class), second.getBean(Catalog.class));
      int threads = 8;
      CyclicBarrier barrier = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Catalog catalog = catalogs.get(t % 2);
          results.add(pool.submit(() -> {
            barrier.await();
            return catalog.report(2026);
          }));
        }
        for (Future<String> result : results) {
          assertThat(result.get()).isEqualTo("report 2026");
        }
      } finally {
        pool.shutdownNow();
      }
      System.out.printf("cache figures: sync=true, %d callers on 2 contexts: loader ran %d time(s)%n", threads, loads.reports.get());
      assertThat(loads.reports).as("one load for 8 callers in two application contexts").hasValue(1);
    }
  }
}
