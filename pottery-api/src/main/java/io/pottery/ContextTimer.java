package io.pottery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Measures how long a block of code takes, on the monotonic clock ({@link System#nanoTime()}): Python pottery's
 * {@code ContextTimer}. It needs no Redis, so it lives here in pottery-api and is created with {@code new} or
 * {@link #started()}, not from a {@link Pottery}.
 *
 * <pre>{@code
 * try (ContextTimer timer = ContextTimer.started()) {
 *   doWork();
 *   long soFar = timer.elapsedMillis();   // still running
 * }                                       // stopped on exit, also when doWork() throws
 *
 * ContextTimer timer = new ContextTimer();
 * timer.start();
 * doWork();
 * timer.stop();
 * Duration took = timer.elapsed();        // frozen at stop()
 * }</pre>
 *
 * <p>A timer is single-use, as Python's: it may be started once and stopped once. {@link #elapsed()} is the time
 * from {@code start()} to now while running, to {@code stop()} once stopped. Misuse throws
 * {@link IllegalStateException} (Python raises {@code RuntimeError}): starting twice or after stopping, stopping
 * before starting or twice, and reading the elapsed time before starting. {@link #close()} stops a running timer
 * and does nothing otherwise, so a try-with-resources block may also stop it explicitly.
 *
 * <p>Thread-safe: one thread may read the elapsed time while another stops the timer.
 *
 * @since 0.1
 */
public final class ContextTimer implements AutoCloseable {
  private final LongSupplier nanoClock;
  private long startNanos;
  private long stopNanos;
  private boolean started;
  private boolean stopped;

  /** A timer not yet started. */
  public ContextTimer() {
    this(System::nanoTime);
  }

  /** A timer reading the given monotonic nanosecond clock (tests use a manual one). */
  ContextTimer(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** A new timer, already started: the form for try-with-resources. */
  public static ContextTimer started() {
    ContextTimer timer = new ContextTimer();
    timer.start();
    return timer;
  }

  /**
   * Starts the timer.
   *
   * @return this timer
   * @throws IllegalStateException if it was started before (a timer is single-use)
   */
  public synchronized ContextTimer start() {
    if (stopped) {
      throw new IllegalStateException("ContextTimer: cannot start a timer that was stopped; timers are single-use, create a new one");
    }
    if (started) {
      throw new IllegalStateException("ContextTimer: already started; timers are single-use, create a new one");
    }
    startNanos = nanoClock.getAsLong();
    started = true;
    return this;
  }

  /**
   * Stops the timer: {@link #elapsed()} stays at the time from start to now.
   *
   * @throws IllegalStateException if it was not started, or is already stopped
   */
  public synchronized void stop() {
    if (!started) {
      throw new IllegalStateException("ContextTimer: cannot stop a timer that was never started; call start() first");
    }
    if (stopped) {
      throw new IllegalStateException("ContextTimer: already stopped; stop() may be called once");
    }
    stopNanos = nanoClock.getAsLong();
    stopped = true;
  }

  /** Whether the timer was started and not yet stopped. */
  public synchronized boolean isRunning() {
    return started && !stopped;
  }

  /**
   * The time from start to stop, or to now if still running.
   *
   * @throws IllegalStateException if the timer was never started
   */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(elapsedNanos());
  }

  /**
   * {@link #elapsed()} in whole milliseconds, rounded half to even as Python's {@code round()} does (so 2.5 ms is
   * 2 and 3.5 ms is 4): Python pottery's {@code elapsed()}.
   *
   * @throws IllegalStateException if the timer was never started
   */
  public synchronized long elapsedMillis() {
    return BigDecimal.valueOf(elapsedNanos()).movePointLeft(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
  }

  private long elapsedNanos() {
    if (!started) {
      throw new IllegalStateException("ContextTimer: never started, so no time has elapsed; call start() first");
    }
    return (stopped ? stopNanos : nanoClock.getAsLong()) - startNanos;
  }

  /** Stops the timer if it is running; otherwise does nothing (so an explicit {@code stop()} inside is fine). */
  @Override
  public synchronized void close() {
    if (started && !stopped) {
      stop();
    }
  }

  /** {@code ContextTimer{not started}}, {@code ContextTimer{running, 12 ms}} or {@code ContextTimer{stopped, 40 ms}}. */
  @Override
  public synchronized String toString() {
    if (!started) {
      return "ContextTimer{not started}";
    }
    return "ContextTimer{" + (stopped ? "stopped" : "running") + ", " + elapsedMillis() + " ms}";
  }
}
