package io.pottery.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13 item 11: a lease that expired frees its instance, as in Python pottery (where a second {@code acquire()}
 * succeeds once the first lease ended); a blocked acquisition wakes at that expiry, keeps its own timeout and
 * answers interruption.
 */
@WithRedis(masters = 3)
class RedlockLeaseExpiryTest {

  private static Pottery connect(String driver, RedisServers servers) {
    return Pottery.builder().masters(servers.uris()).driver(driver).codec("jackson").build();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aSecondAcquireThroughTheSameInstanceSucceedsOnceTheFirstLeaseExpired(String driver, RedisServers servers) {
    String key = TestKey.forTest("expiry").name();
    try (Pottery pottery = connect(driver, servers)) {
      Redlock lock = pottery.redlockBuilder(key).autoRelease(Duration.ofMillis(200)).build();
      assertThat(lock.acquire()).isTrue();
      long first = lock.fencingToken().getAsLong();
      long start = System.nanoTime();
      assertThat(lock.acquire(true, Duration.ofSeconds(3))).isTrue();
      long ms = millisSince(start);
      System.out.printf("LEASE-RESULT [%s]: second acquire(true, 3 s) after a 200 ms lease: true after %d ms%n", driver, ms);
      // Not before the lease ended; long before the 3 s timeout (a loaded machine gets a second).
      assertThat(ms).isBetween(150L, 1_200L);
      assertThat(lock.fencingToken().getAsLong()).isGreaterThan(first);
      lock.release();

      // After an expired lease, tryLock() works again; closing a stale Held is quiet.
      Redlock.Held held = lock.hold();
      sleep(300);
      assertThat(lock.tryLock()).isTrue();
      held.close(); // the old lease: quiet, and does not release the new one
      assertThat(lock.locked()).isPositive();
      lock.unlock();

      // Leaving hold() after the body released the lock itself is quiet too (Python's context manager raises).
      try (Redlock.Held again = lock.hold()) {
        lock.release();
      }
      assertThat(lock.tryLock()).isTrue();
      lock.unlock();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aBlockedAcquireKeepsItsTimeoutAndAnswersInterruption(String driver, RedisServers servers) throws Exception {
    String key = TestKey.forTest("blocked").name();
    try (Pottery pottery = connect(driver, servers)) {
      Redlock lock = pottery.redlockBuilder(key).autoRelease(Duration.ofSeconds(30)).build();
      assertThat(lock.acquire()).isTrue();

      long start = System.nanoTime();
      assertThat(lock.acquire(true, Duration.ofMillis(300))).isFalse();
      assertThat(lock.tryLock(300, TimeUnit.MILLISECONDS)).isFalse();
      assertThat(millisSince(start)).isBetween(600L, 1_200L);

      for (boolean timed : new boolean[] {false, true}) {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
          started.countDown();
          try {
            if (timed) {
              lock.tryLock(20, TimeUnit.SECONDS);
            } else {
              lock.lockInterruptibly();
            }
            outcome.set(new AssertionError("acquired while the instance holds a live lease"));
          } catch (Throwable e) {
            outcome.set(e);
          }
        });
        waiter.start();
        started.await();
        sleep(200);
        assertThat(waiter.isAlive()).isTrue();
        long interruptedAt = System.nanoTime();
        waiter.interrupt();
        waiter.join(2_000);
        assertThat(waiter.isAlive()).as("the waiter answered the interrupt").isFalse();
        assertThat(millisSince(interruptedAt)).isLessThan(1_000L);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      }
      assertThat(lock.locked()).as("the holder's lease is untouched").isPositive();
      lock.unlock();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
