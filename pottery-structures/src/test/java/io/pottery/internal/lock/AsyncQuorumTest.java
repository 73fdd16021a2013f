package io.pottery.internal.lock;

import static io.pottery.internal.testing.Stages.await;
import static io.pottery.internal.testing.Stages.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pottery.ExtendUnlockedLock;
import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.ReleaseUnlockedLock;
import io.pottery.TooManyExtensions;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code NextId.nextAsync()} and Redlock's async calls on five masters: the blocking twins' answers and errors. */
@WithRedis(masters = 5)
class AsyncQuorumTest {

  @MatrixTest
  void nextAsyncContinuesTheSequenceOfNextLong(Pottery pottery, TestKey key) {
    NextId ids = pottery.nextId(key.name());
    assertThat(ids.nextLong()).isEqualTo(1L);
    assertThat(await(ids.nextAsync())).isEqualTo(2L);
    assertThat(ids.nextLong()).isEqualTo(3L);
    List<CompletableFuture<Long>> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(ids.nextAsync().toCompletableFuture());
    }
    Set<Long> seen = new HashSet<>();
    for (CompletableFuture<Long> id : many) {
      assertThat(seen.add(await(id))).isTrue();
    }
    assertThat(seen).hasSize(200).allMatch(id -> id > 3 && id <= 203);
  }

  @MatrixTest
  void nextAsyncFailsAsNextLongThrows(Pottery pottery, TestKey key, RedisServers servers) {
    NextId ids = pottery.nextId(key.name());
    for (var server : servers.all()) {
      try (RawRedis raw = server.client()) {
        raw.call("SET", ids.redisKey(), Long.toString(Long.MAX_VALUE));
      }
    }
    Throwable blocking = assertThrows(NoSuchElementException.class, ids::nextLong);
    NextId other = pottery.nextId(key.name());
    assertThat(failure(other::nextAsync)).isInstanceOf(NoSuchElementException.class)
        .hasMessage(blocking.getMessage());
  }

  @MatrixTest
  void tryAcquireAsyncHandsOutALeaseWithItsFencingTokenAndReleasesItFromAnotherThread(Pottery pottery, TestKey key) {
    Redlock first = pottery.redlock(key.name());
    Redlock second = pottery.redlock(key.name());
    Optional<Redlock.Held> held = await(first.tryAcquireAsync(Duration.ofSeconds(5)));
    assertThat(held).isPresent();
    long token = held.get().fencingToken();
    assertThat(first.fencingToken()).hasValue(token);
    assertThat(held.get().lock()).isSameAs(first);
    // Taken: the other instance waits out its timeout without the lock.
    long start = System.nanoTime();
    assertThat(await(second.tryAcquireAsync(Duration.ofMillis(300)))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    // Extended and released from a pool thread, not the acquiring one.
    assertThat(await(first.extendAsync())).isNull();
    CompletionStage<Void> releasedElsewhere =
        CompletableFuture.supplyAsync(() -> held.get().releaseAsync()).thenCompose(stage -> stage);
    assertThat((Object) await(releasedElsewhere)).isNull();
    assertThat(first.fencingToken()).isEmpty();
    Optional<Redlock.Held> next = await(second.tryAcquireAsync(Duration.ofSeconds(5)));
    assertThat(next).isPresent();
    assertThat(next.get().fencingToken()).isGreaterThan(token);
    assertThat(await(second.releaseAsync())).isNull();
  }

  @MatrixTest
  void aWaitingAcquisitionGetsTheLockWhenTheHolderReleases(Pottery pottery, TestKey key) {
    Redlock holder = pottery.redlock(key.name());
    assertThat(holder.acquire(false)).isTrue();
    CompletableFuture<Optional<Redlock.Held>> waiting =
        pottery.redlock(key.name()).tryAcquireAsync(Duration.ofSeconds(20)).toCompletableFuture();
    holder.release();
    Optional<Redlock.Held> held = await(waiting);
    assertThat(held).isPresent();
    held.get().close();
  }

  @MatrixTest
  void releaseAndExtendFailAsTheirBlockingTwinsThrow(Pottery pottery, TestKey key) {
    Redlock lock = pottery.redlockBuilder(key.name()).numExtensions(0).build();
    Throwable release = assertThrows(ReleaseUnlockedLock.class, lock::release);
    assertThat(failure(lock::releaseAsync)).isInstanceOf(ReleaseUnlockedLock.class).hasMessage(release.getMessage());
    Throwable extend = assertThrows(ExtendUnlockedLock.class, lock::extend);
    assertThat(failure(lock::extendAsync)).isInstanceOf(ExtendUnlockedLock.class).hasMessage(extend.getMessage());
    assertThat(lock.acquire(false)).isTrue();
    Throwable tooMany = assertThrows(TooManyExtensions.class, lock::extend);
    assertThat(failure(lock::extendAsync)).isInstanceOf(TooManyExtensions.class).hasMessage(tooMany.getMessage());
    lock.release();
    assertThrows(IllegalArgumentException.class, () -> lock.tryAcquireAsync(Duration.ofMillis(-1)));
  }

  /**
   * A blocking {@code nextLong()} on the async executor's only thread, right after a {@code nextAsync()} queued
   * its leader task on that same thread's queue: the blocking caller leads both, instead of waiting for a task
   * that can only run once it returns (a deadlock before the fix).
   */
  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aBlockingCallOnTheOnlyExecutorThreadLeadsTheRoundAQueuedTaskWouldHave(String driver, RedisServers servers)
      throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try (Pottery pottery = Pottery.builder().masters(servers.uris()).driver(driver).codec("jackson")
        .asyncExecutor(one).build()) {
      NextId ids = pottery.nextId(TestKey.forTest("oneThread").name());
      List<CompletableFuture<Long>> queued = new ArrayList<>();
      CompletableFuture<Long> blocking = CompletableFuture.supplyAsync(() -> {
        queued.add(ids.nextAsync().toCompletableFuture());
        return ids.nextLong();
      }, one);
      assertThat(blocking.get(30, TimeUnit.SECONDS)).isEqualTo(2L); // one round for both, in queue order
      assertThat(await(queued.get(0))).isEqualTo(1L); // completed by a task that ran once the thread was free
    } finally {
      one.shutdownNow();
    }
  }
}
