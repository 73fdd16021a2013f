package io.pottery.driver.jedis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The threads of one Jedis connection (single server or cluster) that run {@code executeAsync} commands, which
 * Jedis's blocking calls cannot run otherwise, and hand broken connections back to their pool; and whether that
 * connection is closed, since closing it is closing these threads first. At most {@value #THREADS} daemon
 * threads, which end after 10 s idle; closing lets queued commands finish first.
 */
final class AsyncLane {
  private static final int THREADS = 8;

  private final ThreadPoolExecutor threads;
  private final AtomicReference<Throwable> closedAt = new AtomicReference<>();

  /** @param name what the threads are named after, e.g. {@code pottery-jedis-host:6379} */
  AsyncLane(String name) {
    this.threads = new ThreadPoolExecutor(THREADS, THREADS, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        named(name + "-"));
    threads.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code work} on one of the threads; the future completes with its result or what it threw.
   *
   * @throws RejectedExecutionException if the lane is closed
   */
  CompletableFuture<Object> run(Supplier<Object> work) {
    CompletableFuture<Object> reply = new CompletableFuture<>();
    threads.execute(() -> {
      try {
        reply.complete(work.get());
      } catch (RuntimeException | Error e) {
        reply.completeExceptionally(e);
      }
    });
    return reply;
  }

  /** The threads as an executor, for chores that must not hold up a caller. */
  Executor executor() {
    return threads;
  }

  /** Where the connection was closed (a stack trace for the "closed" message), or null while it is open. */
  Throwable closedAt() {
    return closedAt.get();
  }

  /**
   * @throws io.pottery.RedisConnectionException (the drivers' "closed" failure, naming where it was closed) if
   *     {@link #close} was called
   */
  void requireOpen(JedisFailures failures) {
    Throwable closed = closedAt.get();
    if (closed != null) {
      throw failures.common().closed("Jedis", closed);
    }
  }

  /**
   * Closes the connection once: lets queued work finish within {@code wait}, then interrupts what is left and
   * waits as long again, then runs {@code release} (the connection's pools and sockets), even if interrupted.
   * Idempotent: a second call returns at once.
   */
  void close(Duration wait, Runnable release) {
    if (!closedAt.compareAndSet(null, new Throwable("closed here"))) {
      return;
    }
    try {
      threads.shutdown();
      if (!threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        threads.shutdownNow();
        threads.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      release.run();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
