package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GateTest {
  @Test
  void everyQuorumStructureIsGatedOnOneAndFiveMastersOnBothDrivers() {
    for (String structure : new String[] {"redlock", "nextid"}) {
      for (String masters : new String[] {"1 master", "5 masters"}) {
        for (String driver : new String[] {"lettuce", "jedis"}) {
          assertThat(Gate.PAIRS).as(structure + " " + masters + " (" + driver + ")")
              .anySatisfy(pair -> assertThat(pair.name()).isEqualTo(structure + " " + masters + " (" + driver + ")"));
        }
      }
    }
    assertThat(Gate.selected(Pattern.compile("nextid 1 master"))).extracting(Gate.Pair::name)
        .containsExactly("nextid 1 master (lettuce)", "nextid 1 master (jedis)");
    assertThat(Gate.selected(Pattern.compile("nextid 1 master"))).allSatisfy(pair -> {
      assertThat(pair.kind()).isEqualTo(Gate.Kind.NEXTID);
      assertThat(pair.masters()).isEqualTo(1);
    });
    assertThat(Gate.selected(null)).isEqualTo(Gate.PAIRS);
  }

  @Test
  void aPartialRewriteReplacesTheMeasuredRatiosOnlyAndKeepsGateOrder() {
    Map<String, Double> old = new LinkedHashMap<>();
    old.put("map get (jedis)", 0.9);
    old.put("redlock 5 masters (lettuce)", 0.8);
    old.put("a pair the gate no longer has", 0.7);
    Baseline kept = new Baseline(0.3, "old machine, 2026-11-25", old);

    Baseline merged = Gate.merged(kept, Map.of("nextid 1 master (jedis)", 1.1, "map get (jedis)", 0.95),
        Pattern.compile("nextid 1 master|map get"), "new machine, 2026-12-08");

    assertThat(merged.ratios()).containsExactly(Map.entry("redlock 5 masters (lettuce)", 0.8),
        Map.entry("nextid 1 master (jedis)", 1.1), Map.entry("map get (jedis)", 0.95));
    assertThat(merged.tolerance()).isEqualTo(0.3);
    assertThat(merged.measuredOn()).startsWith("old machine, 2026-11-25; ").contains("/nextid 1 master|map get/")
        .endsWith("new machine, 2026-12-08");
  }
}
