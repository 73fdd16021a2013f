package io.pottery.internal.nextid;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NextId shared by two competing processes on healthy masters, for a few seconds each: no caller fails, every
 * id is unique, each caller's ids increase, and neither competitor gets less than a quarter of the ids.
 *
 * <p>The matrix is narrowed to what can matter: both drivers (they time and pipeline the rounds), on five
 * standalone masters. The codec cannot matter: NextId stores decimal text and never encodes a value, so one
 * codec is used. The cluster topology adds nothing here: in a cluster cell the cluster is one of the masters,
 * routed by the driver like any single-key script (which {@link NextIdTest} covers on every cell), while the
 * contention is between proposers, whatever carries their scripts.
 *
 * <p>Python is not installed here; its competitor is emulated with raw commands, exactly as Python pottery's
 * {@code NextId.__next__} runs: {@code SETNX key 0} on every master when created; then per id up to 3 tries of a
 * read round ({@code GET} on every master at once, waiting for all, needing a quorum of answers, taking their
 * maximum) and a write round (its raise-only script with maximum + 1 on every master at once, waiting for all,
 * issued if a quorum returned the candidate); after 3 failed tries it raises {@code QuorumNotAchieved}.
 */
@WithRedis(masters = 5)
class NextIdContentionTest {
  /** How long each competitor keeps asking for ids. */
  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static Pottery connect(RedisServers servers, String driver) {
    return Pottery.builder().masters(servers.uris()).driver(driver).codec("jackson").build();
  }

  /** What one competitor (process) got: each caller's ids in order, and how many calls failed. */
  private record Side(String name, List<List<Long>> perCaller, int failures, List<Throwable> failed) {
    long ids() {
      return perCaller.stream().mapToLong(List::size).sum();
    }
  }

  /** Runs {@code threads} callers of {@code nextId} until the shared end time; collects ids and failures. */
  private static Future<Side> compete(ExecutorService pool, String name, int threads, CountDownLatch start, long end,
      Caller caller) {
    return pool.submit(() -> {
      List<Future<List<Long>>> callers = new ArrayList<>();
      AtomicInteger failures = new AtomicInteger();
      List<Throwable> failed = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService own = Executors.newFixedThreadPool(threads);
      try {
        for (int t = 0; t < threads; t++) {
          callers.add(own.submit(() -> {
            List<Long> mine = new ArrayList<>();
            start.await();
            while (System.nanoTime() < end) {
              try {
                mine.add(caller.next());
              } catch (RuntimeException e) {
                failures.incrementAndGet();
                if (failed.size() < 3) {
                  failed.add(e);
                }
              }
            }
            return mine;
          }));
        }
        List<List<Long>> perCaller = new ArrayList<>();
        for (Future<List<Long>> one : callers) {
          perCaller.add(one.get(RUN_NANOS / 1_000_000_000L + 60, TimeUnit.SECONDS));
        }
        return new Side(name, perCaller, failures.get(), failed);
      } finally {
        own.shutdownNow();
      }
    });
  }

  /** One id, or an exception. */
  @FunctionalInterface
  private interface Caller {
    long next() throws Exception;
  }

