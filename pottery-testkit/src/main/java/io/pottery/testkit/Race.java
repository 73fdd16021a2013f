package io.pottery.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task on several threads released together, for concurrency tests: every thread waits on one latch, so
 * they start as close to the same moment as the JVM allows and contend on the structure under test, not on their
 * own start-up.
 *
 * <pre>{@code
 * List<Integer> popped = Race.run(8, Duration.ofSeconds(60), thread -> deque.pollFirst());
 * }</pre>
 */
public final class Race {
  private Race() {}

  /**
   * What each thread runs.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface Task<T> {
    /**
     * The body of one thread.
     *
     * @param thread the thread's number, from 0 to {@code threads - 1}
     * @return the thread's result, collected in thread order
     * @throws Exception anything; the race then fails with it
     */
    T call(int thread) throws Exception;
  }

  /**
   * Starts {@code threads} threads running {@code task}, releases them together, and waits for each in turn up to
   * {@code timeout}. The threads are stopped (interrupted) when this returns or throws.
   *
   * @param threads how many threads
   * @param timeout how long to wait for each thread's result, counted from when the previous one came
   * @param task what each thread runs
   * @param <T> what it returns
   * @return the threads' results, in thread order
   * @throws java.util.concurrent.ExecutionException if a thread threw (its exception is the cause)
   * @throws java.util.concurrent.TimeoutException if a thread did not finish in time
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public static <T> List<T> run(int threads, Duration timeout, Task<T> task) throws Exception {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(task, "task");
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.call(thread);
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>(threads);
      for (Future<T> future : futures) {
        results.add(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
