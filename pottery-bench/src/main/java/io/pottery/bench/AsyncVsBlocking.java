package io.pottery.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.bench.contenders.Clients;
import io.pottery.bench.contenders.Contender;
import io.pottery.bench.contenders.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The async API against its blocking twin, on 5 masters: Redlock acquire + release ({@code acquire(false)} then
 * {@code release()}, against {@code tryAcquireAsync(Duration.ZERO)} then {@code Held.releaseAsync()}) and NextId
 * ({@code nextLong()} against {@code nextAsync()}), on each Pottery driver, at concurrency 1 and 4: blocking
 * with that many threads, async with that many operations in flight, started from the measuring thread, each
 * completion starting the next of its slot. Both sides alternate in slices in this JVM, as the gate measures
 * ({@link Interleaved}), so the machine's load falls on both alike. Pottery runs with its default async executor,
 * or with a fixed pool of platform threads if asked (the default is the {@code Pottery}'s own reused worker
 * threads).
 *
 * <p>Each thread, and each slot in flight, has its own lock key and {@code Redlock} instance, so the figures are
 * the cost of a lease, not of waiting for one; NextId's threads and slots share one sequence per side, as ids are
 * used (and as {@link NextIdBenchmark} measures). Writes {@code async.md} and {@code async.json} ({@code
 * async-pool-N.*} with a pool of N threads). Not part of CI.
 */
final class AsyncVsBlocking {
  /** The concurrencies measured: threads for the blocking side, operations in flight for the async side. */
  static final List<Integer> CONCURRENCY = List.of(1, 4);

  /**
   * One line of the table.
   *
   * @param blockingOpsPerSecond the median of the blocking side's slices
   * @param asyncOpsPerSecond the median of the async side's slices
   * @param ratio async over blocking, the median of the rounds' ratios: above 1, the async calls did more
   */
  record Row(String driver, String structure, int concurrency, double blockingOpsPerSecond, double asyncOpsPerSecond,
      double ratio) {}

  private AsyncVsBlocking() {}

  /**
   * Starts the servers, measures every row with {@code plan}, prints the table and writes it into {@code out}.
   *
   * @param executorThreads the size of a fixed pool to give Pottery as its async executor, or 0 for its default
   */
  static int run(Interleaved.Plan plan, Path out, int executorThreads) {
    ExecutorService executor = executorThreads > 0 ? Executors.newFixedThreadPool(executorThreads) : null;
    String executorName = executor == null ? "Pottery's default async executor"
        : "a fixed pool of " + executorThreads + " platform threads as Pottery's async executor";
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long start = System.nanoTime();
    List<Row> rows = new ArrayList<>();
    String redis;
    try (BenchServers servers = BenchServers.start()) {
      servers.setProperties();
      redis = servers.describe();
      System.out.println("async: async vs blocking, 5 masters, " + executorName + ", on " + redis + "; "
          + Machine.describe());
      for (Contender contender : List.of(Contender.POTTERY_JEDIS, Contender.POTTERY_LETTUCE)) {
        Pottery.Builder builder = Clients.potteryBuilder(contender, BenchMasters.uris(5));
        try (Pottery pottery = executor == null ? builder.build() : builder.asyncExecutor(executor).build()) {
          for (int concurrency : CONCURRENCY) {
            rows.add(measure(contender, "redlock", concurrency, plan, redlockBlocking(pottery, concurrency),
                redlockAsync(pottery, concurrency)));
          }
          for (int concurrency : CONCURRENCY) {
            NextId blocking = pottery.nextId("async:nextid:" + UUID.randomUUID());
            NextId async = pottery.nextId("async:nextid:" + UUID.randomUUID());
            rows.add(measure(contender, "nextid", concurrency, plan,
                java.util.Collections.nCopies(concurrency, blocking::nextLong),
                java.util.Collections.nCopies(concurrency, async::nextAsync)));
          }
        }
      }
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
    String table = markdown(rows);
    String machine = Machine.describe() + ", " + redis;
    System.out.printf(Locale.ROOT, "async: %d s%n%n%s", (System.nanoTime() - start) / 1_000_000_000L, table);
    String command = BenchMain.COMMAND + " async" + (executor == null ? "" : " --executor-threads " + executorThreads);
    String name = executor == null ? "async" : "async-pool-" + executorThreads;
    write(out, name + ".md", "# Async vs blocking, 5 masters\n\nRun " + started + " on " + machine + ".\n\nCommand: `"
        + command + "`\n\n" + about(plan, executorName) + "\n\n" + table);
    write(out, name + ".json", json(rows, machine, started, about(plan, executorName)));
    System.out.println("Wrote " + out.resolve(name + ".md") + " and " + out.resolve(name + ".json"));
    return 0;
  }

  private static Row measure(Contender contender, String structure, int concurrency, Interleaved.Plan plan,
      List<Op> blocking, List<Supplier<? extends CompletionStage<?>>> async) {
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    try {
      Interleaved.Result result = Interleaved.measure(nanos -> asyncRate(async, nanos),
          nanos -> blockingRate(threads, blocking, nanos), plan);
      Row row = new Row(contender.label(), structure, concurrency, result.bOpsPerSecond(), result.aOpsPerSecond(),
          result.ratio());
      System.out.printf(Locale.ROOT, "  %-18s %-8s x%d  blocking %,9.0f ops/s  async %,9.0f ops/s  ratio %.3f%n",
          row.driver(), structure, concurrency, row.blockingOpsPerSecond(), row.asyncOpsPerSecond(), row.ratio());
      return row;
    } finally {
      threads.shutdownNow();
    }
  }

  private static List<Op> redlockBlocking(Pottery pottery, int concurrency) {
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      String key = "async:lock:" + UUID.randomUUID();
      Redlock lock = pottery.redlock(key);
      ops.add(() -> {
        if (!lock.acquire(false)) {
          throw new IllegalStateException("not acquired: " + key);
        }
        lock.release();
        return lock;
      });
    }
    return ops;
  }

