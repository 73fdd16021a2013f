package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.List;

/**
 * Bulk operations are one command or one script, and iteration pages with LRANGE, checked by counting the
 * commands the server ran ({@code INFO commandstats}). Controllable servers only: on a shared server other
 * tests' commands would blur the counts.
 */
@WithRedis(controllable = true)
class RedisListRoundTripTest {

  private static List<Integer> numbers(int count) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      numbers.add(i);
    }
    return numbers;
  }

  @MatrixTest
  void addAllIsOneRpush(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    long rpushes = CommandStats.calls(server, "rpush");
    list.addAll(numbers(3000));
    assertThat(CommandStats.calls(server, "rpush")).isEqualTo(rpushes + 1);
    list.addAll(List.of());
    assertThat(CommandStats.calls(server, "rpush")).as("nothing sent for nothing").isEqualTo(rpushes + 1);
    assertThat(list).isEqualTo(numbers(3000));
  }

  @MatrixTest
  void indexOperationsAreOneScriptEach(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    list.addAll(numbers(10));
    // One EVALSHA each (a first run on a fresh server adds an EVAL after NOSCRIPT: not a second round of work).
    long scripts = CommandStats.calls(server, "evalsha");
    long lpos = CommandStats.calls(server, "lpos");
    list.add(5, 100);
    list.addAll(2, numbers(500));
    list.set(0, -1);
    list.remove(7);
    list.subList(1, 4).clear();
    list.removeAll(List.of(1, 2));
    list.retainAll(numbers(300));
    assertThat(CommandStats.calls(server, "evalsha") - scripts).isEqualTo(7);
    list.indexOf(3);
    list.lastIndexOf(3);
    list.contains(3);
    assertThat(CommandStats.calls(server, "lpos")).isEqualTo(lpos + 3);
  }

  @MatrixTest
  void iterationPagesWithLrange(Pottery pottery, TestKey key, RedisServer server) {
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    list.addAll(numbers(3500));
    long lranges = CommandStats.calls(server, "lrange");
    long lindexes = CommandStats.calls(server, "lindex");
    assertThat(list).isEqualTo(numbers(3500));
    assertThat(list.hashCode()).isEqualTo(numbers(3500).hashCode());
    assertThat(list.stream().mapToLong(Integer::longValue).sum()).isEqualTo(3499L * 3500 / 2);
    // equals, hashCode, stream: 4 pages each (the last partial page tells the end).
    assertThat(CommandStats.calls(server, "lrange") - lranges).isBetween(12L, 15L);
    assertThat(CommandStats.calls(server, "lindex")).as("never an element at a time").isEqualTo(lindexes);
  }

  @MatrixTest
  void dequeBulkPushesAreOneCommandOrScript(Pottery pottery, TestKey key, RedisServer server) {
    RedisDeque<Integer> deque = pottery.deque(key.name(), Integer.class);
    RedisDeque<Integer> bounded = pottery.deque(key.derived("bounded"), Integer.class, 100);
    long lpushes = CommandStats.calls(server, "lpush");
    long rpushes = CommandStats.calls(server, "rpush");
    deque.extendLeft(numbers(2000));
    deque.addAll(numbers(2000));
    assertThat(CommandStats.calls(server, "lpush")).isEqualTo(lpushes + 1);
    assertThat(CommandStats.calls(server, "rpush")).isEqualTo(rpushes + 1);
    long scripts = CommandStats.calls(server, "evalsha");
    bounded.addAll(numbers(500));
    bounded.extendLeft(numbers(500));
    deque.rotate(1234);
    assertThat(CommandStats.calls(server, "evalsha") - scripts).isEqualTo(3);
    assertThat(deque).hasSize(4000);
    assertThat(bounded).hasSize(100);
  }
}
