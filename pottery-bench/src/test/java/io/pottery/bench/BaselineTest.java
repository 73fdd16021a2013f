package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir
  Path dir;

  @Test
  void writtenBaselineReadsBackRoundedToThreeDecimals() {
    Map<String, Double> ratios = new LinkedHashMap<>();
    ratios.put("redlock 5 masters (lettuce)", 0.91234);
    ratios.put("map get (jedis)", 0.8);
    Path file = dir.resolve("baseline.json");
    new Baseline(0.4, "a machine, 2026-11-25", ratios).write(file);

    Baseline read = Baseline.read(file);
    assertThat(read.tolerance()).isEqualTo(0.4);
    assertThat(read.measuredOn()).isEqualTo("a machine, 2026-11-25");
    assertThat(read.ratios()).containsExactly(Map.entry("redlock 5 masters (lettuce)", 0.912), Map.entry("map get (jedis)", 0.8));
    assertThat(read.ratio("map get (jedis)")).isEqualTo(0.8);
    assertThat(read.ratio("unknown")).isNaN();
  }

  @Test
  void theCommittedBaselineIsReadable() {
    Path committed = Path.of("baseline.json");
    assertThat(committed).as("pottery-bench/baseline.json, from the module directory").isRegularFile();
    Baseline baseline = Baseline.read(committed);
    assertThat(baseline.tolerance()).isBetween(0.2, 0.6);
    assertThat(baseline.ratios().keySet()).as("every gated pair has a baseline")
        .containsExactlyElementsOf(Gate.PAIRS.stream().map(Gate.Pair::name).toList());
  }

  @Test
  void aFileWithoutRatiosIsRefusedWithTheFix() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"tolerance\": 0.4}");
    assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad.json").hasMessageContaining("gate --full");
  }

  @Test
  void aNonPositiveRatioIsRefused() throws Exception {
    Path file = dir.resolve("zero.json");
    Files.writeString(file, "{\"tolerance\": 0.4, \"ratios\": {\"map get (jedis)\": 0}}");
    assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("map get (jedis)");
  }
}
