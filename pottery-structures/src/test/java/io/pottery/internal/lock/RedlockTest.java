package io.pottery.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.ExtendUnlockedLock;
import io.pottery.Pottery;
import io.pottery.QuorumNotAchieved;
import io.pottery.Redlock;
import io.pottery.ReleaseUnlockedLock;
import io.pottery.TooManyExtensions;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/** Redlock's contract on five real masters, on every driver × codec. */
@WithRedis(masters = 5)
class RedlockTest {

  private static String text(Object reply) {
    return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
  }

  /** What every master stores under {@code key}. */
  private static List<String> stored(RedisServers servers, String key) {
    List<String> values = new ArrayList<>();
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        values.add(text(raw.call("GET", key)));
      }
    }
    return values;
  }

  /**
   * What every master stores under {@code key}, once {@code done} holds for the values or 2 s passed: acquire
   * and release return as soon as a quorum answered, and the slower masters' answers land just after.
   */
  private static List<String> storedEventually(RedisServers servers, String key, Predicate<List<String>> done)
      throws InterruptedException {
    long until = System.nanoTime() + 2_000_000_000L;
    List<String> values = stored(servers, key);
    while (!done.test(values) && System.nanoTime() < until) {
      Thread.sleep(5);
      values = stored(servers, key);
    }
    return values;
  }

  private static List<String> goneEventually(RedisServers servers, String key) throws InterruptedException {
    return storedEventually(servers, key, values -> values.stream().allMatch(Objects::isNull));
  }

  @MatrixTest
  void acquireStoresPythonsLayoutOnEveryMasterAndReleaseDeletesIt(Pottery pottery, TestKey key, RedisServers servers)
      throws Exception {
    Redlock lock = pottery.redlock(key.name());
    assertThat(lock.redisKey()).isEqualTo("redlock:" + key.name());
    assertThat(lock.acquire()).isTrue();
    List<String> values = storedEventually(servers, "redlock:" + key.name(), vs -> vs.stream().allMatch(Objects::nonNull));
    assertThat(values).hasSize(5).allSatisfy(v -> assertThat(UUID.fromString(v).toString()).isEqualTo(v));
    assertThat(values).containsOnly(values.get(0));
    assertThat(UUID.fromString(values.get(0)).version()).isEqualTo(4);
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        assertThat((Long) raw.call("PTTL", "redlock:" + key.name())).isBetween(9_000L, 10_000L);
      }
    }
    lock.release();
    assertThat(goneEventually(servers, "redlock:" + key.name())).containsOnlyNulls();
  }

  @MatrixTest
  void lockedIsAbout9890MsAfterADefaultAcquireAndZeroWhenNotHeld(Pottery pottery, TestKey key) {
    Redlock lock = pottery.redlock(key.name());
    assertThat(lock.locked()).isEqualTo(Duration.ZERO);
    lock.acquire();
    Duration left = lock.locked();
    assertThat(left).isBetween(Duration.ofMillis(9_700), Duration.ofMillis(9_898));
    lock.release();
    assertThat(lock.locked()).isEqualTo(Duration.ZERO);
  }

  @MatrixTest
  void aSecondInstanceIsExcludedUntilRelease(Pottery pottery, TestKey key) throws Exception {
    Redlock first = pottery.redlock(key.name());
    Redlock second = pottery.redlock(key.name());
    assertThat(first.tryLock()).isTrue();
    assertThat(second.tryLock()).isFalse();
    assertThat(second.acquire(false)).isFalse();
    long start = System.nanoTime();
    assertThat(second.tryLock(300, TimeUnit.MILLISECONDS)).isFalse();
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(waitedMs).isBetween(300L, 1_500L);
    first.unlock();
    assertThat(second.tryLock(2, TimeUnit.SECONDS)).isTrue();
    assertThat(first.tryLock()).isFalse();
    second.unlock();
  }

  @MatrixTest
  void extendAllowsExactlyNumExtensionsThenThrowsWithoutContactingRedis(Pottery pottery, TestKey key) {
    Redlock lock = pottery.redlock(key.name());
    assertThatThrownBy(lock::extend).isInstanceOf(ExtendUnlockedLock.class).hasMessageContaining(key.name());
    lock.acquire();
    lock.extend();
    lock.extend();
    lock.extend();
    assertThatThrownBy(lock::extend).isInstanceOf(TooManyExtensions.class)
        .hasMessageContaining("Redlock \"" + key.name() + "\"").hasMessageContaining("3 times");
    lock.release();
    lock.acquire();
    lock.extend(); // the count starts again with each acquisition
    lock.release();
  }

  @MatrixTest
  void extendResetsTheLeaseToTheFullAutoReleaseTime(Pottery pottery, TestKey key, RedisServers servers) throws Exception {
    Redlock lock = pottery.redlockBuilder(key.name()).autoRelease(Duration.ofMillis(1_500)).build();
    lock.acquire();
    Thread.sleep(700);
    lock.extend();
    try (RawRedis raw = servers.first().client()) {
      // extend() returns once a quorum (3 of 5) extended; this master's EXTEND may land a moment later.
      long deadline = System.nanoTime() + 250_000_000L;
      long pttl = (Long) raw.call("PTTL", "redlock:" + key.name());
      while (pttl <= 1_200L && System.nanoTime() < deadline) {
        pttl = (Long) raw.call("PTTL", "redlock:" + key.name());
      }
      assertThat(pttl).isGreaterThan(1_200L);
    }
    lock.release();
  }

  @MatrixTest
  void aLeaseExpiresAfterItsAutoReleaseTime(Pottery pottery, TestKey key) throws Exception {
    Redlock lock = pottery.redlockBuilder(key.name()).autoRelease(Duration.ofMillis(300)).build();
    Redlock other = pottery.redlock(key.name());
    lock.acquire();
    assertThat(other.tryLock()).isFalse();
    Thread.sleep(400);
    assertThat(lock.locked()).isEqualTo(Duration.ZERO);
    assertThat(other.tryLock()).isTrue();
    assertThatThrownBy(lock::release).isInstanceOf(ReleaseUnlockedLock.class)
        .hasMessageContaining("released on 0 of 5 masters, quorum 3");
    assertThatThrownBy(lock::extend).isInstanceOf(ExtendUnlockedLock.class);
    other.release();
  }

  @MatrixTest
  void misuseIsReportedWithPotteryAndJdkExceptions(Pottery pottery, TestKey key) {
    Redlock lock = pottery.redlock(key.name());
    assertThatThrownBy(lock::release).isInstanceOf(ReleaseUnlockedLock.class).hasMessageContaining(key.name());
    assertThatThrownBy(lock::unlock).isInstanceOf(IllegalMonitorStateException.class);
    assertThatThrownBy(lock::newCondition).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> lock.acquire(false, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    lock.acquire();
    lock.release();
    assertThatThrownBy(lock::release).isInstanceOf(ReleaseUnlockedLock.class);
  }

  @MatrixTest
  void anyThreadMayReleaseTheInstancesLock(Pottery pottery, TestKey key) throws Exception {
    Redlock lock = pottery.redlock(key.name());
    lock.lock();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread other = new Thread(() -> {
      try {
        lock.unlock();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    other.start();
    other.join(10_000);
    assertThat(failure.get()).isNull();
    assertThat(pottery.redlock(key.name()).tryLock()).isTrue();
  }

  @MatrixTest
  void threadsSharingAnInstanceTakeTurns(Pottery pottery, TestKey key) throws Exception {
    Redlock lock = pottery.redlock(key.name());
    lock.lock();
    CountDownLatch acquired = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      lock.lock();
      acquired.countDown();
      lock.unlock();
    });
    waiter.start();
    assertThat(acquired.await(300, TimeUnit.MILLISECONDS)).isFalse();
    long token = lock.fencingToken().orElseThrow();
    lock.unlock();
    assertThat(acquired.await(5, TimeUnit.SECONDS)).isTrue();
    waiter.join(5_000);
    assertThat(lock.fencingToken()).isEmpty();
    lock.lock();
    assertThat(lock.fencingToken().orElseThrow()).isGreaterThan(token + 1);
    lock.unlock();
  }

  @MatrixTest
  void lockInterruptiblyStopsWaitingWhenInterrupted(Pottery pottery, TestKey key) throws Exception {
    Redlock holder = pottery.redlock(key.name());
    holder.lock();
    Redlock waiterLock = pottery.redlock(key.name());
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        waiterLock.lockInterruptibly();
        outcome.set(new AssertionError("acquired a held lock"));
      } catch (Throwable e) {
        outcome.set(e);
      }
    });
    waiter.start();
    Thread.sleep(300);
    waiter.interrupt();
    waiter.join(5_000);
    assertThat(waiter.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    assertThat(waiterLock.fencingToken()).isEmpty();
    holder.unlock();
  }

  @MatrixTest
  void tryLockWithATimeoutIsInterruptibleAndLockKeepsTheInterrupt(Pottery pottery, TestKey key) throws Exception {
    Redlock lock = pottery.redlock(key.name());
    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> lock.tryLock(1, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    Thread.currentThread().interrupt();
    lock.lock(); // not interruptible: acquires, and the interrupt stays set
    assertThat(Thread.interrupted()).isTrue();
    lock.unlock();
  }

  @MatrixTest
  void fencingTokensStrictlyIncreaseAcrossHoldersAndAreAgreedByTheMasters(Pottery pottery, TestKey key,
      RedisServers servers) throws Exception {
    long previous = 0;
    for (int i = 0; i < 5; i++) {
      try (Redlock.Held held = pottery.redlock(key.name()).hold()) {
        assertThat(held.fencingToken()).isGreaterThan(previous);
        assertThat(held.lock().fencingToken()).hasValue(held.fencingToken());
        previous = held.fencingToken();
      }
    }
    // A quorum's counters are at the last token (a master that answered after the quorum may have missed an
    // acquisition: the next one that finds the counters apart raises them).
    String last = Long.toString(previous);
    assertThat(stored(servers, "{redlock:" + key.name() + "}:fence").stream().filter(last::equals).count())
        .isGreaterThanOrEqualTo(3);
  }

  @MatrixTest
  void fencingTokensStayIncreasingWhenTheMastersCountersDisagree(Pottery pottery, TestKey key, RedisServers servers) {
    String fence = "{redlock:" + key.name() + "}:fence";
    // A master that was away while others counted: its counter lags far behind.
    long[] counters = {100, 100, 100, 3, 3};
    for (int i = 0; i < 5; i++) {
      try (RawRedis raw = servers.get(i).client()) {
        raw.call("SET", fence, Long.toString(counters[i]));
      }
    }
    long first;
    try (Redlock.Held held = pottery.redlock(key.name()).hold()) {
      first = held.fencingToken();
      assertThat(first).isGreaterThan(100);
    }
    // The acquisition raised a quorum's counters to its token, so no later quorum can answer lower.
    long raised = stored(servers, fence).stream().filter(v -> Long.parseLong(v) >= first).count();
    assertThat(raised).isGreaterThanOrEqualTo(3);
    try (Redlock.Held held = pottery.redlock(key.name()).hold()) {
      assertThat(held.fencingToken()).isGreaterThan(first);
    }
  }

  @MatrixTest
  void holdThrowsQuorumNotAchievedWhenItMayNotWait(Pottery pottery, TestKey key, RedisServers servers)
      throws InterruptedException {
    Redlock holder = pottery.redlock(key.name());
    holder.lock();
    // lock() returns at quorum; the message below counts every master, so let the slower ones catch up.
    assertThat(storedEventually(servers, "redlock:" + key.name(), values -> values.stream().allMatch(Objects::nonNull)))
        .doesNotContainNull();
    Redlock impatient = pottery.redlockBuilder(key.name()).blocking(false).build();
    assertThatThrownBy(impatient::hold).isInstanceOf(QuorumNotAchieved.class)
        .hasMessageContaining("Redlock \"" + key.name() + "\": not acquired after one attempt")
        .hasMessageContaining("held on 0 of 5 masters, quorum 3")
        .hasMessageContaining("(held by another holder)");
    Redlock patient = pottery.redlockBuilder(key.name()).timeout(Duration.ofMillis(250)).build();
    assertThatThrownBy(patient::hold).isInstanceOf(QuorumNotAchieved.class).hasMessageContaining("waited 250 ms");
    holder.unlock();
    try (Redlock.Held held = patient.hold()) {
      assertThat(held.lock().locked()).isPositive();
    }
    assertThat(patient.locked()).isEqualTo(Duration.ZERO);
  }

  @MatrixTest
  void synchronizeRunsTheBodyUnderTheLockAndWrapWrapsFunctions(Pottery pottery, TestKey key, RedisServers servers)
      throws Exception {
    String seen = pottery.synchronize(key.name(),
        () -> stored(servers, "redlock:" + key.name()).stream().filter(Objects::nonNull).findFirst().orElse(""));
    assertThat(seen).hasSize(36);
    assertThat(goneEventually(servers, "redlock:" + key.name())).containsOnlyNulls();
    List<String> ran = new ArrayList<>();
    pottery.synchronize(key.name(), () -> ran.add("runnable"));
    assertThat(ran).containsExactly("runnable");

    Redlock other = pottery.redlock(key.name());
    other.lock();
    Function<Integer, Integer> twice = pottery.redlockBuilder(key.name()).blocking(false).wrap(x -> 2 * x);
    assertThatThrownBy(() -> twice.apply(21)).isInstanceOf(QuorumNotAchieved.class);
    other.unlock();
    assertThat(twice.apply(21)).isEqualTo(42);
    assertThat(goneEventually(servers, "redlock:" + key.name())).containsOnlyNulls();
  }

  @MatrixTest
  void aLockWrittenWithPythonsLayoutExcludesJavaAndJavaReleasesNothingOfIt(Pottery pottery, TestKey key,
      RedisServers servers) {
    String python = UUID.randomUUID().toString();
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        assertThat(raw.call("SET", "redlock:" + key.name(), python, "NX", "PX", "10000")).isEqualTo("OK");
      }
    }
    Redlock lock = pottery.redlock(key.name());
    assertThat(lock.tryLock()).isFalse();
    assertThat(stored(servers, "redlock:" + key.name())).containsOnly(python);
    // Python releases with its own compare-and-delete; then Java gets in.
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        raw.call("EVAL", "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            "1", "redlock:" + key.name(), python);
      }
    }
    assertThat(lock.tryLock()).isTrue();
    lock.unlock();
  }

  @MatrixTest
  void theFenceKeySharesTheLockKeysHashSlot(Pottery pottery, TestKey key) {
    assertThat(QuorumRedlock.fenceKey("redlock:printer")).isEqualTo("{redlock:printer}:fence");
    assertThat(QuorumRedlock.fenceKey("redlock:{a}b")).isEqualTo("redlock:{a}b:fence");
    for (String lockKey : List.of("redlock:printer", "redlock:{a}b", "redlock:{}b", "redlock:a}b", "app:{x}redlock:")) {
      assertThat(QuorumRedlock.fenceKey(lockKey)).as(lockKey).isEqualTo(io.pottery.spi.HashSlots.helperKey(lockKey, "fence"));
      assertThat(io.pottery.spi.HashSlots.slot(QuorumRedlock.fenceKey(lockKey))).as(lockKey)
          .isEqualTo(io.pottery.spi.HashSlots.slot(lockKey));
    }
    assertThat(pottery.redlock(key.name()).toString()).contains("redlock:" + key.name());
  }
}
