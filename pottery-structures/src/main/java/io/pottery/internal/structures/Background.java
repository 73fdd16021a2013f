package io.pottery.internal.structures;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Internal, may change: the background threads of one {@code Pottery}, made on first use and stopped by
 * {@link Backend#close()}: one timer thread ({@code pottery-<id>-timer}) that only hands due work over, and
 * worker threads ({@code pottery-<id>-worker-<n>}, reused, ended after 30 s idle) that run it. The Redlock
 * watchdogs of the {@code Pottery} renew through them (one timer entry for all, and batches whose per-master
 * pipelines run on the workers), instead of a thread per held lock, the {@code waitForReplicas} pipelines of a
 * fan-out run on the workers instead of a thread per master per round, and, unless the user gave an executor of
 * their own, the async stages complete on them.
 * All threads are daemons: a forgotten {@code close()} never keeps the JVM alive.
 *
 * <p>Thread-safe.
 */
public final class Background {
  /** How long an idle worker waits for more work before it ends. */
  private static final long WORKER_KEEP_ALIVE_SECONDS = 30;

  private final String prefix;
  private final AtomicInteger workerNumbers = new AtomicInteger();
  /** The threads made and maybe still alive, so that {@link #close} can wait until they have really ended. */
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private ScheduledThreadPoolExecutor timer;
  private ThreadPoolExecutor workers;
  private boolean closed;

  Background(Object owner) {
    this.prefix = "pottery-" + Integer.toHexString(System.identityHashCode(owner));
  }

  /** What the names of this {@code Pottery}'s background threads start with: {@code pottery-1b6d3586-}. */
  public String threadNamePrefix() {
    return prefix + "-";
  }

  /**
   * Runs {@code task} on a worker thread after {@code delayNanos}; cancelling the returned future before then
   * keeps it from running. After {@link Backend#close()}, the task never runs.
   *
   * @throws RejectedExecutionException if the {@code Pottery} was closed
   */
  public Future<?> schedule(Runnable task, long delayNanos) {
    return scheduleOn(task, delayNanos, workers());
  }

  /**
   * Runs {@code task} on {@code executor} after {@code delayNanos}, timed by this {@code Pottery}'s timer thread
   * (which only hands it over); cancelling the returned future before then keeps it from running. After {@link
   * Backend#close()}, the task never runs. For the asynchronous API: a round's deadline, the pause between two
   * attempts, each run on the {@code Pottery}'s async executor.
   *
   * @throws RejectedExecutionException if the {@code Pottery} was closed
   */
  public Future<?> scheduleOn(Runnable task, long delayNanos, Executor executor) {
    ScheduledThreadPoolExecutor timer = timer();
    return timer.schedule(() -> {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        // Closed while the task was due: background work stops with the Pottery.
      }
    }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  /**
   * The worker threads, for blocking work handed over from the caller (a master's pipeline); a new worker
   * starts only when every existing one is busy.
   *
   * @throws RejectedExecutionException (when given work) if the {@code Pottery} was closed
   */
  public Executor workers() {
    lock.lock();
    try {
      if (workers == null) {
        requireOpen();
        workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemons(() -> prefix + "-worker-" + workerNumbers.incrementAndGet()));
      }
      return workers;
    } finally {
      lock.unlock();
    }
  }

  private ScheduledThreadPoolExecutor timer() {
    lock.lock();
    try {
      if (timer == null) {
        requireOpen();
        timer = new ScheduledThreadPoolExecutor(1, daemons(() -> prefix + "-timer"));
        timer.setRemoveOnCancelPolicy(true); // a released lock's renewal does not linger in the queue
      }
      return timer;
    } finally {
      lock.unlock();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new RejectedExecutionException("the Pottery was closed: no more background work");
    }
  }

  private ThreadFactory daemons(Supplier<String> names) {
    return task -> {
      Thread thread = new Thread(task, names.get());
      thread.setDaemon(true);
      threads.removeIf(old -> !old.isAlive() && old.getState() == Thread.State.TERMINATED);
      threads.add(thread);
      return thread;
    };
  }

  /**
   * Stops the timer and the workers: nothing scheduled runs any more. Waits (up to {@code wait}) until the
   * threads have ended, so that none of them outlives {@code Pottery.close()}; work still running on a worker
   * (a pipeline) ends with the connections, which the caller closes next. Idempotent.
   */
  void close(java.time.Duration wait) {
    ScheduledThreadPoolExecutor stoppedTimer;
    ThreadPoolExecutor stoppedWorkers;
    lock.lock();
    try {
      closed = true;
      stoppedTimer = timer;
      stoppedWorkers = workers;
    } finally {
      lock.unlock();
    }
    if (stoppedTimer != null) {
      stoppedTimer.shutdownNow();
    }
    if (stoppedWorkers != null) {
      stoppedWorkers.shutdown();
    }
    long until = System.nanoTime() + wait.toNanos();
    boolean interrupted = false;
    for (ThreadPoolExecutor executor : new ThreadPoolExecutor[] {stoppedTimer, stoppedWorkers}) {
      if (executor == null) {
        continue;
      }
      while (true) {
        try {
          executor.awaitTermination(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    // An executor terminates from inside its last thread, just before that thread ends: wait for the threads
    // themselves, so that none is still listed when close() returns.
    for (Thread thread : threads) {
      while (thread != Thread.currentThread() && thread.isAlive()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          break;
        }
        // Parked, not Thread.join (a monitor wait): the thread is past its last task and ends within moments.
        LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)));
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
