package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.Race;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Atomicity under real threads sharing one {@code Pottery}: read-modify-write operations lose no update, and
 * racing inserts have exactly one winner.
 */
@WithRedis
class RedisMapConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 100;

  /** Runs {@code task} on {@value #THREADS} threads released together; returns their results. */
  private static <T> List<T> race(Callable<T> task) throws Exception {
    return Race.run(THREADS, Duration.ofSeconds(60), thread -> task.call());
  }

  @MatrixTest
  void mergeIncrementsLoseNothing(Pottery pottery, TestKey key) throws Exception {
    RedisMap<String, Integer> counts = pottery.map(key.name(), String.class, Integer.class);
    race(() -> {
      for (int i = 0; i < PER_THREAD; i++) {
        counts.merge("hits", 1, Integer::sum);
      }
      return null;
    });
    assertThat(counts.get("hits")).isEqualTo(THREADS * PER_THREAD);
  }

  @MatrixTest
  void computeIncrementsLoseNothing(Pottery pottery, TestKey key) throws Exception {
    RedisMap<String, Integer> counts = pottery.map(key.name(), String.class, Integer.class);
    race(() -> {
      for (int i = 0; i < PER_THREAD; i++) {
        counts.compute("hits", (k, v) -> v == null ? 1 : v + 1);
      }
      return null;
    });
    assertThat(counts.get("hits")).isEqualTo(THREADS * PER_THREAD);
  }

  @MatrixTest
  void replaceCompareAndSetLoopsLoseNothing(Pottery pottery, TestKey key) throws Exception {
    RedisMap<String, Integer> counts = pottery.map(key.name(), String.class, Integer.class);
    counts.put("hits", 0);
    race(() -> {
      for (int i = 0; i < PER_THREAD; i++) {
        while (true) {
          int current = counts.get("hits");
          if (counts.replace("hits", current, current + 1)) {
            break;
          }
        }
      }
      return null;
    });
    assertThat(counts.get("hits")).isEqualTo(THREADS * PER_THREAD);
  }

  @MatrixTest
  void putIfAbsentRacesHaveOneWinnerThatEveryoneSees(Pottery pottery, TestKey key) throws Exception {
    RedisMap<String, String> owners = pottery.map(key.name(), String.class, String.class);
    for (int round = 0; round < 20; round++) {
      String field = "lock-" + round;
      List<String[]> outcomes = race(() -> {
        String me = Thread.currentThread().getName();
        return new String[] {me, owners.putIfAbsent(field, me)};
      });
      List<String> winners = outcomes.stream().filter(o -> o[1] == null).map(o -> o[0]).toList();
      assertThat(winners).as("round " + round).hasSize(1);
      assertThat(outcomes).allSatisfy(o -> assertThat(o[1]).isIn(null, winners.get(0)));
      assertThat(owners.get(field)).isEqualTo(winners.get(0));
    }
  }

  @MatrixTest
  void computeIfAbsentRacesAgreeOnOneValue(Pottery pottery, TestKey key) throws Exception {
    RedisMap<String, String> owners = pottery.map(key.name(), String.class, String.class);
    List<String> seen = race(() -> owners.computeIfAbsent("owner", k -> Thread.currentThread().getName()));
    assertThat(seen).containsOnly(owners.get("owner"));
  }

  @MatrixTest
  void putReturnsEveryOverwrittenValueExactlyOnce(Pottery pottery, TestKey key) throws Exception {
    RedisMap<String, Integer> slot = pottery.map(key.name(), String.class, Integer.class);
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    List<List<Integer>> previous = race(() -> {
      List<Integer> mine = new ArrayList<>();
      for (int i = 0; i < PER_THREAD; i++) {
        Integer old = slot.put("x", next.getAndIncrement());
        if (old != null) {
          mine.add(old);
        }
      }
      return mine;
    });
    List<Integer> all = new ArrayList<>(previous.stream().flatMap(List::stream).toList());
    all.add(slot.get("x"));
    // Every value written is either returned by exactly one later put or is the final value.
    assertThat(all).hasSize(THREADS * PER_THREAD).doesNotHaveDuplicates();
  }
}
