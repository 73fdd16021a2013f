package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisSet;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Bulk operations of {@code RedisSet} are one command or one script, and iteration pages with SSCAN, checked by
 * counting the commands the server ran ({@code INFO commandstats}). Controllable servers only: on a shared
 * server other tests' commands would blur the counts.
 */
@WithRedis(controllable = true)
class RedisSetRoundTripTest {
  private static final List<String> COUNTED = List.of(
      "sadd", "srem", "sismember", "smismember", "scard", "smembers", "sscan", "evalsha", "eval",
      "sunion", "sinter", "sdiff", "sunionstore", "sinterstore", "sdiffstore", "unlink");

  /** Commands a client would send to read or write element by element; scripts run only SCARD, SMEMBERS … inside. */
  private static final String[] CLIENT_SIDE = {"sscan", "sadd", "smismember", "eval"};

  /** Every counted command the server ran during {@code action}, by name, with its count. */
  private static Map<String, Long> commandsRunBy(RedisServer server, Runnable action) {
    Map<String, Long> before = new java.util.HashMap<>();
    COUNTED.forEach(c -> before.put(c, CommandStats.calls(server, c)));
    action.run();
    Map<String, Long> ran = new java.util.TreeMap<>();
    COUNTED.forEach(c -> {
      long delta = CommandStats.calls(server, c) - before.get(c);
      if (delta != 0) {
        ran.put(c, delta);
      }
    });
    return ran;
  }

  private static <T> T returning(Supplier<T> supplier, List<T> sink) {
    T value = supplier.get();
    sink.add(value);
    return value;
  }

  private static List<Integer> numbers(int from, int to) {
    List<Integer> list = new ArrayList<>();
    for (int i = from; i < to; i++) {
      list.add(i);
    }
    return list;
  }

  @MatrixTest
  void bulkOperationsOnLocalCollectionsAreOneCommandOrOneScript(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<Integer> set = pottery.set(key.name(), Integer.class);
    // the script cache may be empty (a fresh server): run each script once so that EVALSHA is what is counted
    set.retainAll(List.of());
    set.isSubsetOf(List.of());
    assertThat(commandsRunBy(server, () -> set.addAll(numbers(0, 500)))).isEqualTo(Map.of("sadd", 1L));
    assertThat(commandsRunBy(server, () -> set.addAll(List.of()))).as("nothing sent for nothing").isEmpty();
    assertThat(commandsRunBy(server, () -> set.containsAll(numbers(0, 300)))).isEqualTo(Map.of("smismember", 1L));
    List<List<Boolean>> answers = new ArrayList<>();
    assertThat(commandsRunBy(server, () -> returning(() -> set.containsMany(numbers(490, 510)), answers))).isEqualTo(Map.of("smismember", 1L));
    List<Boolean> expected = new ArrayList<>();
    numbers(490, 510).forEach(n -> expected.add(n < 500));
    assertThat(answers.get(0)).isEqualTo(expected);
    assertThat(commandsRunBy(server, () -> set.removeAll(numbers(0, 100)))).isEqualTo(Map.of("srem", 1L));
    assertThat(commandsRunBy(server, () -> set.retainAll(numbers(100, 300)))).containsEntry("evalsha", 1L).doesNotContainKeys(CLIENT_SIDE);
    assertThat(commandsRunBy(server, () -> set.isSubsetOf(numbers(0, 1000)))).containsEntry("evalsha", 1L).doesNotContainKeys(CLIENT_SIDE);
    assertThat(commandsRunBy(server, () -> set.isSupersetOf(numbers(100, 110)))).containsEntry("evalsha", 1L).doesNotContainKeys(CLIENT_SIDE);
    assertThat(commandsRunBy(server, () -> set.isDisjoint(numbers(300, 400)))).containsEntry("evalsha", 1L).doesNotContainKeys(CLIENT_SIDE);
    assertThat(commandsRunBy(server, () -> set.equals(new HashSet<>(numbers(100, 300))))).containsEntry("evalsha", 1L).doesNotContainKeys(CLIENT_SIDE);
    assertThat(commandsRunBy(server, set::clear)).isEqualTo(Map.of("unlink", 1L));
    assertThat(set).isEmpty();
  }

  @MatrixTest
  void operationsBetweenRedisSetsNeverFetchTheOtherSet(Pottery pottery, TestKey key, RedisServer server) {
    // One operation reads these keys together: on a cluster they must share a hash slot.
    TestKey tagged = key.withTag();
    RedisSet<Integer> a = pottery.set(tagged.derived("a"), Integer.class);
    RedisSet<Integer> b = pottery.set(tagged.derived("b"), Integer.class);
    RedisSet<Integer> out = pottery.set(tagged.derived("out"), Integer.class);
    a.addAll(numbers(0, 200));
    b.addAll(numbers(100, 300));
    a.addAll(a); // loads set-update-from.lua
    a.isSubsetOf(b); // loads set-relation.lua
    assertThat(commandsRunBy(server, () -> a.union(b))).isEqualTo(Map.of("sunion", 1L));
    assertThat(commandsRunBy(server, () -> a.intersection(b))).isEqualTo(Map.of("sinter", 1L));
    assertThat(commandsRunBy(server, () -> a.difference(b))).isEqualTo(Map.of("sdiff", 1L));
    assertThat(commandsRunBy(server, () -> a.unionStore(out, List.of(b)))).isEqualTo(Map.of("sunionstore", 1L));
    assertThat(commandsRunBy(server, () -> a.intersectionStore(out, List.of(b)))).isEqualTo(Map.of("sinterstore", 1L));
    assertThat(commandsRunBy(server, () -> a.differenceStore(out, List.of(b)))).isEqualTo(Map.of("sdiffstore", 1L));
    // commands run inside a script (SCARD, SINTERSTORE …) are counted too; what matters is that nothing else is
    assertThat(commandsRunBy(server, () -> a.isSubsetOf(b))).containsEntry("evalsha", 1L).doesNotContainKey("sscan");
    assertThat(commandsRunBy(server, () -> a.retainAll(b))).containsEntry("evalsha", 1L).containsEntry("sinterstore", 1L)
        .doesNotContainKeys("sscan", "smembers");
    assertThat(commandsRunBy(server, () -> a.addAll(b))).containsEntry("evalsha", 1L).containsEntry("sunionstore", 1L);
    assertThat(commandsRunBy(server, () -> a.removeAll(b))).containsEntry("evalsha", 1L).containsEntry("sdiffstore", 1L);
    assertThat(commandsRunBy(server, () -> a.equals(b))).containsEntry("evalsha", 1L).doesNotContainKeys("sscan", "smismember");
    assertThat(a).isEmpty();
  }

  @MatrixTest
  void iterationPagesThroughABigSetAndRemovesOnTheWay(Pottery pottery, TestKey key, RedisServer server) {
    RedisSet<Integer> set = pottery.set(key.name(), Integer.class);
    set.addAll(numbers(0, 3000));
    long scans = CommandStats.calls(server, "sscan");
    Set<Integer> seen = new HashSet<>();
    for (var it = set.iterator(); it.hasNext(); ) {
      int n = it.next();
      seen.add(n);
      if (n % 2 == 0) {
        it.remove();
      }
    }
    assertThat(seen).hasSize(3000);
    assertThat(CommandStats.calls(server, "sscan") - scans).as("SSCAN pages").isGreaterThan(1);
    assertThat(set).hasSize(1500).allMatch(n -> n % 2 == 1);
  }
}
