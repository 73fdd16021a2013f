package io.pottery.internal.probabilistic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.HyperLogLog;
import io.pottery.Pottery;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.List;

/** Each HyperLogLog operation is one command or one script, counted on a controllable server. */
@WithRedis(controllable = true)
class HyperLogLogRoundTripTest {

  @MatrixTest
  void bulkOperationsAreOneCommandOrScript(Pottery pottery, TestKey key, RedisServer server) {
    TestKey tagged = key.withTag();
    HyperLogLog<String> google = pottery.hyperLogLog(tagged.name(), String.class);
    HyperLogLog<String> other = pottery.hyperLogLog(tagged.derived("other"), String.class);
    long pfadds = CommandStats.calls(server, "pfadd");
    google.addAll(List.of("a", "b", "c", "d"));
    assertThat(CommandStats.calls(server, "pfadd")).isEqualTo(pfadds + 1);
    long scripts = CommandStats.calls(server, "evalsha") + CommandStats.calls(server, "eval");
    assertThat(google.containsMany(List.of("a", "b", "x", "y", "z"))).containsExactly(true, true, false, false, false);
    assertThat(CommandStats.calls(server, "evalsha") + CommandStats.calls(server, "eval") - scripts).isIn(1L, 2L);
    long pfmerges = CommandStats.calls(server, "pfmerge");
    google.merge(other, other);
    assertThat(CommandStats.calls(server, "pfmerge")).isEqualTo(pfmerges + 1);
  }
}
