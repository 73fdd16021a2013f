package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.TypeRef;
import io.pottery.internal.structures.FailoverOutcome.Kind;
import io.pottery.testkit.ClusterFailover;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.Topology;
import io.pottery.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's failover test: on a cluster of 3 masters with 2 replicas each, four threads run a mixed workload (map
 * puts, counter increments, list and deque pushes, set adds, Bloom and HyperLogLog adds, memoized calls, Redlock
 * acquire and release, NextId) with keys on every master; after 1.5 s of load the master owning one shard's keys
 * is SIGKILLed, and the load goes on until a replica is promoted and 3 s beyond. Three runs per driver (Jackson
 * codec: codecs do not touch routing), each on a cluster of its own, each killing another master. Each run prints
 * one {@code cluster-failover} line (Surefire keeps it): kill to promotion, longest stall, lost writes, duplicates.
 *
 * <p><b>Confirmed writes.</b> Redlock and NextId confirm their own writes ({@code waitForReplicas(1, 500 ms)}).
 * For the other structures, just before the kill the test writes a marker key on each master and sends
 * {@code WAIT 2} on that same connection: a master replicates one stream in order, so once both replicas
 * acknowledged the marker they hold every write a worker saw succeed before the marker was sent. Those writes
 * are "confirmed" and must all survive; later ones are not, and a failover may lose them (counted, not failed).
 *
 * <p><b>Two replicas per master, not one.</b> With one, the promoted replica has no replica of its own, so every
 * {@code waitForReplicas(1)} lock and id on that shard fails from then on (rightly: nothing can confirm it), and
 * "every operation succeeds again" cannot hold. With two, the second follows the new master.
 *
 * <p><b>Deadlines.</b> Every driver command ends within the command timeout (2 s), retries included (jittered
 * backoff inside that deadline, see {@code RedisConnection}'s "Clusters" section); an operation's bound is the
 * number of sequential commands it may need times that, plus the {@code WAIT} timeout where it waits, plus 1 s
 * of margin for two loaded cores.
 */
class ClusterFailoverTest {
  private static final int THREADS = 4;
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration WAIT_FOR_REPLICAS = Duration.ofMillis(500);
  private static final Duration LOAD_BEFORE_KILL = Duration.ofMillis(1_500);
  private static final Duration AFTER_PROMOTION = Duration.ofSeconds(3);
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
  private static final Duration MARGIN = Duration.ofSeconds(1);

  static Stream<Arguments> runs() {
    return Stream.of("jedis", "lettuce").flatMap(driver -> Stream.of(1, 2, 3).map(run -> Arguments.of(driver, run)));
  }

  @ParameterizedTest(name = "{0}, run {1}")
  @MethodSource("runs")
  void everyConfirmedWriteSurvivesAKilledMasterAndEveryOperationRecovers(String driver, int run) throws Exception {
    Topology.assumeSelected(Topology.CLUSTER); // a failover is JDK-neutral: the JDK 25 run selects standalone
    try (RedisCluster cluster = RedisCluster.start(3, 2)) {
      List<String> tags = tagsOnEveryMaster(cluster, run);
      List<RedisServer> owners = tags.stream().map(cluster::masterFor).toList();
      int victimShard = (run - 1) % tags.size();
      RedisServer victim = owners.get(victimShard);
      try (Pottery pottery = Pottery.builder().masters(cluster.seedUri()).driver(driver).codec("jackson")
          .commandTimeout(COMMAND_TIMEOUT).build()) {
        FailoverWorkload workload = new FailoverWorkload(pottery, tags, THREADS, WAIT_FOR_REPLICAS);
        // A lock held across the kill, confirmed on a replica by waitForReplicas.
        Redlock held = pottery.redlockBuilder(tags.get(victimShard) + ":held").autoRelease(Duration.ofSeconds(60))
            .waitForReplicas(1, WAIT_FOR_REPLICAS).build();
        assertThat(held.acquire(false)).isTrue();

        long loadStart = System.nanoTime();
        workload.start();
        Thread.sleep(LOAD_BEFORE_KILL.toMillis());
        long checkpoint = System.nanoTime();
        for (int shard = 0; shard < tags.size(); shard++) {
          try (RawRedis raw = cluster.clientFor(owners.get(shard))) {
            raw.call("SET", tags.get(shard) + ":checkpoint", "1");
            // Both replicas, so the confirmed set holds whichever of them is promoted.
            assertThat(raw.call("WAIT", "2", "5000")).as("replicas of shard %d acknowledged the checkpoint", shard)
                .isEqualTo(2L);
          }
        }
        long killedAt = System.nanoTime();
        cluster.kill(victim);
        ClusterFailover failover = cluster.awaitFailover(victim, Duration.ofSeconds(20));
        long promotedAt = System.nanoTime();
        long stopAt = promotedAt + AFTER_PROMOTION.toNanos();
        long latest = killedAt + RECOVERY_BOUND.toNanos() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < stopAt || (!allRecovered(workload.outcomes(), promotedAt, tags.size())
            && System.nanoTime() < latest)) {
          Thread.sleep(100);
        }
        workload.stop(Duration.ofSeconds(20));
        long loadEnd = System.nanoTime();
        List<FailoverOutcome> outcomes = workload.outcomes();

        Verdict verdict = verify(pottery, workload, outcomes, checkpoint);
        assertThat(held.locked()).as("the lock held across the kill is still held").isPositive();
        Redlock rival = pottery.redlockBuilder(tags.get(victimShard) + ":held").build();
        assertThat(rival.acquire(false)).as("a rival acquires the lock held across the kill").isFalse();
        held.release();

        String report = report(driver, run, failover, outcomes, checkpoint, killedAt, promotedAt, loadStart, loadEnd,
            victimShard, verdict);
        System.out.println(report);

        assertRecovered(outcomes, killedAt, promotedAt, tags.size());
        assertThat(verdict.confirmedLost).as("confirmed writes lost").isEmpty();
        assertThat(verdict.duplicates).as("operations applied twice").isEmpty();
        assertThat(verdict.appliedThoughFailed).as("non-idempotent writes reported failed (not unknown) yet applied")
            .isEmpty();
        assertWithinDeadlines(outcomes);
      }
    }
  }

  /** One hash tag per master, unique to this run: {@code {fo<run>-<n>}}. */
  private static List<String> tagsOnEveryMaster(RedisCluster cluster, int run) {
    Map<RedisServer, String> byMaster = new LinkedHashMap<>();
    for (RedisServer master : cluster.masters()) {
      byMaster.put(master, null);
    }
    for (int n = 0; byMaster.containsValue(null); n++) {
      String tag = "{fo" + run + "-" + n + "}";
      RedisServer owner = cluster.masterFor(tag);
      if (byMaster.get(owner) == null) {
        byMaster.put(owner, tag);
      }
    }
    return List.copyOf(byMaster.values());
  }

  /** Whether every operation on every shard succeeded in a call started after the promotion. */
  private static boolean allRecovered(List<FailoverOutcome> outcomes, long promotedAt, int shards) {
    Set<String> recovered = new HashSet<>();
    for (FailoverOutcome o : outcomes) {
      if (o.ok() && o.startNanos() >= promotedAt) {
        recovered.add(o.op() + "/" + o.shard());
      }
    }
    return recovered.size() == FailoverOp.values().length * shards;
  }

  /**
   * Within 10 s of the kill, every operation on every shard succeeded in a call started after the promotion,
   * and no call that started later than that bound failed.
   */
  private static void assertRecovered(List<FailoverOutcome> outcomes, long killedAt, long promotedAt, int shards) {
    long bound = killedAt + RECOVERY_BOUND.toNanos();
    for (FailoverOp op : FailoverOp.values()) {
      for (int shard = 0; shard < shards; shard++) {
        int s = shard;
        long firstSuccess = outcomes.stream()
            .filter(o -> o.op() == op && o.shard() == s && o.ok() && o.startNanos() >= promotedAt)
            .mapToLong(FailoverOutcome::endNanos).min().orElse(Long.MAX_VALUE);
        assertThat(firstSuccess).as("%s on shard %d succeeds again within %d ms of the kill (first success %s)", op,
            shard, RECOVERY_BOUND.toMillis(), firstSuccess == Long.MAX_VALUE ? "never"
                : (firstSuccess - killedAt) / 1_000_000 + " ms after the kill").isLessThanOrEqualTo(bound);
      }
    }
    List<FailoverOutcome> lateFailures = outcomes.stream().filter(o -> !o.ok() && o.startNanos() >= bound).toList();
    assertThat(lateFailures).as("calls failing more than %d ms after the kill", RECOVERY_BOUND.toMillis()).isEmpty();
  }

  /** How long an operation may take at most: its sequential commands times the command timeout, and margin. */
  static Duration deadline(FailoverOp op) {
    Duration t = COMMAND_TIMEOUT;
    return switch (op) {
      // One command each (HINCRBY, RPUSH, LPUSH, SADD, PFADD).
      case COUNTER_INCREMENT, LIST_PUSH, DEQUE_PUSH, SET_ADD, HLL_ADD -> t.plus(MARGIN);
      // A script (put returns the previous value atomically; Bloom sets its bits in one go): EVALSHA, then EVAL
      // after NOSCRIPT (a promoted replica has no scripts).
      case MAP_PUT, BLOOM_ADD -> t.multipliedBy(2).plus(MARGIN);
      // Lookup pipeline, lookup again under single flight, store pipeline.
      case MEMOIZED_CALL -> t.multipliedBy(3).plus(MARGIN);
      // Acquire: script and WAIT in one pipeline, again with EVAL after NOSCRIPT (the undo of a failed attempt is
      // not awaited); release: a script, EVAL after NOSCRIPT.
      case LOCK_ACQUIRE_RELEASE -> t.plus(WAIT_FOR_REPLICAS).multipliedBy(2).plus(t.multipliedBy(2)).plus(MARGIN);
      // A round of script and WAIT, again with EVAL after NOSCRIPT; a failed master (unconfirmed write included)
      // ends the call, and further rounds only follow refusals, which come at once.
      case NEXT_ID -> t.plus(WAIT_FOR_REPLICAS).multipliedBy(2).plus(MARGIN);
    };
  }

  private static void assertWithinDeadlines(List<FailoverOutcome> outcomes) {
    for (FailoverOp op : FailoverOp.values()) {
      FailoverOutcome longest = outcomes.stream().filter(o -> o.op() == op)
          .max(Comparator.comparingLong(FailoverOutcome::millis)).orElseThrow();
      assertThat(longest.millis()).as("longest %s call (%s, %s)", op, longest.kind(), longest.error())
          .isLessThanOrEqualTo(deadline(op).toMillis());
    }
  }

  /** What the verification found; each list names the elements (or ids) concerned. */
  static final class Verdict {
    final List<String> confirmedLost = new ArrayList<>();
    final List<String> unconfirmedLost = new ArrayList<>();
    final List<String> duplicates = new ArrayList<>();
    final List<String> appliedThoughFailed = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
  }

  private static Verdict verify(Pottery pottery, FailoverWorkload workload, List<FailoverOutcome> outcomes,
      long checkpoint) {
    Verdict verdict = new Verdict();
    for (int s = 0; s < workload.shards().size(); s++) {
      FailoverWorkload.Shard shard = workload.shards().get(s);
      int index = s;
      Map<FailoverOp, List<FailoverOutcome>> byOp = new EnumMap<>(FailoverOp.class);
      outcomes.stream().filter(o -> o.shard() == index)
          .forEach(o -> byOp.computeIfAbsent(o.op(), k -> new ArrayList<>()).add(o));

      Set<String> mapFields = new HashSet<>(shard.map.keySet());
      checkPresence(verdict, "map", byOp.get(FailoverOp.MAP_PUT), mapFields::contains, checkpoint);
      Set<String> members = new HashSet<>(shard.set);
      checkPresence(verdict, "set", byOp.get(FailoverOp.SET_ADD), members::contains, checkpoint);
      checkSequence(verdict, "list", byOp.get(FailoverOp.LIST_PUSH), new ArrayList<>(shard.list), checkpoint);
      checkSequence(verdict, "deque", byOp.get(FailoverOp.DEQUE_PUSH), new ArrayList<>(shard.deque), checkpoint);
      checkPresence(verdict, "bloom", byOp.get(FailoverOp.BLOOM_ADD), contained(byOp.get(FailoverOp.BLOOM_ADD),
          shard.bloom::containsMany), checkpoint);
      checkPresence(verdict, "hll", byOp.get(FailoverOp.HLL_ADD), contained(byOp.get(FailoverOp.HLL_ADD),
          shard.hll::containsMany), checkpoint);
      Map<List<String>, Integer> memoEntries = new HashMap<>(pottery.map(shard.memo.key(),
          new TypeRef<List<String>>() {}, TypeRef.of(Integer.class)));
      checkPresence(verdict, "memo", byOp.get(FailoverOp.MEMOIZED_CALL),
          element -> memoEntries.containsKey(List.of(element)), checkpoint);
      checkCounter(verdict, shard, index, byOp.get(FailoverOp.COUNTER_INCREMENT), checkpoint);
      checkIds(verdict, pottery, shard, byOp.get(FailoverOp.NEXT_ID));
      checkFencing(verdict, index, byOp.get(FailoverOp.LOCK_ACQUIRE_RELEASE));
    }
    return verdict;
  }

  private interface Lookup {
    List<Boolean> containsMany(Iterable<String> elements);
  }

  private static java.util.function.Predicate<String> contained(List<FailoverOutcome> calls, Lookup lookup) {
    List<String> elements = calls.stream().filter(FailoverOutcome::ok).map(FailoverOutcome::element).toList();
    List<Boolean> found = lookup.containsMany(elements);
    Set<String> present = new HashSet<>();
    for (int i = 0; i < elements.size(); i++) {
      if (found.get(i)) {
        present.add(elements.get(i));
      }
    }
    return present::contains;
  }

  /** Every successful write is present (confirmed ones must be; unconfirmed ones are counted). */
  private static void checkPresence(Verdict verdict, String what, List<FailoverOutcome> calls,
      java.util.function.Predicate<String> present, long checkpoint) {
    for (FailoverOutcome o : calls) {
      if (o.ok() && !present.test(o.element())) {
        (o.endNanos() < checkpoint ? verdict.confirmedLost : verdict.unconfirmedLost).add(what + " " + o.element());
      }
    }
  }

  /** As {@link #checkPresence}, and no push applied twice, and no push reported failed (not unknown) applied. */
  private static void checkSequence(Verdict verdict, String what, List<FailoverOutcome> calls, List<String> stored,
      long checkpoint) {
    Map<String, Long> counts = stored.stream().collect(Collectors.groupingBy(e -> e, Collectors.counting()));
    checkPresence(verdict, what, calls, counts::containsKey, checkpoint);
    counts.forEach((element, n) -> {
      if (n > 1) {
        verdict.duplicates.add(what + " " + element + " x" + n);
      }
    });
    for (FailoverOutcome o : calls) {
      if (o.kind() == Kind.FAILED && counts.containsKey(o.element())) {
        verdict.appliedThoughFailed.add(what + " " + o.element() + " (" + o.error() + ")");
      }
    }
  }

  /**
   * Per thread: the stored count is at most the successful plus unknown-outcome increments (none applied twice,
   * none reported failed applied), and at least the confirmed ones (none lost).
   */
  private static void checkCounter(Verdict verdict, FailoverWorkload.Shard shard, int index,
      List<FailoverOutcome> calls, long checkpoint) {
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      List<FailoverOutcome> mine = calls.stream().filter(o -> o.thread() == thread).toList();
      long ok = mine.stream().filter(FailoverOutcome::ok).count();
      long unknown = mine.stream().filter(o -> o.kind() == Kind.UNKNOWN).count();
      long confirmed = mine.stream().filter(o -> o.ok() && o.endNanos() < checkpoint).count();
      long stored = shard.counter.count("t" + thread);
      String name = "counter " + index + "/t" + thread;
      if (stored > ok + unknown) {
        verdict.duplicates.add(name + ": " + stored + " > " + ok + " successful + " + unknown + " unknown");
      }
      if (stored < confirmed) {
        verdict.confirmedLost.add(name + ": " + stored + " < " + confirmed + " confirmed");
      }
      for (long i = stored; i < ok; i++) {
        verdict.unconfirmedLost.add(name + " increment");
      }
      if (unknown > 0) {
        verdict.notes.add(name + ": " + unknown + " unknown-outcome increments, " + (stored - ok) + " of them applied");
      }
    }
  }

  /** No id issued twice; each thread's ids strictly increasing; a new generator continues above them all. */
  private static void checkIds(Verdict verdict, Pottery pottery, FailoverWorkload.Shard shard,
      List<FailoverOutcome> calls) {
    Map<Long, String> issuedTo = new TreeMap<>();
    Map<Integer, Long> lastOf = new HashMap<>();
    calls.stream().filter(FailoverOutcome::ok).sorted(Comparator.comparingLong(FailoverOutcome::startNanos))
        .forEach(o -> {
          String previous = issuedTo.put(o.value(), "t" + o.thread());
          if (previous != null) {
            verdict.duplicates.add("id " + o.value() + " of " + shard.idKey + " issued to " + previous + " and t"
                + o.thread());
          }
          Long last = lastOf.put(o.thread(), o.value());
          if (last != null && last >= o.value()) {
            verdict.duplicates.add("ids of t" + o.thread() + " on " + shard.idKey + " not increasing: " + last + " then "
                + o.value());
          }
        });
    long max = issuedTo.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    NextId fresh = pottery.nextId(shard.idKey);
    long next = fresh.nextLong();
    if (next <= max) {
      verdict.confirmedLost.add("ids of " + shard.idKey + ": a new generator issued " + next + " after " + max);
    }
  }

  /** Each thread's fencing tokens on a lock key strictly increase: no confirmed acquisition was lost. */
  private static void checkFencing(Verdict verdict, int index, List<FailoverOutcome> calls) {
    Map<Integer, Long> lastOf = new HashMap<>();
    calls.stream().filter(FailoverOutcome::ok).sorted(Comparator.comparingLong(FailoverOutcome::startNanos))
        .forEach(o -> {
          Long last = lastOf.put(o.thread(), o.value());
          if (last != null && last >= o.value()) {
            verdict.confirmedLost.add("fencing tokens of lock " + index + "/t" + o.thread() + ": " + last + " then "
                + o.value());
          }
        });
  }

  private static String report(String driver, int run, ClusterFailover failover, List<FailoverOutcome> outcomes,
      long checkpoint, long killedAt, long promotedAt, long loadStart, long loadEnd, int victimShard,
      Verdict verdict) {
    // Writes the kill could lose: acknowledged on the killed master after the checkpoint.
    long atRisk = outcomes.stream().filter(o -> o.ok() && o.shard() == victimShard && o.endNanos() >= checkpoint
        && o.startNanos() < killedAt && o.op() != FailoverOp.LOCK_ACQUIRE_RELEASE && o.op() != FailoverOp.NEXT_ID)
        .count();
    long[] ends = outcomes.stream().filter(FailoverOutcome::ok).mapToLong(FailoverOutcome::endNanos).sorted()
        .toArray();
    long longestGap = 0;
    long previous = loadStart;
    for (long end : ends) {
      longestGap = Math.max(longestGap, end - previous);
      previous = end;
    }
    longestGap = Math.max(longestGap, loadEnd - previous);
    FailoverOutcome longestCall = outcomes.stream().max(Comparator.comparingLong(FailoverOutcome::millis))
        .orElseThrow();
    long recovered = 0;
    for (FailoverOp op : FailoverOp.values()) {
      recovered = Math.max(recovered, outcomes.stream().filter(o -> o.op() == op && o.ok() && o.startNanos() >= promotedAt)
          .mapToLong(FailoverOutcome::endNanos).min().orElse(Long.MAX_VALUE) - killedAt);
    }
    Map<Kind, Long> kinds = outcomes.stream().collect(Collectors.groupingBy(FailoverOutcome::kind, TreeMap::new,
        Collectors.counting()));
    Map<String, Long> errors = outcomes.stream().filter(o -> !o.ok())
        .collect(Collectors.groupingBy(o -> o.op() + " " + o.error().replaceAll("[0-9]+", "N"), TreeMap::new,
            Collectors.counting()));
    StringBuilder sb = new StringBuilder();
    sb.append("cluster-failover ").append(driver).append(" run ").append(run).append(": kill to promotion ")
        .append(failover.took().toMillis()).append(" ms; every operation succeeded again ")
        .append(recovered / 1_000_000).append(" ms after the kill; longest stall (gap between successful calls) ")
        .append(longestGap / 1_000_000).append(" ms; longest call ").append(longestCall.millis()).append(" ms (")
        .append(longestCall.op()).append(", ").append(longestCall.kind()).append("); confirmed writes lost ")
        .append(verdict.confirmedLost.size()).append("; unconfirmed writes lost ").append(verdict.unconfirmedLost.size()).append(" of ").append(atRisk)
        .append(" acknowledged by the killed master after the checkpoint")
        .append("; duplicates ").append(verdict.duplicates.size()).append("; calls ").append(kinds);
    for (FailoverOp op : FailoverOp.values()) {
      sb.append("\n  ").append(op).append(": longest ").append(outcomes.stream().filter(o -> o.op() == op)
          .mapToLong(FailoverOutcome::millis).max().orElse(0)).append(" ms (deadline ")
          .append(deadline(op).toMillis()).append(" ms)");
    }
    errors.forEach((error, n) -> sb.append("\n  failure x").append(n).append(": ").append(abbreviate(error)));
    verdict.unconfirmedLost.forEach(lost -> sb.append("\n  unconfirmed lost: ").append(lost));
    verdict.notes.forEach(note -> sb.append("\n  ").append(note));
    verdict.confirmedLost.forEach(lost -> sb.append("\n  CONFIRMED LOST: ").append(lost));
    verdict.duplicates.forEach(d -> sb.append("\n  DUPLICATE: ").append(d));
    verdict.appliedThoughFailed.forEach(d -> sb.append("\n  APPLIED THOUGH FAILED: ").append(d));
    return sb.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
