package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisList;
import io.pottery.internal.testing.CommandStats;
import io.pottery.internal.testing.ServerSideFill;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list of 1,000,000 elements iterates page by page, in little memory, on one matrix cell (the paging code is
 * the same on every cell; the others run the multi-page tests of {@link RedisListRoundTripTest}). Controllable
 * servers only: it counts LRANGE commands and needs tens of MB.
 */
@WithRedis(controllable = true)
class RedisListLargeTest {
  private static final int ELEMENTS = 1_000_000;

  @Test
  void iteratesAMillionElementsPageByPage(RedisServer server) {
    TestKey key = TestKey.forTest("RedisListLargeTest.iteratesAMillionElementsPageByPage");
    try (RawRedis raw = RawRedis.connect(server.uri(), Duration.ofSeconds(60));
        Pottery pottery = Pottery.builder().masters(server.uri()).driver("lettuce").codec("jackson").build()) {
      // Fills the list server-side with 1 … N (JSON integers).
      assertThat(ServerSideFill.fill(raw, key.name(), ELEMENTS, "RPUSH", "LLEN", List.of("tostring(i)")))
          .isEqualTo(ELEMENTS);
      RedisList<Integer> list = pottery.list(key.name(), Integer.class);
      assertThat(list.size()).isEqualTo(ELEMENTS);

      long lranges = CommandStats.calls(raw, "lrange");
      long expected = 1;
      for (Iterator<Integer> it = list.iterator(); it.hasNext(); ) {
        assertThat(it.next()).isEqualTo((int) expected);
        expected++;
      }
      assertThat(expected - 1).isEqualTo(ELEMENTS);
      assertThat(CommandStats.calls(raw, "lrange") - lranges)
          .as("LRANGE pages: streamed, never one giant reply").isEqualTo(ELEMENTS / RedisListStore.PAGE + 1);
      assertThat(list.get(ELEMENTS / 2)).isEqualTo(ELEMENTS / 2 + 1);
      assertThat(list.lastIndexOf(ELEMENTS)).isEqualTo(ELEMENTS - 1);
      list.clear();
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
  }
}
