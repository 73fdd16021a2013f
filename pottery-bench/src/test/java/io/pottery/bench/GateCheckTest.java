package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GateCheckTest {
  @Test
  void aRatioWithinToleranceOfItsBaselinePasses() {
    GateCheck check = new GateCheck("map get (jedis)", 0.90, 0.60, 0.40);
    assertThat(check.limit()).isCloseTo(0.54, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(check.passes()).isTrue();
    assertThat(check.describe()).contains("map get (jedis)", "0.600", "0.900", "0.540", "ok");
  }

  @Test
  void aRatioThatDroppedMoreThanTheToleranceFails() {
    GateCheck check = new GateCheck("redlock 5 masters (lettuce)", 0.90, 0.50, 0.40);
    assertThat(check.passes()).isFalse();
    assertThat(check.describe()).contains("WORSE by 44%");
  }

  @Test
  void theLimitItselfPasses() {
    assertThat(new GateCheck("x", 1.0, 0.6, 0.4).passes()).isTrue();
    assertThat(new GateCheck("x", 1.0, 0.5999, 0.4).passes()).isFalse();
  }

  @Test
  void aBetterRatioPasses() {
    assertThat(new GateCheck("x", 0.8, 1.5, 0.4).passes()).isTrue();
  }

  @Test
  void aPairWithoutBaselineIsReportedButNotGated() {
    GateCheck check = new GateCheck("new pair", Double.NaN, 0.01, 0.4);
    assertThat(check.gated()).isFalse();
    assertThat(check.passes()).isTrue();
    assertThat(check.describe()).contains("not gated");
  }

  @Test
  void aThreeTimesSlowerPotteryFailsAtTheDefaultTolerance() {
    // What gate --self-test injects: every Pottery operation runs 3 times per count, so the ratio drops to a third.
    double baseline = 0.9;
    assertThat(new GateCheck("x", baseline, baseline / Gate.SELF_TEST_SLOWDOWN, Baseline.DEFAULT_TOLERANCE).passes())
        .isFalse();
    // and a generous margin of noise (the measured ratio 50% better than expected) still fails
    assertThat(new GateCheck("x", baseline, 1.5 * baseline / Gate.SELF_TEST_SLOWDOWN, Baseline.DEFAULT_TOLERANCE).passes())
        .isFalse();
  }

  @Test
  void toleranceMustBeAFraction() {
    assertThatThrownBy(() -> new GateCheck("x", 1, 1, 1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> new GateCheck("x", 1, 1, -0.1)).isInstanceOf(IllegalArgumentException.class);
  }
}
