package io.pottery.internal.collections;

import static io.pottery.internal.testing.Stages.await;
import static io.pottery.internal.testing.Stages.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.AsyncRedisCounter;
import io.pottery.AsyncRedisMap;
import io.pottery.CodecException;
import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.RedisMap;
import io.pottery.WrongTypeException;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The async views of {@code RedisMap} and {@code RedisCounter} on the full matrix: the same answers as their
 * blocking twins, the same exceptions (one {@link CompletionException} around them), and stages that complete
 * off the driver's threads.
 */
@WithRedis
class AsyncRedisMapTest {

  @MatrixTest
  void everyMapOperationAnswersAsItsBlockingTwin(Pottery pottery, TestKey key) {
    RedisMap<String, Integer> blocking = pottery.map(key.name(), String.class, Integer.class);
    RedisMap<String, Integer> twin = pottery.map(key.name() + ":twin", String.class, Integer.class);
    AsyncRedisMap<String, Integer> tel = blocking.async();
    assertThat(tel.key()).isEqualTo(key.name());

    assertThat(await(tel.get("jack"))).isEqualTo(twin.get("jack")).isNull();
    assertThat(await(tel.put("jack", 1))).isEqualTo(twin.put("jack", 1)).isNull();
    assertThat(await(tel.put("jack", 2))).isEqualTo(twin.put("jack", 2)).isEqualTo(1);
    assertThat(await(tel.get("jack"))).isEqualTo(twin.get("jack")).isEqualTo(2);
    assertThat(await(tel.fastPut("sape", 3))).isEqualTo(twin.fastPut("sape", 3)).isTrue();
    assertThat(await(tel.fastPut("sape", 4))).isEqualTo(twin.fastPut("sape", 4)).isFalse();
    assertThat(await(tel.putIfAbsent("sape", 5))).isEqualTo(twin.putIfAbsent("sape", 5)).isEqualTo(4);
    assertThat(await(tel.putIfAbsent("guido", 6))).isEqualTo(twin.putIfAbsent("guido", 6)).isNull();
    assertThat(await(tel.replace("guido", 7))).isEqualTo(twin.replace("guido", 7)).isEqualTo(6);
    assertThat(await(tel.replace("raj", 8))).isEqualTo(twin.replace("raj", 8)).isNull();
    assertThat(await(tel.remove("jack"))).isEqualTo(twin.remove("jack")).isEqualTo(2);
    assertThat(await(tel.remove("jack"))).isEqualTo(twin.remove("jack")).isNull();
    assertThat(await(tel.remove(List.of("not", "a", "string")))).isEqualTo(twin.remove(List.of("not", "a", "string")));
    assertThat(await(tel.putAll(Map.of("a", 10, "b", 11)))).isNull();
    twin.putAll(Map.of("a", 10, "b", 11));
    assertThat(await(tel.putAll(Map.of()))).isNull();
    List<String> wanted = List.of("b", "missing", "sape", "a", "b");
    Map<String, Integer> all = await(tel.getAll(wanted));
    assertThat(all).containsExactlyEntriesOf(twin.getAll(wanted));
    assertThat(all.keySet()).containsExactly("b", "sape", "a");
    assertThat(await(tel.getAll(List.of()))).isEmpty();
    assertThat(blocking).isEqualTo(twin);
  }

  @MatrixTest
  void everyCounterOperationAnswersAsItsBlockingTwin(Pottery pottery, TestKey key) {
    RedisCounter<String> blocking = pottery.counter(key.name(), String.class);
    RedisCounter<String> twin = pottery.counter(key.name() + ":twin", String.class);
    AsyncRedisCounter<String> hits = blocking.async();
    assertThat(hits.key()).isEqualTo(key.name());
    assertThat(await(hits.count("a"))).isEqualTo(twin.count("a")).isZero();
    assertThat(await(hits.increment("a"))).isEqualTo(twin.increment("a")).isEqualTo(1L);
    assertThat(await(hits.increment("a", 41))).isEqualTo(twin.increment("a", 41)).isEqualTo(42L);
    assertThat(await(hits.increment("b", -3))).isEqualTo(twin.increment("b", -3)).isEqualTo(-3L);
    assertThat(await(hits.add(List.of("a", "c", "c")))).isNull();
    twin.add(List.of("a", "c", "c"));
    assertThat(await(hits.add(Map.of("d", 5L)))).isNull();
    twin.add(Map.of("d", 5L));
    assertThat(await(hits.add(List.of()))).isNull();
    assertThat(await(hits.count("a"))).isEqualTo(twin.count("a")).isEqualTo(43L);
    assertThat(await(hits.count(List.of(1)))).isEqualTo(twin.count(List.of(1))).isZero();
    assertThat(blocking).isEqualTo(twin);
  }

