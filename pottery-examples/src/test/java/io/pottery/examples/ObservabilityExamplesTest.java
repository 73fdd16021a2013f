package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import org.junit.jupiter.api.Test;

/**
 * The README's Observability snippet, on five masters. It picks the driver and codec as a user's build would
 * (the highest priority on the class path); pottery-micrometer's own tests run every driver and codec.
 */
@WithRedis(masters = 5)
class ObservabilityExamplesTest {

  @Test
  void theSnippetRecordsOneAcquisitionItsRoundAndItsHeldTime(RedisServers servers) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String lock = TestKey.forTest("observability-snippet").name();
    assertThat(ObservabilityExamples.observability(registry, lock, servers.uris())).isEqualTo(1.0);
    assertThat(registry.get("pottery.lock.held").timer().count()).isEqualTo(1);
    assertThat(registry.get("pottery.quorum.round").tag("round", "redlock-acquire").timer().count()).isEqualTo(1);
  }
}
