package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InterleavedTest {
  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Interleaved.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Interleaved.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Interleaved.median(new double[] {0.9, 10, 0.8, 0.85, 0.01})).as("outliers do not move it").isEqualTo(0.85);
  }

  @Test
  void medianOfNothingIsRefused() {
    assertThatThrownBy(() -> Interleaved.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void measureRunsBothSidesInEveryRound() {
    int[] counts = new int[2];
    Interleaved.Result result = Interleaved.measure(() -> counts[0]++, () -> counts[1]++, new Interleaved.Plan(1_000, 3, 1_000));
    assertThat(counts[0]).isGreaterThanOrEqualTo(4);
    assertThat(counts[1]).isGreaterThanOrEqualTo(4);
    assertThat(result.ratio()).isPositive();
  }
}
