package io.pottery.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.instrumentation.PotteryListener;
import io.pottery.instrumentation.QuorumRound;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.Topology;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The watchdogs of one {@code Pottery} renew in batches ({@link Renewals}): one pipeline per master per tick for
 * every lease due, each lease still decided by its own round.
 *
 * <p>The matrix is narrowed to what can matter: both drivers (each pipelines in its own way). The codec cannot
 * matter: a lock stores a UUID and a counter, never a codec's bytes, so Jackson is used. The batching test also
 * runs with the shared Redis Cluster as the first master (the driver splits that master's pipeline by node); the
 * lost-lease and frozen-master tests run on standalone masters only, since they delete keys on, and freeze,
 * chosen masters, and the per-lease decisions they check are made above the driver, the same for both topologies.
 */
@WithRedis(masters = 3, controllable = true)
class RedlockRenewalBatchTest {
  private static final int LOCKS = 50;

  private final FrozenMasters frozen = new FrozenMasters();

  @AfterEach
  void thaw() {
    frozen.resumeAll();
  }

  /** The masters' URIs; with {@code cluster}, the shared Redis Cluster is the first. */
  private static String[] masters(RedisServers servers, String topology) {
    String[] uris = servers.uris();
    if (topology.equals("cluster")) {
      uris[0] = RedisClusters.shared().seedUri();
    }
    return uris;
  }

  /** Each master's nodes, as openers of a raw connection: the server, or the shared cluster's masters. */
  private static List<List<Supplier<RawRedis>>> nodes(RedisServers servers, String topology) {
    List<List<Supplier<RawRedis>>> nodes = new ArrayList<>();
    for (int i = 0; i < servers.size(); i++) {
      RedisServer server = servers.get(i);
      if (i == 0 && topology.equals("cluster")) {
        RedisCluster cluster = RedisClusters.shared();
        List<Supplier<RawRedis>> clusterNodes = new ArrayList<>();
        for (RedisServer node : cluster.masters()) {
          clusterNodes.add(() -> cluster.clientFor(node));
        }
        nodes.add(clusterNodes);
      } else {
        nodes.add(List.of(server::client));
      }
    }
    return nodes;
  }

  /**
   * What one master has done so far, summed over its nodes: {@code reads}, the read events it processed
   * ({@code total_reads_processed}: a pipeline that arrives at once is one read, each separate command one more),
   * and {@code evalshas}, the {@code EVALSHA} commands it ran; and {@code nodes}, how many nodes were asked (each
   * question is one read of its own).
   */
  private record Counts(long reads, long evalshas, int nodes) {
    static Counts of(List<Supplier<RawRedis>> nodes) {
      long reads = 0;
      long evalshas = 0;
      for (Supplier<RawRedis> node : nodes) {
        try (RawRedis raw = node.get()) {
          String info = (String) raw.callText("INFO", "all");
          reads += field(info, "total_reads_processed:");
          evalshas += field(info, "cmdstat_evalsha:calls=");
        }
      }
      return new Counts(reads, evalshas, nodes.size());
    }

    private static long field(String info, String prefix) {
      for (String line : info.split("\r\n")) {
        if (line.startsWith(prefix)) {
          int end = line.indexOf(',', prefix.length());
          return Long.parseLong(line.substring(prefix.length(), end < 0 ? line.length() : end));
        }
      }
      return 0;
    }
  }

  private static Redlock watched(Pottery pottery, String key, Duration autoRelease, Map<String, AtomicInteger> lost) {
    lost.put(key, new AtomicInteger());
    return pottery.redlockBuilder(key).autoRelease(autoRelease).watchdog(l -> lost.get(key).incrementAndGet()).build();
  }

  @ParameterizedTest
  @CsvSource({"jedis, standalone", "lettuce, standalone", "jedis, cluster", "lettuce, cluster"})
  void fiftyWatchdogsRenewWithOnePipelinePerMasterPerTick(String driver, String topology, RedisServers servers)
      throws Exception {
    Topology.assumeSelected(Topology.parse(topology));
    // Renewed every 500 ms. With 900 ms leases, a 2-core machine at load average 5-20 (three builds at once)
    // stalled the servers long enough for leases to expire twice in seven runs; a lease must outlive a stall.
    Duration autoRelease = Duration.ofMillis(1_500);
    String prefix = TestKey.forTest("batch").name();
    Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
    List<List<Supplier<RawRedis>>> nodes = nodes(servers, topology);
    try (Pottery pottery =
        Pottery.builder().masters(masters(servers, topology)).driver(driver).codec("jackson").build()) {
      List<Redlock> locks = new ArrayList<>();
      for (int i = 0; i < LOCKS; i++) {
        Redlock lock = watched(pottery, prefix + ":" + i, autoRelease, lost);
        assertThat(lock.tryLock()).isTrue();
        locks.add(lock);
      }
      Thread.sleep(autoRelease.toMillis()); // every lease renewed at least once: the watchdogs' ticks have settled
      List<Counts> before = new ArrayList<>();
      for (List<Supplier<RawRedis>> master : nodes) {
        before.add(Counts.of(master));
      }
      long start = System.nanoTime();
      Thread.sleep(3 * autoRelease.toMillis());
      List<Counts> after = new ArrayList<>();
      for (List<Supplier<RawRedis>> master : nodes) {
        after.add(Counts.of(master));
      }
      long periods = (System.nanoTime() - start) / (autoRelease.toNanos() / 3);

      for (int m = 0; m < nodes.size(); m++) {
        long renewals = after.get(m).evalshas() - before.get(m).evalshas();
        // The second INFO is one read of the measured interval on each node (the first was counted before).
        long reads = after.get(m).reads() - before.get(m).reads() - after.get(m).nodes();
        System.out.printf("RENEWAL-RESULT [%s, %s] master %d: %d leases, %d periods of %d ms: %d renewals (EVALSHA) "
            + "in %d reads (%.1f renewals per read)%n", driver, topology, m, LOCKS, periods, autoRelease.toMillis() / 3,
            renewals, reads, renewals / (double) Math.max(1, reads));
        // Every lease renewed about once per period (a period at each end may fall outside the interval) ...
        assertThat(renewals).as("renewals on master %d", m).isGreaterThanOrEqualTo(LOCKS * (periods - 2));
        // ... in batches: a round trip per lease would be a read per renewal; a pipeline per tick is a read per
        // node per tick (a few ticks per period: leases acquired far apart in time keep apart). On a cluster the
        // driver splits the pipeline by node, and a node also reads the driver's topology refreshes.
        assertThat(reads).as("reads on master %d for %d renewals", m, renewals)
            .isLessThanOrEqualTo(after.get(m).nodes() * renewals / 5);
      }
      // Held well past three auto-release times, every one of them.
      for (Redlock lock : locks) {
        assertThat(lock.locked()).as(lock.key()).isPositive();
      }
      assertThat(lost.values()).allMatch(count -> count.get() == 0);
      for (Redlock lock : locks) {
        lock.unlock();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aLeaseLostAmongABatchIsReportedForThatLeaseOnly(String driver, RedisServers servers) throws Exception {
    Duration autoRelease = Duration.ofMillis(900);
    String prefix = TestKey.forTest("lostInBatch").name();
    Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
    CountDownLatch reported = new CountDownLatch(1);
    try (Pottery pottery = Pottery.builder().masters(servers.uris()).driver(driver).codec("jackson").build()) {
      List<Redlock> locks = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String key = prefix + ":" + i;
        lost.put(key, new AtomicInteger());
        Redlock lock = pottery.redlockBuilder(key).autoRelease(autoRelease).watchdog(l -> {
          lost.get(key).incrementAndGet();
          reported.countDown();
        }).build();
        assertThat(lock.tryLock()).isTrue();
        locks.add(lock);
      }
      Redlock victim = locks.get(4);
      for (int m = 0; m < 2; m++) { // a quorum of the three masters: an operator, or a restart without persistence
        try (RawRedis raw = servers.get(m).client()) {
          raw.call("DEL", victim.redisKey());
        }
      }
      assertThat(reported.await(2, TimeUnit.SECONDS)).as("the victim's callback").isTrue();
      Thread.sleep(2 * autoRelease.toMillis() / 3); // two more ticks for the others
      assertThat(lost.get(victim.key()).get()).isEqualTo(1);
      for (Redlock lock : locks) {
        if (lock != victim) {
          assertThat(lost.get(lock.key()).get()).as(lock.key()).isZero();
          assertThat(lock.locked()).as(lock.key()).isPositive();
          lock.unlock();
        }
      }
      assertThat(victim.locked()).isEqualTo(Duration.ZERO);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aFrozenMasterHoldsUpNoOtherLeaseBeyondItsOwnRound(String driver, RedisServers servers) throws Exception {
    Duration commandTimeout = Duration.ofMillis(400); // the round deadline: shorter than the auto-release time
    Duration autoRelease = Duration.ofMillis(1_200); // renewed every 400 ms
    String prefix = TestKey.forTest("frozenInBatch").name();
    Map<String, AtomicInteger> lost = new ConcurrentHashMap<>();
    List<QuorumRound> renewals = new CopyOnWriteArrayList<>();
    PotteryListener<Void> rounds = new PotteryListener<>() {
      @Override
      public void round(Void context, QuorumRound round) {
        if (round.name().equals("redlock-extend")) {
          renewals.add(round);
        }
      }
    };
    try (Pottery pottery = Pottery.builder().masters(servers.uris()).driver(driver).codec("jackson")
        .commandTimeout(commandTimeout).listener(rounds).build()) {
      List<Redlock> locks = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Redlock lock = watched(pottery, prefix + ":" + i, autoRelease, lost);
        assertThat(lock.tryLock()).isTrue();
        locks.add(lock);
      }
      // The stuck one: gone from master 1, so its renewals need the frozen master 2 and wait out their deadline.
      Redlock stuck = locks.get(10);
      try (RawRedis raw = servers.get(1).client()) {
        raw.call("DEL", stuck.redisKey());
      }
      frozen.pause(servers.get(2));
      long frozenAt = System.nanoTime();
      Thread.sleep(autoRelease.toMillis() + autoRelease.toMillis() / 3); // longer than a lease lives unrenewed
      List<QuorumRound> seen = List.copyOf(renewals);
      frozen.resumeAll();

      String stuckKey = stuck.redisKey();
      long others = 0;
      long slowest = 0;
      for (QuorumRound round : seen) {
        if (!round.key().equals(stuckKey)) {
          others++;
          slowest = Math.max(slowest, round.elapsedNanos());
          // Decided by masters 0 and 1 alone, as soon as they answered: not held up by the stuck lease's round,
          // which waited its full deadline in the same batches.
          assertThat(round.achieved()).as(round.toString()).isTrue();
          assertThat(round.elapsedNanos()).as(round.toString()).isLessThan(commandTimeout.toNanos());
        }
      }
      System.out.printf("RENEWAL-RESULT [%s] master 2 frozen %d ms: %d renewals of 19 healthy leases, slowest decided in "
          + "%d ms (deadline %d ms); the stuck lease lost %d time(s)%n", driver,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozenAt), others, TimeUnit.NANOSECONDS.toMillis(slowest),
          commandTimeout.toMillis(), lost.get(stuck.key()).get());
      assertThat(others).as("renewals of the healthy leases while frozen").isGreaterThanOrEqualTo(19L * 3);
      assertThat(lost.get(stuck.key()).get()).isEqualTo(1);
      for (Redlock lock : locks) {
        if (lock != stuck) {
          assertThat(lost.get(lock.key()).get()).as(lock.key()).isZero();
          assertThat(lock.locked()).as(lock.key()).isPositive();
          lock.unlock();
        }
      }
    }
  }
}
