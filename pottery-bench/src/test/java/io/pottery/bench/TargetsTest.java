package io.pottery.bench;

import static io.pottery.bench.contenders.Contender.POTTERY_JEDIS;
import static io.pottery.bench.contenders.Contender.POTTERY_LETTUCE;
import static io.pottery.bench.contenders.Contender.RAW_JEDIS;
import static io.pottery.bench.contenders.Contender.RAW_LETTUCE;
import static io.pottery.bench.contenders.Contender.REDISSON;
import static io.pottery.bench.contenders.Contender.TWO_ROUND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static Targets.Outcome find(List<Targets.Outcome> outcomes, String start) {
    return outcomes.stream().filter(o -> o.target().startsWith(start)).findFirst().orElseThrow();
  }

  @Test
  void eachTargetIsCheckedAgainstItsOwnRow() {
    String ids1 = Measurement.quorumRow("nextid", 5, 1);
    String ids4 = Measurement.quorumRow("nextid", 5, 4);
    String lock = Measurement.quorumRow("redlock", 5, 1);
    List<Targets.Outcome> outcomes = Targets.check(Summary.of(List.of(
        new Measurement("nextid", ids1, POTTERY_LETTUCE, 6_000),
        new Measurement("nextid", ids4, POTTERY_LETTUCE, 5_000),
        new Measurement("nextid", ids4, TWO_ROUND, 2_000),
        new Measurement("redlock", lock, POTTERY_JEDIS, 1_900),
        new Measurement("redlock", lock, RAW_JEDIS, 2_500),
        new Measurement("redlock", lock, POTTERY_LETTUCE, 3_000),
        new Measurement("redlock", lock, RAW_LETTUCE, 3_100),
        new Measurement("redlock", lock, REDISSON, 1_400),
        new Measurement("collections", "map get", POTTERY_JEDIS, 10_000),
        new Measurement("collections", "map get", RAW_JEDIS, 12_500),
        new Measurement("collections", "map get", POTTERY_LETTUCE, 9_000),
        new Measurement("collections", "map get", RAW_LETTUCE, 9_500),
        new Measurement("collections", "map get", REDISSON, 8_000))));

    assertThat(find(outcomes, "NextId, 5 masters, 1 thread").met()).isTrue();
    assertThat(find(outcomes, "NextId, 5 masters, 4 threads").met()).as("2.5x is below 3x").isFalse();
    assertThat(find(outcomes, "Redlock, 5 masters, 1 thread: >= 2x").met()).as("3000/1400 = 2.14").isTrue();
    assertThat(find(outcomes, "redlock, 5 masters, 1 thread (jedis)").met()).as("0.76 < 1/1.3").isFalse();
    assertThat(find(outcomes, "redlock, 5 masters, 1 thread (lettuce)").met()).isTrue();
    assertThat(find(outcomes, "map get (jedis)").met()).as("exactly 1/1.25 = 0.80 < 1/1.2").isFalse();
    assertThat(find(outcomes, "map get (lettuce)").met()).isTrue();
    assertThat(find(outcomes, "map get: >= 1.0x Redisson").met()).isTrue();
    assertThat(Targets.markdown(outcomes)).contains("**missed**").contains("| met |");
  }

  @Test
  void anInterleavedRatioDecidesOverTheJmhOne() {
    List<Targets.Outcome> outcomes = Targets.check(Summary.of(List.of(
        new Measurement("collections", "map get", POTTERY_LETTUCE, 5_000),
        new Measurement("collections", "map get", RAW_LETTUCE, 10_000),
        new Measurement("collections", "map get", POTTERY_JEDIS, 5_000),
        new Measurement("collections", "map get", RAW_JEDIS, 5_000))), java.util.Map.of("map get (lettuce)", 0.95));
    assertThat(find(outcomes, "map get (lettuce)").met()).isTrue();
    assertThat(find(outcomes, "map get (lettuce)").measured()).isEqualTo("0.95 (interleaved)");
    assertThat(find(outcomes, "map get (jedis)").measured()).as("no interleaved ratio: JMH's").isEqualTo("1.00 (JMH)");
  }

  @Test
  void rowsNotMeasuredGiveNoOutcome() {
    assertThat(Targets.check(Summary.of(List.of()))).isEmpty();
  }
}