  private static List<Supplier<? extends CompletionStage<?>>> redlockAsync(Pottery pottery, int concurrency) {
    List<Supplier<? extends CompletionStage<?>>> slots = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      String key = "async:lock:" + UUID.randomUUID();
      // One instance per slot: an instance holds one lease at a time.
      Redlock lock = pottery.redlock(key);
      slots.add(() -> lock.tryAcquireAsync(Duration.ZERO).thenCompose(held ->
          held.orElseThrow(() -> new IllegalStateException("not acquired: " + key)).releaseAsync()));
    }
    return slots;
  }

  /**
   * Runs each op on its own thread of {@code threads} (one thread per op) for at least {@code nanos}; their
   * summed ops/s. One op runs on the calling thread, as the gate runs it.
   */
  static double blockingRate(ExecutorService threads, List<Op> ops, long nanos) {
    if (ops.size() == 1) {
      return Interleaved.rate(ops.get(0), nanos);
    }
    List<Callable<Double>> tasks = new ArrayList<>();
    for (Op op : ops) {
      tasks.add(() -> Interleaved.rate(op, nanos));
    }
    double sum = 0;
    try {
      for (Future<Double> rate : threads.invokeAll(tasks)) {
        sum += rate.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a measured operation failed", e.getCause());
    }
    return sum;
  }

  /**
   * Keeps one operation of each slot in flight for at least {@code nanos}: the calling thread starts one per slot,
   * and each completion starts its slot's next until the time is up; ops/s completed until the last one ended.
   *
   * @throws IllegalStateException if an operation failed (after the other slots ended)
   */
  static double asyncRate(List<? extends Supplier<? extends CompletionStage<?>>> slots, long nanos) {
    long start = System.nanoTime();
    long deadline = start + nanos;
    AtomicLong completed = new AtomicLong();
    List<CompletableFuture<Void>> ends = new ArrayList<>();
    for (Supplier<? extends CompletionStage<?>> slot : slots) {
      CompletableFuture<Void> end = new CompletableFuture<>();
      ends.add(end);
      next(slot, deadline, completed, end);
    }
    try {
      CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new IllegalStateException("an async operation failed", e.getCause());
    }
    return completed.get() * 1e9 / (System.nanoTime() - start);
  }

  private static void next(Supplier<? extends CompletionStage<?>> slot, long deadline, AtomicLong completed,
      CompletableFuture<Void> end) {
    slot.get().whenComplete((result, failure) -> {
      if (failure != null) {
        end.completeExceptionally(failure);
        return;
      }
      completed.incrementAndGet();
      // Recurses only when the next stage is already complete when chained, which the measured calls (a task on
      // the async executor each) are not.
      if (System.nanoTime() - deadline < 0) {
        next(slot, deadline, completed, end);
      } else {
        end.complete(null);
      }
    });
  }

  /** The rows as a Markdown table. */
  static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder("| driver | 5 masters | concurrency | blocking ops/s | async ops/s | async/blocking |\n"
        + "|---|---|--:|--:|--:|--:|\n");
    for (Row row : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.2f |%n", row.driver(),
          row.structure().equals("redlock") ? "redlock acquire + release" : "nextid",
          row.concurrency(), Summary.ops(java.util.OptionalDouble.of(row.blockingOpsPerSecond())),
          Summary.ops(java.util.OptionalDouble.of(row.asyncOpsPerSecond())), row.ratio()));
    }
    return out.toString();
  }

  private static String about(Interleaved.Plan plan, String executorName) {
    return String.format(Locale.ROOT, "Concurrency is threads for the blocking calls and operations in flight for the "
        + "async calls (started from one thread; each completion starts the next). Each thread or slot has its own "
        + "lock key; NextId's share one sequence per side. Both sides alternate in %d ms slices in one JVM, %d rounds "
        + "after %d ms of warm-up each; ops/s are each side's median, async/blocking the median of the rounds' ratios. "
        + "With %s.", plan.sliceNanos() / 1_000_000, plan.rounds(), plan.warmupNanos() / 1_000_000, executorName);
  }

  private static String json(List<Row> rows, String machine, Instant started, String meaning) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("started", started.toString());
    root.put("machine", machine);
    root.put("meaning", meaning);
    ArrayNode lines = root.putArray("rows");
    for (Row row : rows) {
      lines.addObject().put("driver", row.driver()).put("structure", row.structure()).put("masters", 5)
          .put("concurrency", row.concurrency()).put("blockingOpsPerSecond", Math.round(row.blockingOpsPerSecond()))
          .put("asyncOpsPerSecond", Math.round(row.asyncOpsPerSecond()))
          .put("asyncOverBlocking", Math.round(row.ratio() * 1000) / 1000.0);
    }
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path directory, String name, String text) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
