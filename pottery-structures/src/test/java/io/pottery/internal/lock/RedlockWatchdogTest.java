package io.pottery.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.ReleaseUnlockedLock;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.Assertions;

/** The optional watchdog: renews while held, stops synchronously on release, reports a lost lease. */
@WithRedis(masters = 5)
class RedlockWatchdogTest {

  private static long present(RedisServers servers, String key) {
    long count = 0;
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        count += (Long) raw.call("EXISTS", key);
      }
    }
    return count;
  }

  private static QuorumRedlock quorum(Redlock lock) {
    return lock instanceof ObservedRedlock ? ((ObservedRedlock) lock).observed() : (QuorumRedlock) lock;
  }

  private static boolean watchdogRunning(Redlock lock) {
    return quorum(lock).watchdogRunning();
  }

  private static java.util.stream.Stream<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName);
  }

  @MatrixTest
  void theWatchdogKeepsALeaseAliveWellPastItsAutoReleaseTime(Pottery pottery, TestKey key) throws Exception {
    Redlock lock = pottery.redlockBuilder(key.name()).autoRelease(Duration.ofMillis(1_200)).watchdog(l -> { }).build();
    Redlock other = pottery.redlock(key.name());
    try (Redlock.Held held = lock.hold()) {
      Thread.sleep(2_500);
      assertThat(other.tryLock()).isFalse();
      assertThat(lock.locked()).isPositive();
      lock.extend(); // the watchdog's renewals do not count against numExtensions
      lock.extend();
      lock.extend();
    }
    assertThat(other.tryLock()).isTrue();
    other.unlock();
  }

  @MatrixTest
  void releaseRacingRenewalNeverLeavesTheLockBehind(Pottery pottery, TestKey key, RedisServers servers) throws Exception {
    // 900 ms leases renewed every 300 ms, released at varied times: some releases land while a renewal is in flight.
    Redlock lock = pottery.redlockBuilder(key.name()).autoRelease(Duration.ofMillis(900)).watchdog(l -> { }).build();
    for (int i = 0; i < 12; i++) {
      lock.lock();
      Thread.sleep((i * 97) % 400);
      lock.unlock();
      // Cancelled synchronously: no renewal of the watchdog is scheduled or running after unlock(), so none can
      // follow it. (Watchdogs have no thread of their own: the Pottery's timer and workers run them.)
      assertThat(watchdogRunning(lock)).isFalse();
    }
    // Release returns at quorum, so the slowest masters' DEL may still be on its way; but a renewal that had
    // outlived unlock() would have set a 900 ms lease, still present well after 500 ms. Nothing may be left then.
    long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
    while (present(servers, "redlock:" + key.name()) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(present(servers, "redlock:" + key.name())).isZero();
  }

  @MatrixTest
  void aLostLeaseIsReportedToTheCallback(Pottery pottery, TestKey key, RedisServers servers) throws Exception {
    CountDownLatch reported = new CountDownLatch(1);
    AtomicReference<Redlock> lost = new AtomicReference<>();
    Redlock lock = pottery.redlockBuilder(key.name()).autoRelease(Duration.ofMillis(600)).watchdog(l -> {
      lost.set(l);
      reported.countDown();
    }).build();
    lock.lock();
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        raw.call("DEL", "redlock:" + key.name()); // an operator, or a restart without persistence
      }
    }
    assertThat(reported.await(2, TimeUnit.SECONDS)).isTrue();
    assertThat(lost.get()).isSameAs(lock);
    assertThat(lock.locked()).isEqualTo(Duration.ZERO);
    Assertions.assertThatThrownBy(lock::unlock).isInstanceOf(ReleaseUnlockedLock.class);
  }

  @MatrixTest
  void closingThePotteryStopsItsWatchdogsBeforeItReturns(MatrixCell cell, TestKey key, RedisServers servers) {
    Pottery own = Pottery.builder().masters(servers.uris()).driver(cell.driver()).codec(cell.codec()).build();
    AtomicReference<Redlock> lost = new AtomicReference<>();
    Redlock lock = own.redlockBuilder(key.name()).autoRelease(Duration.ofMillis(900)).watchdog(lost::set).build();
    lock.lock();
    String prefix = quorum(lock).backend().background().threadNamePrefix();
    assertThat(watchdogRunning(lock)).isTrue();
    assertThat(threadNames()).anyMatch(name -> name.startsWith(prefix)); // the Pottery's renewal timer

    own.close();

    // Stopped synchronously: no watchdog renewal and no background thread of this Pottery outlives close(), so
    // none renews through closed connections, and closing is not mistaken for a lost lease.
    assertThat(watchdogRunning(lock)).isFalse();
    assertThat(threadNames()).noneMatch(name -> name.startsWith(prefix));
    assertThat(lost.get()).isNull();
  }
}
