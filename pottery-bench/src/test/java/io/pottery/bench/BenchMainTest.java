package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchMainTest {
  @Test
  void unknownArgumentsGiveUsageAndExitCode2() throws Exception {
    assertThat(BenchMain.run(new String[] {"--bogus"})).isEqualTo(2);
    assertThat(BenchMain.run(new String[] {"gate", "--full", "--self-test"})).isEqualTo(2);
    assertThat(BenchMain.run(new String[] {"async", "--bogus"})).isEqualTo(2);
  }

  @Test
  void benchmarksOutsideBenchMainSayHowToRunThem() {
    assertThatThrownBy(() -> BenchMasters.uris(5)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pottery.bench.masters5").hasMessageContaining("benchmarks.jar");
  }
}
