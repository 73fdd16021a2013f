package io.pottery.internal.nextid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.internal.testing.CommandStats;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.Race;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/** NextId's contract on five real masters, on every driver × codec. */
@WithRedis(masters = 5)
class NextIdTest {
  /** Python pottery's raise-only script (NextID), as it sends it: candidate = current + 1. */
  static final String PYTHON_SET_ID = "local curr = tonumber(redis.call('get', KEYS[1]))\n"
      + "local next = tonumber(ARGV[1])\n"
      + "if curr == nil or curr < next then\n"
      + "  redis.call('set', KEYS[1], next)\n"
      + "  return next\n"
      + "else\n"
      + "  return nil\n"
      + "end\n";

  private static List<String> stored(RedisServers servers, String key) {
    List<String> values = new ArrayList<>();
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        Object reply = raw.call("GET", key);
        values.add(reply == null ? null : new String((byte[]) reply, StandardCharsets.US_ASCII));
      }
    }
    return values;
  }

  /** Python pottery's two-round next id, with raw commands: read a quorum, propose max + 1 on all. */
  static Long pythonNextId(RedisServers servers, String redisKey) {
    long current = 0;
    for (String value : stored(servers, redisKey)) {
      if (value != null) {
        current = Math.max(current, Long.parseLong(value));
      }
    }
    return pythonPropose(servers, redisKey, current + 1);
  }

  /** Python's second round alone: the id if a quorum stored it, else null. */
  static Long pythonPropose(RedisServers servers, String redisKey, long candidate) {
    int stored = 0;
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        if (Long.valueOf(candidate).equals(raw.call("EVAL", PYTHON_SET_ID, "1", redisKey, Long.toString(candidate)))) {
          stored++;
        }
      }
    }
    return stored >= 3 ? candidate : null;
  }

  @MatrixTest
  void idsStartAtOneAndStoreDecimalTextOnEveryMaster(Pottery pottery, TestKey key, RedisServers servers) throws Exception {
    NextId ids = pottery.nextId(key.name());
    assertThat(ids.redisKey()).isEqualTo("nextid:" + key.name());
    assertThat(ids.nextLong()).isEqualTo(1);
    assertThat(ids.getAsLong()).isEqualTo(2);
    assertThat(ids.next()).isEqualTo(3L);
    assertThat(ids.hasNext()).isTrue();
    long until = System.nanoTime() + 2_000_000_000L;
    while (!stored(servers, ids.redisKey()).stream().allMatch("3"::equals) && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(stored(servers, ids.redisKey())).containsOnly("3");
    assertThatThrownBy(ids::remove).isInstanceOf(UnsupportedOperationException.class);
  }

  private static void storeOnEveryMaster(RedisServers servers, String redisKey, String value) {
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        raw.call("SET", redisKey, value);
      }
    }
  }

  /** Waits until every master holds {@code value} (a round returns on a quorum; the rest may still be writing). */
  private static void awaitStoredEverywhere(RedisServers servers, String redisKey, String value)
      throws InterruptedException {
    long until = System.nanoTime() + 2_000_000_000L;
    while (!stored(servers, redisKey).stream().allMatch(value::equals) && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(stored(servers, redisKey)).containsOnly(value);
  }

  @MatrixTest
  void idsStayExactAcross2To53(Pottery pottery, TestKey key, RedisServers servers) throws Exception {
    // 2^53 = 9007199254740992: Lua doubles cannot tell 2^53 + 1 from 2^53, so a double compare stops here.
    NextId ids = pottery.nextId(key.name());
    storeOnEveryMaster(servers, ids.redisKey(), "9007199254740988");
    List<Long> got = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      got.add(ids.nextLong());
    }
    List<Long> expected = new ArrayList<>();
    for (long id = 9007199254740989L; id <= 9007199254741000L; id++) {
      expected.add(id);
    }
    assertThat(got).isEqualTo(expected);
    awaitStoredEverywhere(servers, ids.redisKey(), "9007199254741000");
    System.out.printf("NEXTID-RESULT ids issued past 2^53: %d of %d%n",
        got.stream().filter(id -> id > 9007199254740992L).count(), got.size());
  }

  @MatrixTest
  void theSequenceEndsAtLongMaxValueWithAClearError(Pottery pottery, TestKey key, RedisServers servers)
      throws Exception {
    NextId ids = pottery.nextId(key.name());
    storeOnEveryMaster(servers, ids.redisKey(), Long.toString(Long.MAX_VALUE - 3));
    assertThat(ids.nextLong()).isEqualTo(Long.MAX_VALUE - 2);
    assertThat(ids.nextLong()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(ids.hasNext()).isTrue();
    assertThat(ids.nextLong()).isEqualTo(Long.MAX_VALUE);
    long start = System.nanoTime();
    assertThatThrownBy(ids::nextLong).isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining(ids.redisKey()).hasMessageContaining("Long.MAX_VALUE");
    // Retrying would take at least the command timeout (2 s by default); this instance knows without asking.
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms to say so").isLessThan(2000);
    assertThat(ids.hasNext()).isFalse();
    awaitStoredEverywhere(servers, ids.redisKey(), Long.toString(Long.MAX_VALUE));
    // Another instance that never saw the top learns it from the masters' refusals, and says the same.
    NextId other = pottery.nextId(key.name());
    assertThatThrownBy(other::nextLong).isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining(ids.redisKey()).hasMessageContaining("Long.MAX_VALUE");
    assertThat(stored(servers, ids.redisKey())).containsOnly(Long.toString(Long.MAX_VALUE));
  }

  @MatrixTest
  void callersSharingTheLastRoundBelowLongMaxValueGetWhatIsLeftAndTheOthersTheError(Pottery pottery, TestKey key,
      RedisServers servers) throws Exception {
    NextId ids = pottery.nextId(key.name());
    storeOnEveryMaster(servers, ids.redisKey(), Long.toString(Long.MAX_VALUE - 2));
    int threads = 6;
    List<Object> outcomes = Race.run(threads, Duration.ofSeconds(30), thread -> {
      try {
        return ids.nextLong();
      } catch (NoSuchElementException e) {
        return e;
      }
    });
    List<Long> issued = new ArrayList<>();
    int exhausted = 0;
    for (Object outcome : outcomes) {
      if (outcome instanceof Long id) {
        issued.add(id);
      } else {
        assertThat((Throwable) outcome).isInstanceOf(NoSuchElementException.class).hasMessageContaining("Long.MAX_VALUE");
        exhausted++;
      }
    }
    assertThat(issued).containsExactlyInAnyOrder(Long.MAX_VALUE - 1, Long.MAX_VALUE);
    assertThat(exhausted).isEqualTo(threads - 2);
  }

  @MatrixTest
  void aStoredValueThatIsNotADecimalIdFailsAtOnceNamingKeyMasterAndValue(Pottery pottery, TestKey key,
      RedisServers servers) {
    NextId ids = pottery.nextId(key.name());
    // Garbage, Python's exponent form (from 1e17), non-canonical forms, and a value past Long.MAX_VALUE.
    for (String bad : List.of("tweet", "1e+17", "007", "-5", " 5", "5.0", "", "9223372036854775808",
        "99999999999999999999")) {
      storeOnEveryMaster(servers, ids.redisKey(), bad);
      long start = System.nanoTime();
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(ids::nextLong);
      // "... answered nextid:<key> with an error ...: <master> (error: NOTANID the stored value "<bad>" is not a
      // decimal id ...)": the key, each master and what it holds.
      assertThat(thrown).as("stored \"%s\"", bad).isInstanceOf(io.pottery.QuorumNotAchieved.class)
          .hasMessageContaining("too many masters answered " + ids.redisKey() + " with an error")
          .hasMessageMatching("(?s).*redis://[^ ]+ \\(error: NOTANID " + java.util.regex.Pattern.quote(
              "the stored value \"" + bad + "\" is not a decimal id from 0 to 9223372036854775807") + ".*");
      if (bad.equals("tweet")) {
        System.out.println("NEXTID-RESULT garbage message: " + thrown.getMessage());
      }
      // Retrying would take at least the command timeout (2 s by default): failing at once takes one round.
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms to fail on \"%s\"", bad).isLessThan(2000);
      assertThat(stored(servers, ids.redisKey())).as("left as it was").containsOnly(bad);
    }
  }

  @MatrixTest
  void theDefaultKeyIsPythonsCurrent(Pottery pottery) {
    assertThat(pottery.nextId().key()).isEqualTo("current");
    assertThat(pottery.nextId().redisKey()).isEqualTo("nextid:current");
  }

  @MatrixTest
  void twoInstancesOnOneKeyNeverRepeatAnIdAndKeepIncreasing(Pottery pottery, TestKey key) {
    NextId a = pottery.nextId(key.name());
    NextId b = pottery.nextId(key.name());
    long last = 0;
    for (int i = 0; i < 50; i++) {
      long id = (i % 3 == 0 ? b : a).nextLong();
      assertThat(id).isGreaterThan(last);
      last = id;
    }
  }

  @MatrixTest
  void continuesASequencePythonWroteAndPythonContinuesJavas(Pottery pottery, TestKey key, RedisServers servers) {
    String redisKey = "nextid:" + key.name();
    for (RedisServer server : servers.all()) {
      try (RawRedis raw = server.client()) {
        raw.call("SET", redisKey, "41");
      }
    }
    NextId ids = pottery.nextId(key.name());
    assertThat(ids.nextLong()).isEqualTo(42);
    assertThat(ids.nextLong()).isEqualTo(43);
    assertThat(pythonNextId(servers, redisKey)).isEqualTo(44);
    // A Python process that read a stale value proposes an id Java already issued: refused.
    assertThat(pythonPropose(servers, redisKey, 43)).isNull();
    assertThat(ids.nextLong()).isEqualTo(45);
    assertThat(pythonNextId(servers, redisKey)).isEqualTo(46);
  }

  @MatrixTest
  void resetStartsTheSequenceAgain(Pottery pottery, TestKey key, RedisServers servers) {
    NextId ids = pottery.nextId(key.name());
    ids.nextLong();
    ids.nextLong();
    ids.reset();
    assertThat(stored(servers, ids.redisKey())).containsOnlyNulls();
    assertThat(ids.nextLong()).isEqualTo(1);
  }

  @MatrixTest
  void oneRoundPerIdForALoneCaller(Pottery pottery, TestKey key, RedisServers servers) throws Exception {
    NextId ids = pottery.nextId(key.name());
    long first = ids.nextLong(); // loads the script (EVALSHA, NOSCRIPT, EVAL) on a fresh server
    try (RawRedis raw = servers.get(2).client()) {
      // A round returns at a quorum: the slowest master may still run its script afterwards. Count on this master
      // only once it ran every script of the calls counted, or a straggler lands on the wrong side of RESETSTAT or
      // after the counts are read (seen on a loaded machine: 44 of 100 scripts run when the counts were read).
      awaitStoredOn(raw, ids.redisKey(), first);
      raw.call("CONFIG", "RESETSTAT");
      long last = first;
      for (int i = 0; i < 100; i++) {
        last = ids.nextLong();
      }
      awaitStoredOn(raw, ids.redisKey(), last);
      // One script per id on each master, and no read round before it (GETs inside the script count once). Both
      // counts from one snapshot: a round's straggler (on another pooled socket) may still run a script between two
      // reads (seen on a loaded machine: 99 GETs, then 100 EVALSHAs).
      long[] counts = CommandStats.callsTogether(raw, "evalsha", "get");
      assertThat(counts[0]).as("EVALSHA").isLessThanOrEqualTo(100);
      assertThat(counts[1]).as("GET inside the scripts").isEqualTo(counts[0]);
    }
  }

  /** Waits until one master holds {@code id}, reading with GETRANGE so that the GET statistics stay the script's. */
  private static void awaitStoredOn(RawRedis raw, String redisKey, long id) throws InterruptedException {
    byte[] expected = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    long until = System.nanoTime() + 2_000_000_000L;
    while (!java.util.Arrays.equals((byte[]) raw.call("GETRANGE", redisKey, "0", "-1"), expected)
        && System.nanoTime() < until) {
      Thread.sleep(2);
    }
    assertThat((byte[]) raw.call("GETRANGE", redisKey, "0", "-1")).isEqualTo(expected);
  }

  @MatrixTest
  void threadsGetUniqueIdsEachSeriesStrictlyIncreasingAndShareRounds(Pottery pottery, TestKey key, RedisServers servers)
      throws Exception {
    int threads = 8;
    int perThread = 100;
    NextId ids = pottery.nextId(key.name());
    ids.nextLong();
    List<Long> all = new ArrayList<>();
    // On a cluster cell the first master is the cluster: its statistics are summed over its nodes.
    CommandStats.reset(servers.get(0));
    List<List<Long>> series = Race.run(threads, Duration.ofSeconds(60), thread -> {
      List<Long> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(ids.nextLong());
      }
      return mine;
    });
    for (List<Long> mine : series) {
      for (int i = 1; i < mine.size(); i++) {
        assertThat(mine.get(i)).isGreaterThan(mine.get(i - 1));
      }
      all.addAll(mine);
    }
    Set<Long> unique = new HashSet<>(all);
    assertThat(unique).hasSize(threads * perThread);
    assertThat(CommandStats.calls(servers.get(0), "evalsha")).as("rounds shared by waiting callers")
        .isLessThan(threads * perThread);
  }
}
