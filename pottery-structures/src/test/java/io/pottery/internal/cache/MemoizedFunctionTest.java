package io.pottery.internal.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CacheInfo;
import io.pottery.CodecException;
import io.pottery.MemoizedFunction;
import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.WrongTypeException;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** MemoizedFunction on every matrix cell: the hash layout of POTTERY-COMPAT §7, counters, expiry, single flight. */
@WithRedis
class MemoizedFunctionTest {

  @MatrixTest
  void missThenHitWithCanonicalFieldsAndASlidingExpiry(Pottery pottery, TestKey key, RedisServer server) {
    AtomicInteger calls = new AtomicInteger();
    Function<Integer, Long> square = n -> {
      calls.incrementAndGet();
      return (long) n * n;
    };
    MemoizedFunction<Integer, Long> cached = pottery.memoize(key.name(), square, TypeRef.of(Long.class));
    assertThat(cached.apply(90)).isEqualTo(8100L);
    assertThat(cached.apply(90)).isEqualTo(8100L);
    assertThat(calls).hasValue(1);
    assertThat(cached.cacheInfo()).isEqualTo(new CacheInfo(1, 1, OptionalLong.empty(), 1));
    assertThat(stored(server, key.name())).isEqualTo(Map.of("[90]", "8100"));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat((Long) raw.call("PTTL", key.name())).isBetween(50_000L, 60_000L);
      raw.call("PEXPIRE", key.name(), "5000");
      cached.apply(90);
      assertThat((Long) raw.call("PTTL", key.name())).as("a hit renews the expiry").isGreaterThan(50_000L);
    }
    assertThat(cached.wrapped()).isSameAs(square);
    assertThat(cached.key()).isEqualTo(key.name());
  }

  @MatrixTest
  void severalArgumentsAreAJsonArrayField(Pottery pottery, TestKey key, RedisServer server) {
    MemoizedFunction<List<?>, List<Object>> echo = pottery.memoizeArgs(
        key.name(), args -> new ArrayList<>(args), new TypeRef<List<Object>>() {}, Duration.ofSeconds(60));
    assertThat(echo.apply(List.of())).isEmpty();
    assertThat(echo.apply(List.of(1))).containsExactly(1);
    assertThat(echo.apply(List.of(1, "raj"))).containsExactly(1, "raj");
    assertThat(echo.apply(Arrays.asList(null, Map.of("b", 2, "a", 1)))).containsExactly(null, Map.of("a", 1, "b", 2));
    assertThat(stored(server, key.name())).isEqualTo(Map.of(
        "[]", "[]",
        "[1]", "[1]",
        "[1, \"raj\"]", "[1, \"raj\"]",
        "[null, {\"a\": 1, \"b\": 2}]", "[null, {\"a\": 1, \"b\": 2}]"));
    assertThat(echo.apply(List.of(1, "raj"))).containsExactly(1, "raj");
    assertThat(echo.cacheInfo().hits()).isEqualTo(1);
    assertThatThrownBy(() -> echo.apply(null)).isInstanceOf(NullPointerException.class);
  }

  @MatrixTest
  void nullResultsAndArgumentsAreCachedAsPythonsNone(Pottery pottery, TestKey key, RedisServer server) {
    AtomicInteger calls = new AtomicInteger();
    MemoizedFunction<String, String> nothing = pottery.memoize(key.name(), s -> {
      calls.incrementAndGet();
      return s == null ? "was null" : null;
    }, TypeRef.of(String.class));
    assertThat(nothing.apply("x")).isNull();
    assertThat(nothing.apply("x")).isNull();
    assertThat(nothing.apply(null)).isEqualTo("was null");
    assertThat(nothing.apply(null)).isEqualTo("was null");
    assertThat(calls).hasValue(2);
    assertThat(stored(server, key.name())).isEqualTo(Map.of("[\"x\"]", "null", "[null]", "\"was null\""));
  }

  @MatrixTest
  void readsWhatAnotherProcessStored(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", key.name(), "[7]", "49");
    }
    MemoizedFunction<Integer, Integer> square = pottery.memoize(key.name(), n -> {
      throw new AssertionError("computed although cached");
    }, TypeRef.of(Integer.class));
    assertThat(square.apply(7)).isEqualTo(49);
    assertThat(square.cacheInfo()).isEqualTo(new CacheInfo(1, 0, OptionalLong.empty(), 1));
  }

  @MatrixTest
  void bypassRecomputesAndStoresWithoutCounting(Pottery pottery, TestKey key, RedisServer server) {
    AtomicInteger version = new AtomicInteger();
    MemoizedFunction<String, Integer> latest = pottery.memoize(key.name(), s -> version.incrementAndGet(), TypeRef.of(Integer.class));
    assertThat(latest.apply("v")).isEqualTo(1);
    assertThat(latest.bypass("v")).isEqualTo(2);
    assertThat(latest.apply("v")).isEqualTo(2);
    assertThat(latest.cacheInfo()).isEqualTo(new CacheInfo(1, 1, OptionalLong.empty(), 1));
    latest.cacheClear();
    assertThat(latest.cacheInfo()).isEqualTo(new CacheInfo(0, 0, OptionalLong.empty(), 0));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
    assertThat(latest.apply("v")).isEqualTo(3);
  }

  @MatrixTest
  void noTimeoutMeansNoExpiry(Pottery pottery, TestKey key, RedisServer server) {
    MemoizedFunction<Integer, Integer> forever = pottery.memoize(key.name(), n -> n + 1, TypeRef.of(Integer.class), null);
    MemoizedFunction<Integer, Integer> zero = pottery.memoize(key.derived("zero"), n -> n + 1, TypeRef.of(Integer.class), Duration.ZERO);
    forever.apply(1);
    zero.apply(1);
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat(raw.call("PTTL", key.name())).isEqualTo(-1L);
      assertThat(raw.call("PTTL", key.derived("zero"))).isEqualTo(-1L);
    }
    assertThatThrownBy(() -> pottery.memoize(key.name(), (Integer n) -> n, TypeRef.of(Integer.class), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
  }

  @MatrixTest
  void concurrentCallersOfAMissingArgumentComputeItOnce(Pottery pottery, TestKey key) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    MemoizedFunction<String, String> slow = pottery.memoize(key.name(), s -> {
      calls.incrementAndGet();
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return s.toUpperCase();
    }, TypeRef.of(String.class));
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return slow.apply("once");
        }));
      }
      for (Future<String> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("ONCE");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(calls).hasValue(1);
    CacheInfo info = slow.cacheInfo();
    assertThat(info.hits() + info.misses()).isEqualTo(threads);
  }

  @MatrixTest
  void aThrowingFunctionStoresNothing(Pottery pottery, TestKey key, RedisServer server) {
    MemoizedFunction<Integer, Integer> failing = pottery.memoize(key.name(), n -> {
      throw new IllegalArgumentException("no " + n);
    }, TypeRef.of(Integer.class));
    assertThatThrownBy(() -> failing.apply(3)).isInstanceOf(IllegalArgumentException.class).hasMessage("no 3");
    assertThatThrownBy(() -> failing.apply(3)).isInstanceOf(IllegalArgumentException.class);
    assertThat(failing.cacheInfo()).isEqualTo(new CacheInfo(0, 2, OptionalLong.empty(), 0));
  }

  @MatrixTest
  void errorsNameTheKey(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("RPUSH", key.name(), "x");
      raw.call("HSET", key.derived("bad"), "[1]", "\"abc\"");
    }
    MemoizedFunction<Integer, Integer> wrong = pottery.memoize(key.name(), n -> n, TypeRef.of(Integer.class));
    assertThatThrownBy(() -> wrong.apply(1)).isInstanceOf(WrongTypeException.class)
        .hasMessageStartingWith("MemoizedFunction \"" + key.name() + "\": key holds a list, not a hash");
    MemoizedFunction<Integer, Integer> bad = pottery.memoize(key.derived("bad"), n -> n, TypeRef.of(Integer.class));
    assertThatThrownBy(() -> bad.apply(1)).isInstanceOf(CodecException.class)
        .hasMessageContaining("MemoizedFunction \"" + key.derived("bad") + "\": field [1] is not a");
  }

  private static Map<String, String> stored(RedisServer server, String key) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      List<?> flat = (List<?>) raw.call("HGETALL", key);
      Map<String, String> map = new HashMap<>();
      for (int i = 0; i < flat.size(); i += 2) {
        map.put(new String((byte[]) flat.get(i), UTF_8), new String((byte[]) flat.get(i + 1), UTF_8));
      }
      return map;
    }
  }
}
