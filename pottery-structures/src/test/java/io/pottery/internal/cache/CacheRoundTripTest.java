package io.pottery.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.CachedOrderedMap;
import io.pottery.MemoizedFunction;
import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.List;
import java.util.Map;

/** The commands each cache operation sends, counted on a controllable server. */
@WithRedis(controllable = true)
class CacheRoundTripTest {

  @MatrixTest
  void aHitIsOneHgetAndAMissTwoHgetsAndOneHset(Pottery pottery, TestKey key, RedisServer server) {
    MemoizedFunction<Integer, Integer> twice = pottery.memoize(key.name(), n -> 2 * n, TypeRef.of(Integer.class));
    long hgets = CommandStats.calls(server, "hget");
    long hsets = CommandStats.calls(server, "hset");
    long expires = CommandStats.calls(server, "pexpire");
    twice.apply(21);
    assertThat(CommandStats.calls(server, "hget") - hgets).isEqualTo(2);
    assertThat(CommandStats.calls(server, "hset") - hsets).isEqualTo(1);
    twice.apply(21);
    assertThat(CommandStats.calls(server, "hget") - hgets).isEqualTo(3);
    assertThat(CommandStats.calls(server, "hset") - hsets).isEqualTo(1);
    assertThat(CommandStats.calls(server, "pexpire") - expires).as("after every read and write").isEqualTo(4);
  }

  @MatrixTest
  void lookupIsOneHmgetAndPutAllOneHset(Pottery pottery, TestKey key, RedisServer server) {
    long hmgets = CommandStats.calls(server, "hmget");
    long hsets = CommandStats.calls(server, "hset");
    CachedOrderedMap<Integer, Integer> squares = pottery.cachedOrderedMap(
        key.name(), Integer.class, Integer.class, List.of(1, 2, 3, 4, 5, 6, 7, 8));
    assertThat(CommandStats.calls(server, "hmget") - hmgets).isEqualTo(1);
    squares.putAll(Map.of(1, 1, 2, 4, 3, 9));
    assertThat(CommandStats.calls(server, "hset") - hsets).isEqualTo(1);
  }
}
