package io.pottery.spring.boot.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;

/** {@link PotteryCache} on a real server, without Spring: keys, nulls, loader failures, the async methods. */
@WithRedis
class PotteryCacheTest {
  private Pottery pottery;
  private PotteryCacheManager manager;

  /** A key type without properties: the codec writes it as {}. */
  static final class Opaque {}

  @BeforeEach
  void connect(RedisServer server) {
    pottery = Pottery.builder().masters(server.uri()).namespace("pc-" + UUID.randomUUID() + ":").build();
    manager = PotteryCacheManager.builder(pottery)
        .cache("strict", PotteryCacheSettings.DEFAULTS.withAllowNullValues(false))
        .cache("lists", PotteryCacheSettings.DEFAULTS.withValueType(new TypeRef<List<Integer>>() {}))
        .build();
  }

  @AfterEach
  void close() {
    pottery.close();
  }

  private static String raw(RedisServer server, String key) {
    try (RawRedis raw = server.client()) {
      byte[] bytes = (byte[]) raw.call("GET", key);
      return bytes == null ? null : new String(bytes, UTF_8);
    }
  }

  @Test
  void simpleKeysAreJsonArraysOfTheParameters(RedisServer server) {
    PotteryCache cache = manager.getCache("keys");
    cache.put(new SimpleKey(1, "a"), "two");
    cache.put(SimpleKey.EMPTY, "none");
    assertThat(cache.get(List.of(1, "a")).get()).as("the same entry as the list").isEqualTo("two");
    assertThat(raw(server, cache.getNativeCache().entryKey(List.of()))).isEqualTo("\"none\"");
    assertThat(cache.getNativeCache().entryKey(List.of(1, "a"))).endsWith("cache:{keys}:[1, \"a\"]");
  }

  @Test
  void keysThatWouldCollideOrCannotBeEncodedAreRefusedNamingTheCache() {
    PotteryCache cache = manager.getCache("keys");
    assertThatThrownBy(() -> cache.get(new Opaque())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cache \"keys\"").hasMessageContaining("encodes as {}");
    BigInteger tooWide = new BigInteger("9".repeat(io.pottery.internal.codec.CodecSupport.MAX_NUMBER_DIGITS + 1));
    assertThatThrownBy(() -> cache.put(tooWide, 1)).isInstanceOf(CodecException.class)
        .hasMessageContaining("cache:{keys}");
  }

  @Test
  void nullsAreCachedAsJsonNullOrRefusedPerCache(RedisServer server) {
    PotteryCache open = manager.getCache("open");
    open.put("k", null);
    assertThat(raw(server, open.getNativeCache().entryKey("k"))).isEqualTo("null");
    Cache.ValueWrapper wrapper = open.get("k");
    assertThat(wrapper).as("a hit").isNotNull();
    assertThat(wrapper.get()).isNull();
    PotteryCache strict = manager.getCache("strict");
    assertThatThrownBy(() -> strict.put("k", null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cache 'strict' is configured to not allow null values");
    assertThatThrownBy(() -> strict.get("k", () -> null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(strict.get("k")).as("nothing stored").isNull();
  }

  @Test
  void aLoaderFailureIsAValueRetrievalExceptionAndStoresNothing() {
    PotteryCache cache = manager.getCache("loads");
    assertThatThrownBy(() -> cache.get("k", () -> {
      throw new java.io.IOException("disk");
    })).isInstanceOf(Cache.ValueRetrievalException.class).hasRootCauseMessage("disk");
    assertThat(cache.get("k", () -> "v")).isEqualTo("v");
    assertThat(cache.get("k", () -> "other")).as("a hit now").isEqualTo("v");
    assertThat(cache.hitCount()).isEqualTo(1);
    assertThat(cache.missCount()).isEqualTo(2);
    assertThat(cache.putCount()).isEqualTo(1);
  }

  @Test
  void valuesAreReadAsTheCachesTypeAndPutIfAbsentEvictAndInvalidateWork() {
    PotteryCache lists = manager.getCache("lists");
    lists.put("k", List.of(1, 2));
    assertThat(lists.get("k").get()).isEqualTo(List.of(1, 2));
    assertThat(lists.putIfAbsent("k", List.of(3))).extracting(Cache.ValueWrapper::get).isEqualTo(List.of(1, 2));
    assertThat(lists.putIfAbsent("j", List.of(3))).isNull();
    assertThat(lists.evictIfPresent("j")).isTrue();
    assertThat(lists.evictIfPresent("j")).isFalse();
    assertThat(lists.removalCount()).isEqualTo(1);
    assertThat(lists.invalidate()).isTrue();
    assertThat(lists.get("k")).isNull();
    assertThat(lists.invalidate()).isFalse();
  }

  @Test
  void retrieveCompletesWithTheEntryOrLoadsAndStores() {
    PotteryCache cache = manager.getCache("async");
    assertThat(cache.retrieve("k")).as("absent").isNull();
    CompletableFuture<String> loaded = cache.retrieve("k", () -> CompletableFuture.completedFuture("v"));
    assertThat(loaded.join()).isEqualTo("v");
    assertThat(((Cache.ValueWrapper) cache.retrieve("k").join()).get()).isEqualTo("v");
    assertThat(cache.retrieve("k", () -> CompletableFuture.completedFuture("other")).join()).isEqualTo("v");
  }

  @Test
  void onlyNamedCachesAndTheTtlFunctionWinOverTheCachesTtl(RedisServer server) {
    PotteryCacheManager fixed = PotteryCacheManager.builder(pottery)
        .cache("a", PotteryCacheSettings.DEFAULTS.withTtl(Duration.ofMinutes(5))).onlyNamedCaches()
        .ttlFunction((cache, key, value) -> "short".equals(key) ? Duration.ofSeconds(2) : null).build();
    assertThat(fixed.getCache("b")).isNull();
    PotteryCache a = fixed.getCache("a");
    a.put("short", 1);
    a.put("long", 1);
    try (RawRedis raw = server.client()) {
      assertThat((Long) raw.call("PTTL", a.getNativeCache().entryKey("short"))).isBetween(1L, 2_000L);
      assertThat((Long) raw.call("PTTL", a.getNativeCache().entryKey("long"))).isBetween(290_000L, 300_000L);
    }
  }
}
