package io.pottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** ContextTimer on a manual clock: single use, misuse errors, Python's half-even milliseconds, the block form. */
class ContextTimerTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ContextTimer timer = new ContextTimer(nanos::get);

  @Test
  void measuresFromStartToNowThenFreezesAtStop() {
    assertThat(timer.start()).isSameAs(timer);
    nanos.addAndGet(1_500_000);
    assertThat(timer.isRunning()).isTrue();
    assertThat(timer.elapsed()).isEqualTo(Duration.ofNanos(1_500_000));
    nanos.addAndGet(40_000_000);
    timer.stop();
    nanos.addAndGet(99_000_000);
    assertThat(timer.elapsed()).isEqualTo(Duration.ofNanos(41_500_000));
    assertThat(timer.elapsedMillis()).isEqualTo(42);
    assertThat(timer.isRunning()).isFalse();
    assertThat(timer).hasToString("ContextTimer{stopped, 42 ms}");
  }

  @Test
  void millisecondsRoundHalfToEvenAsPythonsRound() {
    timer.start();
    nanos.addAndGet(2_500_000);
    assertThat(timer.elapsedMillis()).isEqualTo(2);
    nanos.addAndGet(1_000_000);
    assertThat(timer.elapsedMillis()).as("3.5 ms").isEqualTo(4);
    nanos.addAndGet(1);
    assertThat(timer.elapsedMillis()).as("3.500001 ms").isEqualTo(4);
    nanos.addAndGet(499_999);
    assertThat(timer.elapsedMillis()).as("4.0 ms").isEqualTo(4);
    nanos.addAndGet(499_999);
    assertThat(timer.elapsedMillis()).as("4.499999 ms").isEqualTo(4);
    nanos.addAndGet(1);
    assertThat(timer.elapsedMillis()).as("4.5 ms").isEqualTo(4);
  }

  @Test
  void misuseThrowsIllegalState() {
    assertThatThrownBy(timer::elapsed).isInstanceOf(IllegalStateException.class)
        .hasMessage("ContextTimer: never started, so no time has elapsed; call start() first");
    assertThatThrownBy(timer::elapsedMillis).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(timer::stop).isInstanceOf(IllegalStateException.class)
        .hasMessage("ContextTimer: cannot stop a timer that was never started; call start() first");
    assertThat(timer).hasToString("ContextTimer{not started}");
    timer.start();
    assertThatThrownBy(timer::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("ContextTimer: already started; timers are single-use, create a new one");
    timer.stop();
    assertThatThrownBy(timer::stop).isInstanceOf(IllegalStateException.class)
        .hasMessage("ContextTimer: already stopped; stop() may be called once");
    assertThatThrownBy(timer::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("ContextTimer: cannot start a timer that was stopped; timers are single-use, create a new one");
  }

  @Test
  void tryWithResourcesStopsOnExitAlsoOnException() {
    ContextTimer outer;
    try (ContextTimer block = new ContextTimer(nanos::get).start()) {
      outer = block;
      nanos.addAndGet(5_000_000);
    }
    nanos.addAndGet(5_000_000);
    assertThat(outer.isRunning()).isFalse();
    assertThat(outer.elapsedMillis()).isEqualTo(5);

    ContextTimer[] failed = new ContextTimer[1];
    assertThatThrownBy(() -> {
      try (ContextTimer block = new ContextTimer(nanos::get).start()) {
        failed[0] = block;
        throw new ArithmeticException("boom");
      }
    }).isInstanceOf(ArithmeticException.class).hasMessage("boom");
    assertThat(failed[0].isRunning()).isFalse();

    try (ContextTimer block = new ContextTimer(nanos::get).start()) {
      block.stop(); // an explicit stop inside the block is fine: close() then does nothing
    }
  }

  @Test
  void theRealClockIsMonotonic() throws InterruptedException {
    try (ContextTimer real = ContextTimer.started()) {
      Duration first = real.elapsed();
      Thread.sleep(2);
      assertThat(real.elapsed()).isGreaterThan(first).isPositive();
      assertThat(real.isRunning()).isTrue();
    }
  }
}
