package io.pottery.internal.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CacheLoadTimeoutException;
import io.pottery.CodecException;
import io.pottery.ExpiringCache;
import io.pottery.ExpiringCache.Hit;
import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ExpiringCache on every matrix cell: the key layout Python reads, a time to live per entry kept by Redis, nulls,
 * clear() by batches over the index (on a cluster too), and a load that runs once across two Pottery instances.
 */
@WithRedis
class ExpiringCacheTest {
  private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};

  private static String name(TestKey key) {
    return key.name().replace("test:", "");
  }

  private static String raw(RedisServer server, String key) {
    try (RawRedis raw = server.client()) {
      byte[] bytes = (byte[]) raw.call("GET", key);
      return bytes == null ? null : new String(bytes, UTF_8);
    }
  }

  private static long pttl(RedisServer server, String key) {
    try (RawRedis raw = server.client()) {
      return (Long) raw.call("PTTL", key);
    }
  }

  @MatrixTest
  void anEntryIsPlainJsonUnderTheCacheHashTagWithItsOwnTimeToLive(Pottery pottery, TestKey key, RedisServer server) {
    ExpiringCache cache = pottery.expiringCache(name(key));
    cache.put("isbn-1", Map.of("title", "Dune", "pages", 412), Duration.ofSeconds(10));
    cache.put(42, "forever", Duration.ZERO);
    String entry = cache.entryKey("isbn-1");
    assertThat(entry).isEqualTo("cache:{" + name(key) + "}:\"isbn-1\"");
    assertThat(cache.entryKey(42)).isEqualTo("cache:{" + name(key) + "}:42");
    assertThat(raw(server, entry)).as("Python's json.dumps(value, sort_keys=True)").isEqualTo("{\"pages\": 412, \"title\": \"Dune\"}");
    assertThat(pttl(server, entry)).isBetween(9_000L, 10_000L);
    assertThat(pttl(server, cache.entryKey(42))).as("Duration.ZERO: no expiry").isEqualTo(-1L);
    assertThat(cache.get("isbn-1", MAP)).isEqualTo(new Hit<>(Map.of("title", "Dune", "pages", 412)));
    assertThat(cache.get(42, String.class)).isEqualTo(new Hit<>("forever"));
    assertThat(cache.get("absent", String.class)).isNull();
    assertThat(cache.remove("isbn-1")).isTrue();
    assertThat(cache.remove("isbn-1")).isFalse();
    assertThat(cache.get("isbn-1", MAP)).isNull();
    assertThat(raw(server, entry)).isNull();
  }

  @MatrixTest
  void redisDropsAnEntryAtItsTimeToLive(Pottery pottery, TestKey key) throws InterruptedException {
    ExpiringCache cache = pottery.expiringCache(name(key));
    cache.put("short", 1, Duration.ofMillis(200));
    cache.put("long", 2, Duration.ofSeconds(30));
    assertThat(cache.get("short", Integer.class)).isEqualTo(new Hit<>(1));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (cache.get("short", Integer.class) != null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(cache.get("short", Integer.class)).as("gone once its 200 ms passed").isNull();
    assertThat(cache.get("long", Integer.class)).isEqualTo(new Hit<>(2));
  }

  @MatrixTest
  void nullIsStoredAsJsonNullAndIsAHit(Pottery pottery, TestKey key, RedisServer server) {
    ExpiringCache cache = pottery.expiringCache(name(key));
    cache.put("nothing", null, Duration.ofSeconds(10));
    assertThat(raw(server, cache.entryKey("nothing"))).isEqualTo("null");
    assertThat(cache.get("nothing", String.class)).isEqualTo(new Hit<>(null));
    assertThat(cache.putIfAbsent("nothing", "x", Duration.ofSeconds(10), String.class)).isEqualTo(new Hit<>(null));
  }

  @MatrixTest
  void putIfAbsentKeepsWhatIsThere(Pottery pottery, TestKey key, RedisServer server) {
    ExpiringCache cache = pottery.expiringCache(name(key));
    assertThat(cache.putIfAbsent(List.of(1, "a"), "first", Duration.ofSeconds(5), String.class)).isNull();
    assertThat(cache.putIfAbsent(List.of(1, "a"), "second", Duration.ofSeconds(50), String.class)).isEqualTo(new Hit<>("first"));
    assertThat(cache.entryKey(List.of(1, "a"))).endsWith(":[1, \"a\"]");
    assertThat(raw(server, cache.entryKey(List.of(1, "a")))).isEqualTo("\"first\"");
    assertThat(pttl(server, cache.entryKey(List.of(1, "a")))).isBetween(1L, 5_000L);
  }

  @MatrixTest
  void clearDeletesEveryEntryByBatchesWithoutKeys(Pottery pottery, TestKey key, RedisServer server) {
    ExpiringCache cache = pottery.expiringCache(name(key));
    int entries = ExpiringCache.CLEAR_BATCH * 2 + 37;
    for (int i = 0; i < entries; i++) {
      cache.put(i, "v" + i, Duration.ofSeconds(60));
    }
    ExpiringCache other = pottery.expiringCache(name(key) + "-other");
    other.put(1, "kept", Duration.ofSeconds(60));
    assertThat(cache.clear()).isEqualTo(entries);
    for (int i = 0; i < entries; i += 97) {
      assertThat(cache.get(i, String.class)).as("entry %d", i).isNull();
    }
    try (RawRedis raw = server.client()) {
      assertThat((Long) raw.call("EXISTS", "cache:{" + name(key) + "}")).as("the index is gone too").isZero();
    }
    assertThat(other.get(1, String.class)).as("another cache is untouched").isEqualTo(new Hit<>("kept"));
    assertThat(cache.clear()).isZero();
  }

  @MatrixTest
  void keysTheCodecCannotEncodeAreRefusedNamingTheCache(Pottery pottery, TestKey key) {
    ExpiringCache cache = pottery.expiringCache(name(key));
    assertThatThrownBy(() -> cache.put(new java.math.BigInteger("9".repeat(io.pottery.internal.codec.CodecSupport.MAX_NUMBER_DIGITS + 1)), 1, Duration.ofSeconds(1)))
        .isInstanceOf(CodecException.class).hasMessageContaining("ExpiringCache \"cache:{" + name(key) + "}\"")
        .hasMessageContaining("key");
    assertThatThrownBy(() -> cache.put("k", 1, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> pottery.expiringCache("a{b}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a{b}");
  }

  @MatrixTest
  void aLoadRunsOnceAcrossTwoPotteryInstances(Pottery pottery, TestKey key, RedisServer server, MatrixCell cell)
      throws Exception {
    try (Pottery second = Pottery.builder().masters(server.uri()).driver(cell.driver()).codec(cell.codec()).build()) {
      List<ExpiringCache> caches = List.of(pottery.expiringCache(name(key)), second.expiringCache(name(key)));
      AtomicInteger loads = new AtomicInteger();
      int threads = 8;
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          ExpiringCache cache = caches.get(t % 2);
          results.add(pool.submit(() -> {
            start.await();
            return cache.computeIfAbsent("report", TypeRef.of(String.class), () -> {
              loads.incrementAndGet();
              sleepQuietly(150);
              return "loaded";
            }, value -> Duration.ofSeconds(30));
          }));
        }
        for (Future<String> result : results) {
          assertThat(result.get()).isEqualTo("loaded");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(loads).as("one load for 8 callers on two instances").hasValue(1);
      assertThat(pttl(server, caches.get(0).entryKey("report"))).isBetween(29_000L, 30_000L);
    }
  }

  @MatrixTest
  void aLoaderFailureStoresNothingAndFreesTheLock(Pottery pottery, TestKey key) {
    ExpiringCache cache = pottery.expiringCache(name(key)).withLoadLock(Duration.ofSeconds(30), Duration.ofMillis(300));
    assertThatThrownBy(() -> cache.computeIfAbsent("k", TypeRef.of(String.class), () -> {
      throw new IllegalStateException("backend down");
    }, value -> Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessage("backend down");
    assertThat(cache.computeIfAbsent("k", TypeRef.of(String.class), () -> "ok", value -> Duration.ofSeconds(5)))
        .as("the lock was released, so no wait").isEqualTo("ok");
  }

  @MatrixTest
  void aWaiterGivesUpWhenTheLockStaysTakenAndTakesItOnceTheLeaseExpires(Pottery pottery, TestKey key, RedisServer server) {
    ExpiringCache cache = pottery.expiringCache(name(key)).withLoadLock(Duration.ofSeconds(30), Duration.ofMillis(300));
    String lock = "cache:{" + name(key) + "}:lock:\"k\"";
    try (RawRedis raw = server.client()) {
      raw.call("SET", lock, "a-dead-process", "PX", "1500");
    }
    assertThatThrownBy(() -> cache.computeIfAbsent("k", TypeRef.of(String.class), () -> "mine", v -> Duration.ofSeconds(5)))
        .isInstanceOf(CacheLoadTimeoutException.class).hasMessageContaining(lock).hasMessageContaining("PT0.3S");
    ExpiringCache patient = cache.withLoadLock(Duration.ofSeconds(30), Duration.ofSeconds(10));
    assertThat(patient.computeIfAbsent("k", TypeRef.of(String.class), () -> "mine", v -> Duration.ofSeconds(5)))
        .as("the dead holder's lease expired").isEqualTo("mine");
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
