package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.internal.testing.CommandStats;
import io.pottery.internal.testing.ServerSideFill;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hash of 1,000,000 entries iterates page by page, in little memory, on one matrix cell (the paging code is
 * the same on every cell; the other cells run the multi-page tests of {@link RedisMapRoundTripTest}). Controllable
 * servers only: it counts HSCAN commands and needs about 100 MB, which a shared server should not be asked for.
 */
@WithRedis(controllable = true)
class RedisMapLargeTest {
  private static final int ENTRIES = 1_000_000;

  @Test
  void iteratesAMillionEntriesPageByPage(RedisServer server) {
    TestKey key = TestKey.forTest("RedisMapLargeTest.iteratesAMillionEntriesPageByPage");
    try (RawRedis raw = RawRedis.connect(server.uri(), Duration.ofSeconds(60));
        Pottery pottery = Pottery.builder().masters(server.uri()).driver("lettuce").codec("jackson").build()) {
      // Fills the hash server-side: fields "k1" … "kN" (JSON strings) holding 1 … N.
      assertThat(ServerSideFill.fill(raw, key.name(), ENTRIES, "HSET", "HLEN",
          List.of("'\"k' .. i .. '\"'", "tostring(i)"))).isEqualTo(ENTRIES);
      RedisMap<String, Integer> map = pottery.map(key.name(), String.class, Integer.class);
      assertThat(map.size()).isEqualTo(ENTRIES);

      long scans = CommandStats.calls(raw, "hscan");
      BitSet seen = new BitSet(ENTRIES + 1);
      long count = 0;
      long sum = 0;
      for (Iterator<Map.Entry<String, Integer>> it = map.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Integer> entry = it.next();
        int index = Integer.parseInt(entry.getKey().substring(1));
        assertThat(entry.getValue()).isEqualTo(index);
        seen.set(index);
        count++;
        sum += entry.getValue();
      }
      assertThat(count).as("entries returned (no duplicates without concurrent deletes)").isEqualTo(ENTRIES);
      assertThat(seen.cardinality()).isEqualTo(ENTRIES);
      assertThat(sum).isEqualTo((long) ENTRIES * (ENTRIES + 1) / 2);
      assertThat(CommandStats.calls(raw, "hscan") - scans)
          .as("HSCAN pages: streamed, never one giant reply").isGreaterThan(100);
      map.clear();
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
    }
  }
}
