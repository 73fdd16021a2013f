package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.Race;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real threads sharing one {@code Pottery} update one counter at once: every increment counts (Python pottery's
 * {@code c[k] += 1} reads then writes, and loses updates here).
 */
@WithRedis
class RedisCounterConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 100;

  /** Runs {@code task} on {@value #THREADS} threads released together. */
  private static void race(Runnable task) throws Exception {
    Race.run(THREADS, Duration.ofSeconds(60), thread -> {
      task.run();
      return null;
    });
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
