package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real threads sharing one {@code Pottery} update one counter at once: every increment counts (Python pottery's
 * {@code c[k] += 1} reads then writes, and loses updates here).
 */
@WithRedis
class RedisCounterConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 100;

  private static void race(Runnable task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          task.run();
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @MatrixTest
  void concurrentIncrementsAddsAndSubtractsAreExact(Pottery pottery, TestKey key) throws Exception {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    race(() -> {
      for (int i = 0; i < PER_THREAD; i++) {
        counter.increment("hits");
        counter.add(List.of("a", "b", "a"));
        counter.subtract(Map.of("b", 1L, "c", 2L));
      }
    });
    int n = THREADS * PER_THREAD;
    assertThat(counter.asMap()).isEqualTo(Map.of("hits", (long) n, "a", 2L * n, "b", 0L, "c", -2L * n));
  }

  @MatrixTest
  void inPlaceArithmeticIsAtomicAgainstIncrements(Pottery pottery, TestKey key) throws Exception {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    // every thread adds 1 and at once removes it again with -=, so nothing should remain and no -= may
    // delete a count another thread had just raised
    race(() -> {
      for (int i = 0; i < PER_THREAD; i++) {
        counter.increment("kept");
        counter.plusInPlace(Map.of("x", 1L));
        counter.minusInPlace(Map.of("x", 1L));
      }
    });
    assertThat(counter.asMap()).isEqualTo(Map.of("kept", (long) THREADS * PER_THREAD));
  }
}