  /** Runs two competitors at once, then checks and prints what each got. */
  private static void race(String label, Side[] sides, int threadsA, Caller a, int threadsB, Caller b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      long end = System.nanoTime() + RUN_NANOS;
      Future<Side> first = compete(pool, "A", threadsA, start, end, a);
      Future<Side> second = compete(pool, "B", threadsB, start, end, b);
      start.countDown();
      sides[0] = first.get(RUN_NANOS / 1_000_000_000L + 120, TimeUnit.SECONDS);
      sides[1] = second.get(RUN_NANOS / 1_000_000_000L + 120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    Set<Long> unique = new HashSet<>();
    long total = 0;
    int decreases = 0;
    for (Side side : sides) {
      for (List<Long> caller : side.perCaller()) {
        for (int i = 1; i < caller.size(); i++) {
          if (caller.get(i) <= caller.get(i - 1)) {
            decreases++;
          }
        }
        unique.addAll(caller);
        total += caller.size();
      }
    }
    System.out.printf("NEXTID-RESULT %s: %d ids; A %d (%.1f%%, %d failed calls), B %d (%.1f%%, %d failed calls); "
            + "duplicates %d, decreases %d%n", label, total, sides[0].ids(), 100.0 * sides[0].ids() / Math.max(1, total),
        sides[0].failures(), sides[1].ids(), 100.0 * sides[1].ids() / Math.max(1, total), sides[1].failures(),
        total - unique.size(), decreases);
    for (Side side : sides) {
      for (Throwable e : side.failed()) {
        System.out.println("NEXTID-RESULT " + label + " " + side.name() + " failure: " + e);
      }
    }
    assertThat(total - unique.size()).as("duplicate ids").isZero();
    assertThat(decreases).as("ids that did not increase for their caller").isZero();
    assertThat(total).as("ids issued").isGreaterThan(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void twoInstancesOfFourThreadsShareTheIdsFairlyAndNoCallFails(String driver, RedisServers servers) throws Exception {
    String key = TestKey.forTest("twoInstances").name();
    try (Pottery one = connect(servers, driver); Pottery two = connect(servers, driver)) {
      NextId a = one.nextId(key);
      NextId b = two.nextId(key);
      Side[] sides = new Side[2];
      race("two instances x 4 threads [" + driver + "]", sides, 4, a::nextLong, 4, b::nextLong);
      assertThat(sides[0].failures() + sides[1].failures()).as("failed calls on healthy masters").isZero();
      long total = sides[0].ids() + sides[1].ids();
      assertThat(sides[0].ids() * 4).as("A's ids, at least a quarter of %d", total).isGreaterThanOrEqualTo(total);
      assertThat(sides[1].ids() * 4).as("B's ids, at least a quarter of %d", total).isGreaterThanOrEqualTo(total);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void javaAndAPythonProcessShareTheIdsFairly(String driver, RedisServers servers) throws Exception {
    String key = TestKey.forTest("withPython").name();
    String redisKey = "nextid:" + key;
    try (Pottery pottery = connect(servers, driver); PythonNextId python = new PythonNextId(servers, redisKey)) {
      NextId java = pottery.nextId(key);
      Side[] sides = new Side[2];
      race("Java vs Python's algorithm [" + driver + "]", sides, 1, java::nextLong, 1, python::next);
      assertThat(sides[0].failures()).as("Java's failed calls on healthy masters").isZero();
      long total = sides[0].ids() + sides[1].ids();
      assertThat(sides[0].ids() * 4).as("Java's ids, at least a quarter of %d", total).isGreaterThanOrEqualTo(total);
      assertThat(sides[1].ids() * 4).as("Python's ids, at least a quarter of %d", total).isGreaterThanOrEqualTo(total);
    }
  }

  /**
   * Python pottery's {@code NextId}, command for command, on raw connections (one per master, as redis-py's
   * pool gives a lone thread), each round sent to every master at once and awaited in full. One caller.
   */
  static final class PythonNextId implements AutoCloseable {
    private final String redisKey;
    private final List<RawRedis> masters = new ArrayList<>();
    private final ExecutorService senders;

    PythonNextId(RedisServers servers, String redisKey) {
      this.redisKey = redisKey;
      for (RedisServer server : servers.all()) {
        masters.add(server.client());
      }
      this.senders = Executors.newFixedThreadPool(masters.size());
      for (Object reply : everyMaster(raw -> raw.call("SETNX", redisKey, "0"))) { // __init_masters
        if (reply instanceof RuntimeException) {
          throw (RuntimeException) reply;
        }
      }
    }

    /** {@code __next__}: up to 3 tries of read round + write round. */
    long next() {
      for (int tryNumber = 0; tryNumber < 3; tryNumber++) {
        // __current_id getter: GET everywhere, int() of each answer, quorum of answers, max.
        long current = -1;
        int answers = 0;
        for (Object reply : everyMaster(raw -> raw.call("GET", redisKey))) {
          if (reply instanceof byte[]) {
            current = Math.max(current, Long.parseLong(new String((byte[]) reply, java.nio.charset.StandardCharsets.US_ASCII)));
            answers++;
          }
        }
        if (answers < masters.size() / 2 + 1) {
          continue;
        }
        long candidate = current + 1;
        // __current_id setter: the raise-only script everywhere; stored where it returned the candidate.
        int stored = 0;
        for (Object reply : everyMaster(raw -> raw.call("EVAL", NextIdTest.PYTHON_SET_ID, "1", redisKey,
            Long.toString(candidate)))) {
          if (Long.valueOf(candidate).equals(reply)) {
            stored++;
          }
        }
        if (stored >= masters.size() / 2 + 1) {
          return candidate;
        }
      }
      throw new IllegalStateException("QuorumNotAchieved (Python pottery's NextId gives up after 3 tries)");
    }

    /** One command on every master at once; waits for every answer (a failure stands in its place). */
    private List<Object> everyMaster(java.util.function.Function<RawRedis, Object> command) {
      List<CompletableFuture<Object>> replies = new ArrayList<>();
      for (RawRedis raw : masters) {
        replies.add(CompletableFuture.supplyAsync(() -> command.apply(raw), senders)
            .exceptionally(e -> e instanceof RuntimeException ? e : new RuntimeException(e)));
      }
      List<Object> out = new ArrayList<>();
      for (CompletableFuture<Object> reply : replies) {
        out.add(reply.join());
      }
      return out;
    }

    @Override
    public void close() {
      senders.shutdownNow();
      for (RawRedis raw : masters) {
        raw.close();
      }
    }
  }
}
