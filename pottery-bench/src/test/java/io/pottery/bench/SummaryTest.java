package io.pottery.bench;

import static io.pottery.bench.contenders.Contender.POTTERY_JEDIS;
import static io.pottery.bench.contenders.Contender.POTTERY_LETTUCE;
import static io.pottery.bench.contenders.Contender.RAW_JEDIS;
import static io.pottery.bench.contenders.Contender.RAW_LETTUCE;
import static io.pottery.bench.contenders.Contender.REDISSON;
import static io.pottery.bench.contenders.Contender.TWO_ROUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SummaryTest {
  static final String LOCK5 = Measurement.quorumRow("redlock", 5, 1);

  static List<Measurement> sample() {
    return List.of(
        new Measurement("redlock", LOCK5, POTTERY_JEDIS, 2_400),
        new Measurement("redlock", LOCK5, POTTERY_LETTUCE, 3_000),
        new Measurement("redlock", LOCK5, RAW_JEDIS, 2_500),
        new Measurement("redlock", LOCK5, RAW_LETTUCE, 3_300),
        new Measurement("redlock", LOCK5, REDISSON, 550),
        new Measurement("nextid", Measurement.quorumRow("nextid", 5, 4), POTTERY_LETTUCE, 12_000),
        new Measurement("nextid", Measurement.quorumRow("nextid", 5, 4), TWO_ROUND, 2_000),
        new Measurement("collections", "map get", POTTERY_JEDIS, 15_000),
        new Measurement("collections", "map get", RAW_JEDIS, 16_000),
        new Measurement("collections", "map get", REDISSON, 9_000));
  }

  @Test
  void rowNamesSayMastersAndThreadsInTheSingularWhereOne() {
    assertThat(Measurement.quorumRow("redlock", 5, 4)).isEqualTo("redlock, 5 masters, 4 threads");
    assertThat(Measurement.quorumRow("nextid", 1, 1)).isEqualTo("nextid, 1 master, 1 thread");
  }

  @Test
  void ratiosComeFromTheSameRow() {
    Summary summary = Summary.of(sample());
    Summary.Row lock = summary.row(LOCK5);
    assertThat(lock.potteryOverRaw(POTTERY_JEDIS).getAsDouble()).isCloseTo(0.96, offset(1e-9));
    assertThat(lock.potteryOverRaw(POTTERY_LETTUCE).getAsDouble()).isCloseTo(3_000.0 / 3_300, offset(1e-9));
    assertThat(lock.bestPottery().getAsDouble()).isEqualTo(3_000);
    assertThat(lock.bestPotteryOver(REDISSON).getAsDouble()).isCloseTo(3_000.0 / 550, offset(1e-9));
    Summary.Row map = summary.row("map get");
    assertThat(map.potteryOverRaw(POTTERY_LETTUCE)).isEmpty();
    assertThat(map.bestPotteryOver(REDISSON).getAsDouble()).isCloseTo(15_000.0 / 9_000, offset(1e-9));
  }

  @Test
  void familiesAndRowsKeepTheirOrder() {
    Summary summary = Summary.of(sample());
    assertThat(summary.families()).containsExactly("redlock", "nextid", "collections");
    assertThat(summary.rows()).extracting(Summary.Row::name)
        .containsExactly(LOCK5, "nextid, 5 masters, 4 threads", "map get");
  }

  @Test
  void markdownTableHasOpsAndRatiosAndDashesForWhatWasNotMeasured() {
    String table = Summary.of(sample()).markdownTable();
    assertThat(table.lines().toList()).hasSize(2 + 3);
    assertThat(table).contains("| " + LOCK5 + " | 2,400 | 3,000 | 2,500 | 3,300 | 550 | – | 0.96 | 0.91 | 5.45 |");
    assertThat(table).contains("| nextid, 5 masters, 4 threads | – | 12,000 | – | – | – | two-round 2,000 | – | – | – |");
    assertThat(table).contains("| map get | 15,000 | – | 16,000 | – | 9,000 | – | 0.94 | – | 1.67 |");
  }

  @Test
  void opsAreRoundedToThreeSignificantDigits() {
    assertThat(Summary.ops(OptionalDouble.of(12_345.6))).isEqualTo("12,300");
    assertThat(Summary.ops(OptionalDouble.of(987.4))).isEqualTo("987");
    assertThat(Summary.ops(OptionalDouble.of(45.67))).isEqualTo("46");
    assertThat(Summary.ops(OptionalDouble.empty())).isEqualTo("–");
  }

  @Test
  void aMeasurementNeedsPositiveThroughput() {
    assertThatThrownBy(() -> new Measurement("collections", "map get", RAW_JEDIS, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("map get");
  }
}
