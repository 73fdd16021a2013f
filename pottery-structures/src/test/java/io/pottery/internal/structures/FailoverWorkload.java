package io.pottery.internal.structures;

import io.pottery.BloomFilter;
import io.pottery.HyperLogLog;
import io.pottery.MemoizedFunction;
import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.RedisConnectionException;
import io.pottery.RedisCounter;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.Redlock;
import io.pottery.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The mixed workload of {@link ClusterFailoverTest}: {@code threads} workers that each cycle through every
 * {@link FailoverOp} on every shard (one hash tag per cluster master), writing unique elements
 * ({@code t<thread>-<seq>}) and recording every call as a {@link FailoverOutcome}. Redlock and NextId confirm
 * their writes with {@code waitForReplicas(1, …)}.
 */
final class FailoverWorkload {
  /** Short, so that a lock whose release failed during the failover frees itself well within the 10 s bound. */
  static final Duration LOCK_LEASE = Duration.ofSeconds(2);

  private final List<Shard> shards = new ArrayList<>();
  private final int threads;
  private final ConcurrentLinkedQueue<FailoverOutcome> outcomes = new ConcurrentLinkedQueue<>();
  /** The arguments the memoized function was computed for (a hit computes nothing). */
  final Set<String> computed = ConcurrentHashMap.newKeySet();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean stopped;

  /** The structures of one shard; every key carries the shard's hash tag. */
  final class Shard {
    final String tag;
    final RedisMap<String, Long> map;
    final RedisCounter<String> counter;
    final RedisList<String> list;
    final RedisDeque<String> deque;
    final RedisSet<String> set;
    final BloomFilter<String> bloom;
    final HyperLogLog<String> hll;
    final MemoizedFunction<String, Integer> memo;
    final String idKey;
    final Redlock[] locks;
    final NextId[] ids;

    Shard(Pottery pottery, String tag, Duration waitForReplicas) {
      this.tag = tag;
      map = pottery.map(tag + ":map", String.class, Long.class);
      counter = pottery.counter(tag + ":counter", String.class);
      list = pottery.list(tag + ":list", String.class);
      deque = pottery.deque(tag + ":deque", String.class);
      set = pottery.set(tag + ":set", String.class);
      bloom = pottery.bloomFilter(tag + ":bloom", 100_000, 0.01, String.class);
      hll = pottery.hyperLogLog(tag + ":hll", String.class);
      memo = pottery.memoize(tag + ":memo", (String argument) -> {
        computed.add(argument);
        return argument.length();
      }, TypeRef.of(Integer.class));
      idKey = tag + ":ids";
      locks = new Redlock[threads];
      ids = new NextId[threads];
      for (int t = 0; t < threads; t++) {
        locks[t] = pottery.redlockBuilder(tag + ":lock:t" + t).autoRelease(LOCK_LEASE)
            .waitForReplicas(1, waitForReplicas).build();
        ids[t] = pottery.nextIdBuilder(idKey).waitForReplicas(1, waitForReplicas).build();
      }
    }
  }

  FailoverWorkload(Pottery pottery, List<String> tags, int threads, Duration waitForReplicas) {
    this.threads = threads;
    for (String tag : tags) {
      shards.add(new Shard(pottery, tag, waitForReplicas));
    }
  }

  List<Shard> shards() {
    return shards;
  }

  void start() {
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker = new Thread(() -> run(thread), "failover-worker-" + t);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
  }

  /** Stops the workers and waits for their last calls (each bounded by its own deadline). */
  void stop(Duration timeout) throws InterruptedException {
    stopped = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread worker : workers) {
      worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (worker.isAlive()) {
        throw new AssertionError(worker.getName() + " still in a call " + timeout.toMillis() + " ms after stop: "
            + stackOf(worker));
      }
    }
  }

  private static String stackOf(Thread thread) {
    StringBuilder sb = new StringBuilder();
    for (StackTraceElement frame : thread.getStackTrace()) {
      sb.append("\n\tat ").append(frame);
    }
    return sb.toString();
  }

  /** A snapshot of the calls so far. */
  List<FailoverOutcome> outcomes() {
    return List.copyOf(outcomes);
  }

  private void run(int thread) {
    FailoverOp[] ops = FailoverOp.values();
    // Threads start at different places in the cycle, so that different operations overlap.
    long seq = thread * 3L;
    while (!stopped) {
      FailoverOp op = ops[(int) (seq % ops.length)];
      int shard = (int) ((seq / ops.length) % shards.size());
      String element = "t" + thread + "-" + seq;
      long start = System.nanoTime();
      FailoverOutcome.Kind kind = FailoverOutcome.Kind.OK;
      String error = null;
      long value = 0;
      try {
        value = perform(op, shards.get(shard), thread, element, seq);
      } catch (RedisConnectionException e) {
        kind = String.valueOf(e.getMessage()).contains("outcome unknown") ? FailoverOutcome.Kind.UNKNOWN
            : FailoverOutcome.Kind.FAILED;
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (RuntimeException e) {
        kind = FailoverOutcome.Kind.FAILED;
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      long end = System.nanoTime();
      outcomes.add(new FailoverOutcome(op, shard, thread, op.writesElement() ? element : null, start, end, kind,
          error, value));
      if (kind != FailoverOutcome.Kind.OK) {
        // Failures during the outage come fast (refused connections): do not spin on two cores.
        sleep(5);
      }
      seq++;
    }
  }

  private long perform(FailoverOp op, Shard shard, int thread, String element, long seq) {
    switch (op) {
      case MAP_PUT -> shard.map.put(element, seq);
      case COUNTER_INCREMENT -> {
        return shard.counter.increment("t" + thread);
      }
      case LIST_PUSH -> shard.list.add(element);
      case DEQUE_PUSH -> shard.deque.addFirst(element);
      case SET_ADD -> shard.set.add(element);
      case BLOOM_ADD -> shard.bloom.add(element);
      case HLL_ADD -> shard.hll.add(element);
      case MEMOIZED_CALL -> shard.memo.apply(element);
      case LOCK_ACQUIRE_RELEASE -> {
        Redlock lock = shard.locks[thread];
        if (!lock.acquire(false)) {
          throw new IllegalStateException("Redlock " + lock.key() + " not acquired");
        }
        long token = lock.fencingToken().orElseThrow();
        lock.release();
        return token;
      }
      case NEXT_ID -> {
        return shard.ids[thread].nextLong();
      }
      default -> throw new AssertionError(op);
    }
    return 0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
