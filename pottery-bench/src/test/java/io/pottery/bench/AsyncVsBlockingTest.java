package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.bench.contenders.Op;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The two sides' rate functions against operations of known length (5 ms waits, no Redis): concurrency 4 must
 * do several times what concurrency 1 does, or the mode would not measure concurrency at all.
 */
class AsyncVsBlockingTest {
  private static final long SLICE = 300_000_000L;

  @Test
  void fourThreadsRunFourBlockingOperationsAtOnce() {
    Op wait = () -> {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    };
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      double one = AsyncVsBlocking.blockingRate(threads, List.of(wait), SLICE);
      double four = AsyncVsBlocking.blockingRate(threads, Collections.nCopies(4, wait), SLICE);
      assertThat(one).isBetween(50.0, 201.0);
      assertThat(four).isGreaterThan(2.5 * one);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void fourSlotsKeepFourAsyncOperationsInFlight() {
    Supplier<CompletionStage<?>> wait = () -> CompletableFuture.runAsync(() -> { },
        CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
    double one = AsyncVsBlocking.asyncRate(List.of(wait), SLICE);
    double four = AsyncVsBlocking.asyncRate(Collections.nCopies(4, wait), SLICE);
    assertThat(one).isBetween(50.0, 201.0);
    assertThat(four).isGreaterThan(2.5 * one);
  }

  @Test
  void aFailedAsyncOperationFailsTheMeasurement() {
    Supplier<CompletionStage<?>> fails = () -> CompletableFuture.supplyAsync(() -> {
      throw new IllegalArgumentException("boom");
    });
    assertThatThrownBy(() -> AsyncVsBlocking.asyncRate(List.of(fails, fails), SLICE))
        .isInstanceOf(IllegalStateException.class).hasRootCauseMessage("boom");
  }

  @Test
  void theTableHasOneLinePerRow() {
    String table = AsyncVsBlocking.markdown(List.of(
        new AsyncVsBlocking.Row("pottery (jedis)", "redlock", 4, 1000, 1500, 1.49),
        new AsyncVsBlocking.Row("pottery (lettuce)", "nextid", 1, 2000, 1000, 0.5)));
    assertThat(table.lines()).hasSize(4);
    assertThat(table).contains("| pottery (jedis) | redlock acquire + release | 4 | 1,000 | 1,500 | 1.49 |")
        .contains("| pottery (lettuce) | nextid | 1 | 2,000 | 1,000 | 0.50 |");
  }
}
