package io.pottery.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.Redlock;
import io.pottery.internal.testing.QuorumWorkerMain;
import io.pottery.testkit.Race;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutual exclusion and unique ids under real threads and a second JVM, on five masters, on both drivers (the
 * codec does not matter to locks and ids: they store no codec bytes; the counter uses Jackson).
 */
@WithRedis(masters = 5)
class RedlockConcurrencyTest {

  static Pottery connect(RedisServers servers, String driver) {
    return Pottery.builder().masters(servers.uris()).driver(driver).codec("jackson").build();
  }

  /** Runs {@code task} on {@code threads} threads released together; returns their results. */
  static <T> List<T> race(int threads, Callable<T> task) throws Exception {
    return Race.run(threads, Duration.ofSeconds(120), thread -> task.call());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void threadsWithTheirOwnLockInstancesLoseNoUpdate(String driver, RedisServers servers) throws Exception {
    String key = TestKey.forTest("ownInstances").name();
    try (Pottery pottery = connect(servers, driver)) {
      RedisMap<String, Integer> counter = pottery.map(key + ":counter", String.class, Integer.class);
      race(8, () -> {
        Redlock lock = pottery.redlock(key);
        for (int i = 0; i < 20; i++) {
          QuorumWorkerMain.increment(lock, counter);
        }
        return null;
      });
      assertThat(counter.get("n")).isEqualTo(8 * 20);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void eightThreadsInTwoJvmsIncrementTwoThousandTimesAndLoseNoUpdate(String driver, RedisServers servers)
      throws Exception {
    String key = TestKey.forTest("twoJvmLock").name();
    int perThread = 250;
    List<String> args = new ArrayList<>(List.of("lock", driver, key, "4", Integer.toString(perThread)));
    args.addAll(List.of(servers.uris()));
    long start = System.nanoTime();
    Process child = QuorumWorkerMain.start(args.toArray(new String[0]));
    try (Pottery pottery = connect(servers, driver)) {
      RedisMap<String, Integer> counter = pottery.map(key + ":counter", String.class, Integer.class);
      Redlock lock = pottery.redlock(key);
      race(4, () -> {
        for (int i = 0; i < perThread; i++) {
          QuorumWorkerMain.increment(lock, counter);
        }
        return null;
      });
      List<String> output = readAll(child);
      assertThat(output).as("child output").endsWith("done");
      int expected = 8 * perThread;
      int lost = expected - counter.get("n");
      System.out.printf("FAULT-RESULT redlock two JVMs [%s]: %d increments, lost updates = %d, %d ms%n", driver, expected,
          lost, (System.nanoTime() - start) / 1_000_000);
      assertThat(lost).isZero();
    } finally {
      child.destroyForcibly();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void nextIdFromEightThreadsInTwoJvmsGivesNoDuplicateAndIncreasingSeries(String driver, RedisServers servers)
      throws Exception {
    String key = TestKey.forTest("twoJvmIds").name();
    int perThread = 500;
    List<String> args = new ArrayList<>(List.of("nextid", driver, key, "4", Integer.toString(perThread)));
    args.addAll(List.of(servers.uris()));
    Process child = QuorumWorkerMain.start(args.toArray(new String[0]));
    Map<String, List<Long>> series = new HashMap<>();
    try (Pottery pottery = connect(servers, driver)) {
      NextId ids = pottery.nextId(key);
      List<List<Long>> mine = race(4, () -> {
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          got.add(ids.nextLong());
        }
        return got;
      });
      for (int t = 0; t < mine.size(); t++) {
        series.put("parent-" + t, mine.get(t));
      }
      List<String> output = readAll(child);
      assertThat(output).as("child output").endsWith("done");
      for (String line : output.subList(0, output.size() - 1)) {
        String[] parts = line.split(" ");
        series.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
      }
    } finally {
      child.destroyForcibly();
    }
    assertThat(series).hasSize(8);
    Set<Long> unique = new HashSet<>();
    int total = 0;
    int decreases = 0;
    for (List<Long> one : series.values()) {
      assertThat(one).hasSize(perThread);
      for (int i = 1; i < one.size(); i++) {
        if (one.get(i) <= one.get(i - 1)) {
          decreases++;
        }
      }
      unique.addAll(one);
      total += one.size();
    }
    System.out.printf("FAULT-RESULT nextid two JVMs [%s]: %d ids, duplicates = %d, decreases = %d%n", driver, total,
        total - unique.size(), decreases);
    assertThat(total - unique.size()).isZero();
    assertThat(decreases).isZero();
  }

  static List<String> readAll(Process child) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return lines;
  }
}
