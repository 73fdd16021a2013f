package io.pottery.internal.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.Race;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Atomicity of {@code RedisList} and {@code RedisDeque} under real threads sharing one {@code Pottery}: pushes and
 * pops lose and duplicate nothing, inserts by index are never torn, and a bounded deque never holds more than
 * {@code maxlen} elements, even with pushes at both ends at once.
 */
@WithRedis
class RedisListConcurrencyTest {
  private static final int THREADS = 6;
  private static final int PER_THREAD = 150;

  /** Runs {@code task(thread number)} on {@value #THREADS} threads released together; returns their results. */
  private static <T> List<T> race(Race.Task<T> task) throws Exception {
    return Race.run(THREADS, Duration.ofSeconds(60), task);
  }

  @MatrixTest
  void pushersAndPoppersAtBothEndsLoseNothing(Pottery pottery, TestKey key) throws Exception {
    RedisDeque<Integer> deque = pottery.deque(key.name(), Integer.class);
    AtomicInteger pushersLeft = new AtomicInteger(THREADS / 2);
    List<List<Integer>> popped = race(thread -> {
      List<Integer> mine = new ArrayList<>();
      if (thread % 2 == 0) {
        for (int i = 0; i < PER_THREAD; i++) {
          int value = thread * PER_THREAD + i;
          if (i % 2 == 0) {
            deque.addFirst(value);
          } else {
            deque.offerLast(value);
          }
        }
        pushersLeft.decrementAndGet();
      } else {
        while (true) {
          boolean done = pushersLeft.get() == 0;
          Integer value = thread % 4 == 1 ? deque.pollFirst() : deque.pollLast();
          if (value != null) {
            mine.add(value);
          } else if (done) {
            break;
          }
        }
      }
      return mine;
    });
    List<Integer> all = new ArrayList<>(deque);
    popped.forEach(all::addAll);
    Collections.sort(all);
    List<Integer> expected = new ArrayList<>();
    for (int thread = 0; thread < THREADS; thread += 2) {
      for (int i = 0; i < PER_THREAD; i++) {
        expected.add(thread * PER_THREAD + i);
      }
    }
    Collections.sort(expected);
    assertThat(all).as("every pushed value popped or left, exactly once").isEqualTo(expected);
  }

  @MatrixTest
  void maxlenIsNeverExceededUnderPushesAtBothEnds(Pottery pottery, TestKey key, RedisServer server) throws Exception {
    int maxlen = 10;
    RedisDeque<Integer> deque = pottery.deque(key.name(), Integer.class, maxlen);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Long> observed = Collections.synchronizedList(new ArrayList<>());
    Thread watcher = new Thread(() -> {
      try (RawRedis raw = RawRedis.connect(server.uri())) {
        while (running.get()) {
          observed.add((Long) raw.call("LLEN", key.name()));
        }
      }
    });
    watcher.start();
    try {
      race(thread -> {
        for (int i = 0; i < PER_THREAD; i++) {
          switch (i % 3) {
            case 0 -> deque.addFirst(i);
            case 1 -> deque.addLast(i);
            default -> deque.addAll(List.of(i, i, i));
          }
        }
        return null;
      });
    } finally {
      running.set(false);
      watcher.join();
    }
    assertThat(observed).isNotEmpty().allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(maxlen));
    assertThat(deque).hasSize(maxlen);
  }

  @MatrixTest
  void concurrentInsertsByIndexKeepEveryElementInOrder(Pottery pottery, TestKey key) throws Exception {
    RedisList<String> list = pottery.list(key.name(), String.class);
    for (int i = 0; i < 50; i++) {
      list.add("base" + i);
    }
    race(thread -> {
      for (int i = 0; i < 40; i++) {
        list.addAll(i % 30, List.of("t" + thread + ":" + i + ":a", "t" + thread + ":" + i + ":b"));
      }
      return null;
    });
    List<String> contents = new ArrayList<>(list);
    assertThat(contents).hasSize(50 + THREADS * 40 * 2);
    assertThat(new HashSet<>(contents)).as("no duplicates").hasSize(contents.size());
    for (int thread = 0; thread < THREADS; thread++) {
      for (int i = 0; i < 40; i++) {
        String pair = "t" + thread + ":" + i;
        assertThat(contents.indexOf(pair + ":a")).as("an inserted run keeps its order").isLessThan(contents.indexOf(pair + ":b"));
      }
    }
    List<String> base = new ArrayList<>(contents);
    base.removeIf(element -> !element.startsWith("base"));
    for (int i = 0; i < 50; i++) {
      assertThat(base.get(i)).isEqualTo("base" + i);
    }
  }

  @MatrixTest
  void concurrentRemovesByIndexReturnWhatTheyRemoved(Pottery pottery, TestKey key) throws Exception {
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    List<Integer> original = new ArrayList<>();
    for (int i = 0; i < THREADS * 60 + 100; i++) {
      original.add(i);
    }
    list.addAll(original);
    List<List<Integer>> removed = race(thread -> {
      List<Integer> mine = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        mine.add(list.remove((thread * 17 + i * 7) % 100));
      }
      return mine;
    });
    List<Integer> all = new ArrayList<>(list);
    removed.forEach(all::addAll);
    Collections.sort(all);
    assertThat(all).as("each element either removed once (and returned) or still there").isEqualTo(original);
  }

  @MatrixTest
  void sortUnderConcurrentPushesLosesNoPush(Pottery pottery, TestKey key) throws Exception {
    RedisList<Integer> list = pottery.list(key.name(), Integer.class);
    for (int i = 200; i > 0; i--) {
      list.add(i);
    }
    race(thread -> {
      if (thread == 0) {
        for (int i = 0; i < 5; i++) {
          list.sort(null);
        }
      } else {
        for (int i = 0; i < 20; i++) {
          list.add(1000 + thread * 100 + i);
        }
      }
      return null;
    });
    assertThat(list).hasSize(200 + (THREADS - 1) * 20);
  }
}
