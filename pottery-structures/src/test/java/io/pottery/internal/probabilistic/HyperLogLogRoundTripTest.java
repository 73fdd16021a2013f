package io.pottery.internal.probabilistic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.HyperLogLog;
import io.pottery.Pottery;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.List;

/** Each HyperLogLog operation is one command or one script, counted on a controllable server. */
@WithRedis(controllable = true)
class HyperLogLogRoundTripTest {

  @MatrixTest(standaloneOnlyBecause = "counts commands in one server's INFO commandstats")
  void bulkOperationsAreOneCommandOrScript(Pottery pottery, TestKey key, RedisServer server) {
    HyperLogLog<String> google = pottery.hyperLogLog(key.name(), String.class);
    HyperLogLog<String> other = pottery.hyperLogLog(key.derived("other"), String.class);
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      long pfadds = CommandStats.calls(raw, "pfadd");
      google.addAll(List.of("a", "b", "c", "d"));
      assertThat(CommandStats.calls(raw, "pfadd")).isEqualTo(pfadds + 1);
      long scripts = CommandStats.calls(raw, "evalsha") + CommandStats.calls(raw, "eval");
      assertThat(google.containsMany(List.of("a", "b", "x", "y", "z"))).containsExactly(true, true, false, false, false);
      assertThat(CommandStats.calls(raw, "evalsha") + CommandStats.calls(raw, "eval") - scripts).isIn(1L, 2L);
      long pfmerges = CommandStats.calls(raw, "pfmerge");
      google.merge(other, other);
      assertThat(CommandStats.calls(raw, "pfmerge")).isEqualTo(pfmerges + 1);
    }
  }
}
