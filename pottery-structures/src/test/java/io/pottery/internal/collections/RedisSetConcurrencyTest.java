package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisSet;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.Race;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;

/** Real threads sharing one {@code Pottery} add and remove at once on one set, and lose nothing. */
@WithRedis
class RedisSetConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 100;

  /** Runs {@code task(thread index)} on {@value #THREADS} threads released together; returns their results. */
  private static <T> List<T> race(java.util.function.IntFunction<Callable<T>> task) throws Exception {
    return Race.run(THREADS, Duration.ofSeconds(60), thread -> task.apply(thread).call());
  }

  @MatrixTest
  void threadsAddingAndRemovingAtOnceLoseNothing(Pottery pottery, TestKey key) throws Exception {
    RedisSet<String> set = pottery.set(key.name(), String.class);
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        set.add("doomed-" + t + "-" + i);
      }
    }
    // each thread adds its own elements one by one and in bulk, and removes its own doomed ones
    race(t -> () -> {
      List<String> bulk = new ArrayList<>();
      for (int i = 0; i < PER_THREAD; i++) {
        set.add("single-" + t + "-" + i);
        bulk.add("bulk-" + t + "-" + i);
        if (i % 10 == 9) {
          set.addAll(bulk);
          bulk.clear();
        }
        set.remove("doomed-" + t + "-" + i);
      }
      return null;
    });
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        expected.add("single-" + t + "-" + i);
        expected.add("bulk-" + t + "-" + i);
      }
    }
    assertThat(set.size()).isEqualTo(expected.size());
    assertThat(set).isEqualTo(expected);
  }

  @MatrixTest
  void concurrentPopsTakeEachElementExactlyOnce(Pottery pottery, TestKey key) throws Exception {
    RedisSet<Integer> set = pottery.set(key.name(), Integer.class);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < THREADS * PER_THREAD / 2; i++) {
      all.add(i);
    }
    set.addAll(all);
    List<List<Integer>> popped = race(t -> () -> {
      List<Integer> mine = new ArrayList<>();
      while (true) {
        try {
          mine.add(set.pop());
        } catch (NoSuchElementException empty) {
          return mine;
        }
      }
    });
    List<Integer> together = new ArrayList<>();
    popped.forEach(together::addAll);
    assertThat(together).containsExactlyInAnyOrderElementsOf(all);
    assertThat(set).isEmpty();
  }

  @MatrixTest
  void retainAllIsAtomicAgainstConcurrentAdds(Pottery pottery, TestKey key) throws Exception {
    RedisSet<Integer> set = pottery.set(key.name(), Integer.class);
    // threads add even numbers while one thread keeps retaining only even numbers: no even number is ever lost
    race(t -> () -> {
      for (int i = 0; i < PER_THREAD; i++) {
        if (t == 0) {
          set.add(2 * i + 1);
          set.retainAll(evens(THREADS * PER_THREAD));
        } else {
          set.add(2 * (t * PER_THREAD + i));
        }
      }
      return null;
    });
    set.retainAll(evens(THREADS * PER_THREAD));
    Set<Integer> expected = new HashSet<>();
    for (int t = 1; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        expected.add(2 * (t * PER_THREAD + i));
      }
    }
    assertThat(set).isEqualTo(expected);
  }

  private static List<Integer> evens(int count) {
    List<Integer> evens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      evens.add(2 * i);
    }
    return evens;
  }
}
