package io.pottery.internal.probabilistic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.BloomFilter;
import io.pottery.Pottery;
import io.pottery.internal.testing.CommandStats;
import io.pottery.internal.testing.EveryNode;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.List;

/**
 * Each BloomFilter operation is one round trip: one BITFIELD per element or per few thousand elements, counted on
 * the server ({@code INFO commandstats}); controllable servers only, so other tests do not blur the counts.
 */
@WithRedis(controllable = true)
class BloomFilterRoundTripTest {

  @MatrixTest
  void addAndContainsAreOneBitfieldEach(Pottery pottery, TestKey key, RedisServer server) {
    BloomFilter<String> dilberts = pottery.bloomFilter(key.name(), 100, 0.01, String.class);
    long before = CommandStats.calls(server, "bitfield");
    // Deltas: on a cluster cell the counts are the shared cluster's, which other classes' tests moved too.
    long bits = CommandStats.calls(server, "setbit") + CommandStats.calls(server, "getbit");
    dilberts.add("rajiv");
    assertThat(CommandStats.calls(server, "bitfield")).isEqualTo(before + 1);
    dilberts.contains("rajiv");
    assertThat(CommandStats.calls(server, "bitfield")).isEqualTo(before + 2);
    dilberts.addAll(List.of("raj", "dan", "eric"));
    dilberts.containsMany(List.of("raj", "dan", "eric", "rajiv"));
    assertThat(CommandStats.calls(server, "bitfield")).isEqualTo(before + 4);
    assertThat(CommandStats.calls(server, "setbit") + CommandStats.calls(server, "getbit")).isEqualTo(bits);
  }

  @MatrixTest
  void severalThousandElementsAreOnePipelineOfBoundedBitfields(Pottery pottery, TestKey key, RedisServer server) {
    // A sparse filter (10,000 elements' worth of bits for 5,000 of them) where BITFIELD beats moving the bitmap.
    BloomFilter<Integer> filter = pottery.bloomFilter(key.name(), 1_000_000, 0.01, Integer.class);
    List<Integer> elements = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      elements.add(i);
    }
    int perCommand = RedisBloomFilter.OPS_PER_COMMAND / filter.hashCount();
    long expected = (elements.size() + perCommand - 1) / perCommand;
    long before = CommandStats.calls(server, "bitfield");
    filter.addAll(elements);
    assertThat(CommandStats.calls(server, "bitfield") - before).isEqualTo(expected).isGreaterThan(1);
    assertThat(filter.containsMany(elements)).hasSize(5_000).containsOnly(true);
    assertThat(CommandStats.calls(server, "bitfield") - before).isEqualTo(2 * expected);
  }

  @MatrixTest
  void manyElementsMoveTheBitmapOnceAndLeaveNoTemporaryKey(Pottery pottery, TestKey key, RedisServer server) {
    BloomFilter<Integer> filter = pottery.bloomFilter(key.name(), 20_000, 0.01, Integer.class);
    List<Integer> elements = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      elements.add(i);
    }
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      long bitfields = CommandStats.calls(server, "bitfield");
      long bitops = CommandStats.calls(server, "bitop");
      long gets = CommandStats.calls(server, "get");
      assertThat(filter.addAll(elements)).isTrue();
      assertThat(filter.addAll(elements.subList(0, 5_000))).as("no new bit").isFalse();
      assertThat(CommandStats.calls(server, "bitop") - bitops).isEqualTo(2);
      assertThat(filter.containsMany(elements)).hasSize(20_000).containsOnly(true);
      assertThat(CommandStats.calls(server, "get") - gets).isEqualTo(1);
      assertThat(CommandStats.calls(server, "bitfield") - bitfields).isZero();
      assertThat(EveryNode.ask(server, node -> node.callText("KEYS", "*pottery-bits*"))).allMatch(List.of()::equals);
      long highest = 0;
      for (int i = 0; i < 20_000; i++) {
        for (long offset : RedisBloomFilter.offsets(Integer.toString(i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            BloomSizing.of(20_000, 0.01))) {
          highest = Math.max(highest, offset);
        }
      }
      assertThat(raw.call("STRLEN", key.name())).as("no longer than SETBIT would make it").isEqualTo(highest / 8 + 1);
    }
    // The same bits as one element at a time.
    BloomFilter<Integer> oneByOne = pottery.bloomFilter(key.derived("one-by-one"), 20_000, 0.01, Integer.class);
    for (int i = 0; i < 300; i++) {
      oneByOne.add(i);
    }
    BloomFilter<Integer> bulk = pottery.bloomFilter(key.derived("bulk"), 20_000, 0.01, Integer.class);
    bulk.addAll(elements.subList(0, 300));
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      assertThat((byte[]) raw.call("GET", key.derived("bulk"))).isEqualTo((byte[]) raw.call("GET", key.derived("one-by-one")));
    }
  }
}