  @MatrixTest
  void aKeyOfAnotherTypeFailsTheStageWithTheBlockingTwinsException(Pottery pottery, TestKey key, RedisServer server) {
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("RPUSH", key.name(), "x");
    }
    RedisMap<String, Integer> map = pottery.map(key.name(), String.class, Integer.class);
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    Throwable blocking = org.junit.jupiter.api.Assertions.assertThrows(WrongTypeException.class, () -> map.get("jack"));
    List<Supplier<CompletionStage<?>>> calls = List.of(
        () -> map.async().get("jack"), // a command
        () -> map.async().put("jack", 1), // a script
        () -> map.async().putAll(Map.of("jack", 1)),
        () -> map.async().getAll(List.of("jack")));
    for (Supplier<CompletionStage<?>> call : calls) {
      assertThat(failure(call)).isInstanceOf(WrongTypeException.class).hasMessage(blocking.getMessage());
    }
    Throwable blockingCounter =
        org.junit.jupiter.api.Assertions.assertThrows(WrongTypeException.class, () -> counter.increment("a"));
    for (Supplier<CompletionStage<?>> call : List.<Supplier<CompletionStage<?>>>of(
        () -> counter.async().increment("a"), () -> counter.async().add(List.of("a")),
        () -> counter.async().count("a"))) {
      assertThat(failure(call)).isInstanceOf(WrongTypeException.class).hasMessage(blockingCounter.getMessage());
    }
  }

  @MatrixTest
  void refusalsAndUndecodableValuesFailAsTheirBlockingTwinsThrow(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<String> counter = pottery.counter(key.name(), String.class);
    counter.increment("a", Long.MAX_VALUE);
    Throwable overflow = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> counter.increment("a"));
    assertThat(failure(() -> counter.async().increment("a"))).isInstanceOf(ArithmeticException.class)
        .hasMessage(overflow.getMessage());
    Throwable bulk = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class, () -> counter.add(List.of("a")));
    assertThat(failure(() -> counter.async().add(List.of("a")))).isInstanceOf(ArithmeticException.class)
        .hasMessage(bulk.getMessage());

    RedisMap<String, Integer> map = pottery.map(key.name() + ":map", String.class, Integer.class);
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      raw.call("HSET", map.key(), "\"jack\"", "not json");
    }
    Throwable undecodable = org.junit.jupiter.api.Assertions.assertThrows(CodecException.class, () -> map.get("jack"));
    assertThat(failure(() -> map.async().get("jack"))).isInstanceOf(CodecException.class)
        .hasMessage(undecodable.getMessage());
    assertThatThrownBy(() -> map.async().put(null, 1)).isInstanceOf(NullPointerException.class);
  }

  @MatrixTest
  void stagesCompleteOnTheAsyncExecutorNeverOnADriverThread(Pottery pottery, TestKey key) {
    AsyncRedisMap<String, Integer> tel = pottery.map(key.name(), String.class, Integer.class).async();
    Thread test = Thread.currentThread();
    for (int i = 0; i < 50; i++) {
      Thread completedOn = await(tel.put("k" + i, i).thenApply(previous -> Thread.currentThread()));
      // The default executor is the Pottery's own workers; an already complete stage runs the function on the caller.
      boolean worker = completedOn.getName().matches("pottery-[0-9a-f]+-worker-[0-9]+");
      assertThat(worker || completedOn == test).as("completed on %s", completedOn.getName()).isTrue();
      assertThat(completedOn.getName()).doesNotContain("lettuce", "jedis", "EventLoop", "epoll");
    }
  }
}
