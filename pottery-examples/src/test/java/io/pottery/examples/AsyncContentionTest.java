package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pottery.AsyncRedisMap;
import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.RedisMap;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The async API under load: 10,000 concurrent stages of {@code NextId.nextAsync()} and {@code
 * AsyncRedisMap.fastPut}, plus 10,000 Redlock-guarded read-modify-writes over 10 keys, all in flight at once on
 * one {@code Pottery} (three masters) whose async executor is four platform threads. No id twice, no update
 * lost, never two holders of one key, fencing tokens increasing per key, all within {@link #BOUND}; a part that
 * does not finish fails with the stacks of every thread.
 */
@WithRedis(masters = 3)
class AsyncContentionTest {

  /** Stages of {@code nextAsync} then {@code fastPut}, all started before any is awaited. */
  static final int STAGES = 10_000;

  /** The platform threads of the async executor. */
  static final int EXECUTOR_THREADS = 4;

  /** Redlock keys; each guards one map field. */
  static final int LOCK_KEYS = 10;

  /**
   * Redlock instances per key. One instance holds one lease at a time, so each instance's {@link #OPERATIONS_PER_INSTANCE} operations are
   * chained (acquire, read, write, release, then the next acquire): 100 chains contend on Redis at once, beside
   * the {@link #STAGES} id-and-map stages.
   */
  static final int INSTANCES_PER_KEY = 10;

  /**
   * Lock operations per instance: 10 keys × 10 instances × 100 = 10,000 guarded updates, 1,000 per key, each
   * waiting for the previous holder of its key. An async waiter is not woken by a release: it retries after a
   * random pause of up to 200 ms, with no thread held meanwhile.
   */
  static final int OPERATIONS_PER_INSTANCE = 100;

  /** The leases' auto-release time: long enough that two holders at once can only mean broken exclusion. */
  static final Duration LEASE = Duration.ofSeconds(60);

  /**
   * How long the whole test may take before it counts as hung. Measured wall times are printed as {@code
   * ASYNC-RESULT} lines: 2.7 to 10.8 s per cell over four runs (both drivers and codecs, standalone and
   * cluster, JDK 17; the 10.8 s at load average 7) on a shared 2-core machine; 180 s, as in {@code VirtualThreadContentionTest}, leaves a
   * slow CI machine over 20 times that, while a deadlock still fails in minutes, with every thread's stack.
   */
  static final Duration BOUND = Duration.ofSeconds(180);

  /**
   * Commands queue behind thousands of others (in the driver's queue or for a pooled socket) before they are
   * sent; waiting in line is the point here, so the per-reply timeout is raised as a user with this many
   * operations in flight would.
   */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  @MatrixTest(standaloneOnlyBecause = "builds its own Pottery on the three standalone masters of @WithRedis; a"
      + " cluster cell would only run the same test again (the async views' cluster routing is covered by"
      + " AsyncRedisMapTest and AsyncProbabilisticTest on every cell)")
  void tenThousandStagesOnFourThreadsLoseNothing(RedisServers servers, TestKey key, MatrixCell cell) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(EXECUTOR_THREADS, runnable -> {
      Thread thread = new Thread(runnable, "async-test-" + runnable.hashCode());
      thread.setDaemon(true);
      return thread;
    });
    try (Pottery pottery = Pottery.builder().masters(servers.uris()).driver(cell.driver()).codec(cell.codec())
        .commandTimeout(COMMAND_TIMEOUT).asyncExecutor(executor).build()) {
      NextId ids = pottery.nextId(key.derived("nextid"));
      RedisMap<String, Long> byStage = pottery.map(key.derived("stages"), String.class, Long.class);
      AsyncRedisMap<String, Long> stages = byStage.async();
      RedisMap<String, Integer> totals = pottery.map(key.derived("totals"), String.class, Integer.class);
      AsyncRedisMap<String, Integer> asyncTotals = totals.async();
      AtomicIntegerArray holders = new AtomicIntegerArray(LOCK_KEYS);
      AtomicIntegerArray maxHolders = new AtomicIntegerArray(LOCK_KEYS);
      AtomicLongArray lastToken = new AtomicLongArray(LOCK_KEYS);
      AtomicInteger tokensNotIncreasing = new AtomicInteger();
      AtomicInteger notAcquired = new AtomicInteger();
      ConcurrentLinkedQueue<Long> issued = new ConcurrentLinkedQueue<>();
      Set<String> completedOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
      String caller = Thread.currentThread().getName();

      long start = System.nanoTime();
      List<CompletableFuture<?>> all = new ArrayList<>(STAGES + LOCK_KEYS * INSTANCES_PER_KEY);
      for (int i = 0; i < STAGES; i++) {
        String field = "s" + i;
        all.add(ids.nextAsync().thenCompose(id -> {
          issued.add(id);
          return stages.fastPut(field, id);
        }).thenAccept(isNew -> completedOn.add(Thread.currentThread().getName())).toCompletableFuture());
      }
      for (int k = 0; k < LOCK_KEYS; k++) {
        int lockKey = k;
        String field = "k" + k;
        for (int n = 0; n < INSTANCES_PER_KEY; n++) {
          Redlock lock = pottery.redlockBuilder(key.derived("lock" + k)).autoRelease(LEASE).build();
          CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
          for (int op = 0; op < OPERATIONS_PER_INSTANCE; op++) {
            chain = chain.thenCompose(ignored -> lock.tryAcquireAsync(BOUND)).thenCompose(held -> {
              if (held.isEmpty()) {
                notAcquired.incrementAndGet();
                return CompletableFuture.completedFuture(null);
              }
              return guardedIncrement(held.get(), lockKey, field, asyncTotals, holders, maxHolders, lastToken,
                  tokensNotIncreasing);
            }).toCompletableFuture();
          }
          all.add(chain);
        }
      }
      long started = System.nanoTime();
      try {
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
            .get(BOUND.toMillis() - TimeUnit.NANOSECONDS.toMillis(started - start), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long done = all.stream().filter(CompletableFuture::isDone).count();
        fail("only " + done + " of " + all.size() + " stage chains completed within " + BOUND.toSeconds()
            + " s (deadlock or starvation); every thread's stack:\n" + threadDump());
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("ASYNC-RESULT %s: %d nextAsync+fastPut stages and %d lock operations on %d threads in %d ms"
          + " (JDK %s)%n", cell, STAGES, LOCK_KEYS * INSTANCES_PER_KEY * OPERATIONS_PER_INSTANCE, EXECUTOR_THREADS,
          millis, Runtime.version().feature());

      Set<Long> distinct = new HashSet<>(issued);
      assertThat(issued).as("ids issued").hasSize(STAGES);
      assertThat(distinct).as("distinct ids").hasSize(STAGES);
      Map<String, Long> stored = byStage.getAll(java.util.stream.IntStream.range(0, STAGES).mapToObj(i -> "s" + i)
          .toList());
      assertThat(stored).as("fields written by the stages").hasSize(STAGES);
      assertThat(new HashSet<>(stored.values())).isEqualTo(distinct);
      assertThat(notAcquired.get()).as("acquisitions that timed out").isZero();
      for (int k = 0; k < LOCK_KEYS; k++) {
        assertThat(totals.get("k" + k)).as("total of key %d (a lost update is a broken exclusion)", k)
            .isEqualTo(INSTANCES_PER_KEY * OPERATIONS_PER_INSTANCE);
        assertThat(maxHolders.get(k)).as("most holders of key %d at once", k).isEqualTo(1);
      }
      assertThat(tokensNotIncreasing.get()).as("fencing tokens not above the previous holder's").isZero();
      // Pottery.Builder.asyncExecutor is where stages complete: never a driver thread (an already complete
      // stage would run its function on the caller, the test's thread).
      assertThat(completedOn).as("threads that ran the stages' last step")
          .allMatch(name -> name.startsWith("async-test-") || name.equals(caller));
    } finally {
      executor.shutdownNow();
    }
  }

  /** Under the lease: read the field, write it plus one (two round trips, not atomic without the lock), release. */
  private static CompletableFuture<Void> guardedIncrement(Redlock.Held held, int k, String field,
      AsyncRedisMap<String, Integer> totals, AtomicIntegerArray holders, AtomicIntegerArray maxHolders,
      AtomicLongArray lastToken, AtomicInteger tokensNotIncreasing) {
    int now = holders.incrementAndGet(k);
    maxHolders.accumulateAndGet(k, now, Math::max);
    long token = held.fencingToken();
    if (token <= lastToken.get(k)) {
      tokensNotIncreasing.incrementAndGet();
    }
    lastToken.set(k, token);
    return totals.get(field)
        .thenCompose(before -> totals.fastPut(field, before == null ? 1 : before + 1))
        .thenCompose(written -> {
          holders.decrementAndGet(k);
          return held.releaseAsync();
        }).toCompletableFuture();
  }

  private static String threadDump() {
    StringBuilder dump = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      dump.append('"').append(entry.getKey().getName()).append("\" ").append(entry.getKey().getState()).append('\n');
      for (StackTraceElement frame : entry.getValue()) {
        dump.append("    at ").append(frame).append('\n');
      }
    }
    return dump.toString();
  }
}
