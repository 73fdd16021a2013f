package io.pottery.internal.probabilistic;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.BloomFilter;
import io.pottery.Pottery;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * At capacity (100,000 random elements added) the measured false-positive rate stays within 1.5× the configured 1%,
 * and the size estimate within 2%. One matrix cell: the bits are the same on every cell (BloomFilterTest checks
 * them there); this measures the hashing, not the driver.
 */
@WithRedis
class BloomFilterFalsePositiveTest {
  private static final int CAPACITY = 100_000;
  private static final double RATE = 0.01;

  @Test
  void falsePositiveRateAtCapacityIsWithinOneAndAHalfTimesTheConfiguredRate(RedisServer server) {
    TestKey key = TestKey.forTest("BloomFilterFalsePositiveTest.rate");
    Random random = new Random(20261125);
    Set<String> added = new HashSet<>();
    while (added.size() < CAPACITY) {
      added.add(Long.toHexString(random.nextLong()));
    }
    List<String> probes = new ArrayList<>();
    while (probes.size() < CAPACITY) {
      String probe = Long.toHexString(random.nextLong());
      if (!added.contains(probe)) {
        probes.add(probe);
      }
    }
    try (Pottery pottery = Pottery.builder().masters(server.uri()).driver("lettuce").codec("jackson").build()) {
      BloomFilter<String> filter = pottery.bloomFilter(key.name(), CAPACITY, RATE, String.class);
      filter.addAll(added);
      assertThat(filter.containsMany(added)).as("no false negatives").containsOnly(true);
      long falsePositives = filter.containsMany(probes).stream().filter(b -> b).count();
      double measured = (double) falsePositives / probes.size();
      System.out.printf("BloomFilter n=%d p=%s: measured false-positive rate %.5f, approximate size %d%n",
          CAPACITY, RATE, measured, filter.approximateSize());
      assertThat(measured).isLessThanOrEqualTo(1.5 * RATE).isGreaterThan(RATE / 2);
      assertThat(filter.approximateSize()).isBetween((long) (CAPACITY * 0.98), (long) (CAPACITY * 1.02));
      filter.clear();
    }
  }
}
