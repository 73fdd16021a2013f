package io.pottery.driver.lettuce;

import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one set of Lettuce {@link ClientResources} (event loops, timer, computation threads) shared by the
 * connections one {@link LettuceDriver} opens, counted by user: made on the first {@link #acquire()} and shut
 * down completely, threads included, when the last user {@link #release() releases} it. A later acquire makes
 * a new set. So five masters share one event-loop group on a small machine, and nothing is left running once
 * every connection is closed.
 */
final class SharedResources {
  /** The application's resources this set derives from, or {@code null} to make a private set. */
  private final ClientResources base;
  /** Guards {@code resources} and {@code users}: a lock, not a monitor, so that no virtual thread pins. */
  private final ReentrantLock lock = new ReentrantLock();
  private ClientResources resources;
  private int users;

  /** Pottery's own resources, threads included. */
  SharedResources() {
    this(null);
  }

  /**
   * Resources derived from the application's: the same event loops, timer, latency recorder, tracing and event
   * bus and channel customizer (Lettuce's {@link ClientResources#mutate()} keeps them shared, so shutting the
   * derived set down leaves them running).
   */
  SharedResources(ClientResources base) {
    this.base = base;
  }

  /** The resources, made now if nobody holds them; pair every call with one {@link #release()}. */
  ClientResources acquire() {
    lock.lock();
    try {
      return acquireLocked();
    } finally {
      lock.unlock();
    }
  }

  private ClientResources acquireLocked() {
    if (users == 0 && base != null) {
      // mutate() copies the components but also whether this set created them, so shutting the derived set
      // down would stop the application's threads; handing each one over again marks it as borrowed.
      resources = base.mutate()
          .eventLoopGroupProvider(base.eventLoopGroupProvider())
          .eventExecutorGroup(base.eventExecutorGroup())
          .timer(base.timer())
          .eventBus(base.eventBus())
          .commandLatencyRecorder(base.commandLatencyRecorder())
          // The application's own resources already publish latency events from the shared recorder.
          .commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled())
          .build();
    } else if (users == 0) {
      resources = DefaultClientResources.builder()
          // Reconnect fast after a restart, without hammering a server that stays down: 10 ms doubling to 1 s.
          .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
          .build();
    }
    users++;
    return resources;
  }

  /** Gives the resources back; the last user's release shuts them down and waits (up to about 2 s) for it. */
  void release() {
    ClientResources last;
    lock.lock();
    try {
      if (users == 0) {
        throw new IllegalStateException("SharedResources released more often than acquired");
      }
      if (--users > 0) {
        return;
      }
      last = resources;
      resources = null;
    } finally {
      lock.unlock();
    }
    try {
      // Lettuce's default quiet period would keep the event loops for 2 s more; nothing is left to quiet down.
      last.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Shutting down threads that fail to stop leaves nothing else to do; the connection is closed either way.
    }
  }
}
