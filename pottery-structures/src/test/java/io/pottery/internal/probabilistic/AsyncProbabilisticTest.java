package io.pottery.internal.probabilistic;

import static io.pottery.internal.testing.Stages.await;
import static io.pottery.internal.testing.Stages.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pottery.AsyncBloomFilter;
import io.pottery.AsyncHyperLogLog;
import io.pottery.BloomFilter;
import io.pottery.HyperLogLog;
import io.pottery.Pottery;
import io.pottery.WrongTypeException;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The async views of {@code BloomFilter} and {@code HyperLogLog}: the blocking twins' answers and errors. */
@WithRedis
class AsyncProbabilisticTest {

  @MatrixTest
  void bloomFilterAnswersAsItsBlockingTwin(Pottery pottery, TestKey key) {
    BloomFilter<String> blocking = pottery.bloomFilter(key.name(), 100, 0.01, String.class);
    BloomFilter<String> twin = pottery.bloomFilter(key.name() + ":twin", 100, 0.01, String.class);
    AsyncBloomFilter<String> seen = blocking.async();
    assertThat(seen.key()).isEqualTo(key.name());
    for (String word : List.of("alice", "bob", "carol", "alice")) {
      assertThat(await(seen.add(word))).isEqualTo(twin.add(word));
    }
    for (String word : List.of("alice", "bob", "dave", "eve")) {
      assertThat(await(seen.contains(word))).isEqualTo(twin.contains(word));
    }
    assertThat(await(seen.contains("alice"))).isTrue();
    assertThat(await(seen.approximateSize())).isEqualTo(twin.approximateSize()).isEqualTo(blocking.approximateSize());
  }

  @MatrixTest
  void hyperLogLogAnswersAsItsBlockingTwin(Pottery pottery, TestKey key) {
    HyperLogLog<String> blocking = pottery.hyperLogLog(key.name(), String.class);
    HyperLogLog<String> twin = pottery.hyperLogLog(key.name() + ":twin", String.class);
    AsyncHyperLogLog<String> visitors = blocking.async();
    assertThat(visitors.key()).isEqualTo(key.name());
    for (String word : List.of("alice", "bob", "carol", "alice")) {
      assertThat(await(visitors.add(word))).isEqualTo(twin.add(word));
    }
    for (String word : List.of("alice", "bob", "dave")) {
      assertThat(await(visitors.contains(word))).isEqualTo(twin.contains(word));
    }
    assertThat(await(visitors.approximateSize())).isEqualTo(twin.approximateSize()).isEqualTo(3L);
  }

  @MatrixTest
  void aKeyOfAnotherTypeFailsWithTheBlockingTwinsException(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("SET", key.name(), "not an HLL");
      raw.call("RPUSH", key.name() + ":list", "x");
    }
    HyperLogLog<String> hll = pottery.hyperLogLog(key.name(), String.class);
    for (Supplier<CompletionStage<?>> call : List.<Supplier<CompletionStage<?>>>of(
        () -> hll.async().add("x"), () -> hll.async().contains("x"), () -> hll.async().approximateSize())) {
      assertThat(failure(call)).isInstanceOf(WrongTypeException.class).hasMessageContaining("not a HyperLogLog");
    }
    Throwable blocking = assertThrows(WrongTypeException.class, () -> hll.contains("x"));
    assertThat(failure(() -> hll.async().contains("x"))).hasMessage(blocking.getMessage());
    BloomFilter<String> bloom = pottery.bloomFilter(key.name() + ":list", 100, 0.01, String.class);
    Throwable bloomBlocking = assertThrows(WrongTypeException.class, () -> bloom.add("x"));
    assertThat(failure(() -> bloom.async().add("x"))).isInstanceOf(WrongTypeException.class)
        .hasMessage(bloomBlocking.getMessage());
    assertThat(failure(() -> bloom.async().contains("x"))).isInstanceOf(WrongTypeException.class)
        .hasMessage(bloomBlocking.getMessage());
  }
}
