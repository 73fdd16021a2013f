package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisSet;
import io.pottery.internal.testing.CommandStats;
import io.pottery.internal.testing.ServerSideFill;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A set of 500,000 members iterates page by page, in little memory, on one matrix cell (the paging code is the
 * same on every cell; the others run the multi-page tests of {@link RedisSetRoundTripTest}). Controllable servers
 * only: it counts SSCAN commands and needs about 40 MB, which a shared server should not be asked for.
 */
@WithRedis(controllable = true)
class RedisSetLargeTest {
  private static final int MEMBERS = 500_000;

  @Test
  void iteratesHalfAMillionMembersPageByPage(RedisServer server) {
    TestKey key = TestKey.forTest("RedisSetLargeTest.iteratesHalfAMillionMembersPageByPage");
    try (RawRedis raw = RawRedis.connect(server.uri(), Duration.ofSeconds(60));
        Pottery pottery = Pottery.builder().masters(server.uri()).driver("jedis").codec("gson").build()) {
      // Fills the set server-side with the JSON integers 1 … N.
      assertThat(ServerSideFill.fill(raw, key.name(), MEMBERS, "SADD", "SCARD", List.of("tostring(i)")))
          .isEqualTo(MEMBERS);
      RedisSet<Integer> set = pottery.set(key.name(), Integer.class);
      assertThat(set.size()).isEqualTo(MEMBERS);

      long scans = CommandStats.calls(raw, "sscan");
      BitSet seen = new BitSet(MEMBERS + 1);
      long count = 0;
      for (int member : set) {
        seen.set(member);
        count++;
      }
      assertThat(count).as("members returned (no duplicates without concurrent deletes)").isEqualTo(MEMBERS);
      assertThat(seen.cardinality()).isEqualTo(MEMBERS);
      assertThat(seen.get(0)).isFalse();
      assertThat(CommandStats.calls(raw, "sscan") - scans)
          .as("SSCAN pages: streamed, never one giant reply").isGreaterThan(100);
      set.clear();
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
  }
}
