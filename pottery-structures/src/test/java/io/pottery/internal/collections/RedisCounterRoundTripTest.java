package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code RedisCounter}'s bulk updates are one script and its whole-counter reads one command, checked by counting
 * the commands the server ran. Controllable servers only: on a shared server other tests' commands would blur the
 * counts.
 */
@WithRedis(controllable = true)
class RedisCounterRoundTripTest {
  private static final List<String> SENT = List.of("evalsha", "eval", "hgetall", "hvals", "hscan", "hget", "hset", "hincrby");

  /** The commands the server ran during {@code action}, those run inside scripts (HGET, HSET, HGETALL) included. */
  private static Map<String, Long> sentBy(RedisServer server, Runnable action) {
    Map<String, Long> before = new HashMap<>();
    SENT.forEach(c -> before.put(c, CommandStats.calls(server, c)));
    action.run();
    Map<String, Long> ran = new TreeMap<>();
    SENT.forEach(c -> {
      long delta = CommandStats.calls(server, c) - before.get(c);
      if (delta != 0) {
        ran.put(c, delta);
      }
    });
    return ran;
  }

  @MatrixTest
  void bulkUpdatesAreOneScriptAndReadsOneCommand(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<Integer> counter = pottery.counter(key.name(), Integer.class);
    counter.add(List.of(0)); // loads counter-in-place.lua
    List<Integer> many = new ArrayList<>();
    Map<Integer, Long> counts = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      many.add(i % 50);
      counts.put(i, 2L);
    }
    // Inside the script: one HGET to check each distinct field, then one HSET each, after every check passed.
    assertThat(sentBy(server, () -> counter.add(many))).containsEntry("evalsha", 1L).containsEntry("hget", 50L)
        .containsEntry("hset", 50L).doesNotContainKeys("eval", "hincrby");
    assertThat(sentBy(server, () -> counter.subtract(counts))).containsEntry("evalsha", 1L).containsEntry("hset", 500L);
    assertThat(sentBy(server, () -> counter.add(List.of()))).as("nothing sent for nothing").isEmpty();
    assertThat(sentBy(server, () -> counter.plusInPlace(counts))).containsEntry("evalsha", 1L).doesNotContainKeys("eval", "hscan");
    assertThat(sentBy(server, counter::mostCommon)).isEqualTo(Map.of("hgetall", 1L));
    assertThat(sentBy(server, () -> counter.plus(counts))).isEqualTo(Map.of("hgetall", 1L));
    assertThat(sentBy(server, counter::total)).isEqualTo(Map.of("hvals", 1L));
  }

  @MatrixTest
  void elementsStreamPageByPage(Pottery pottery, TestKey key, RedisServer server) {
    RedisCounter<Integer> counter = pottery.counter(key.name(), Integer.class);
    Map<Integer, Long> counts = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      counts.put(i, (long) (i % 3));
    }
    counter.add(counts);
    long scans = CommandStats.calls(server, "hscan");
    long seen = 0;
    for (var it = counter.elements(); it.hasNext(); it.next()) {
      seen++;
    }
    assertThat(seen).isEqualTo(3000);
    assertThat(CommandStats.calls(server, "hscan") - scans).as("HSCAN pages").isGreaterThan(1);
  }
}
