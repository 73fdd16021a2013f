package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.RedisMap;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Ten thousand virtual threads share one {@link Pottery} (three masters: Redlock and NextId use the quorum, the
 * map lives on the first master) and contend on Redlock over ten keys, on NextId and on a RedisMap, through the
 * public blocking API only: no deadlock (each part ends within {@link #BOUND} or fails with the stacks of the
 * threads still running), no lost update, no two holders of one lock at once, no duplicate id. Each structure
 * has its own part, and a last part has every thread use all three.
 *
 * <p>The project compiles with {@code --release 17}, so virtual threads are reached by reflection
 * ({@code Thread.ofVirtual()}); on a JDK without them the class is skipped by an assumption that says so. The
 * default CI run (JDK 17) therefore skips it; {@code .ci/jdk25} runs it on JDK 25 in the cells it selects
 * (jedis × jackson and lettuce × gson, standalone): the driver is what matters here (Jedis's bounded pool on the
 * calling thread, Lettuce's one multiplexed connection), the codec hardly.
 *
 * <p>Each part records JFR {@code jdk.VirtualThreadPinned} events and prints how many, without asserting a
 * number: since JDK 24 {@code synchronized} no longer pins, but native frames and class initialisation still may.
 */
@WithRedis(masters = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualThreadContentionTest {

  /** How many virtual threads each part starts, all released at once. */
  static final int THREADS = 10_000;

  /** Redlock keys; each guards its own counters. */
  static final int LOCK_KEYS = 10;

  /**
   * Redlock instances per key: threads sharing an instance wait for each other in the JVM, instances contend on
   * Redis (ten per key, so 100 instances retry on the masters while 9,900 threads wait locally).
   */
  static final int INSTANCES_PER_KEY = 10;

  /**
   * The locks' auto-release time. A holder's two map calls queue for a Jedis socket behind thousands of threads
   * in the combined part; past the default 10 s lease a second holder would be legitimate (the first one's lease
   * expired), so the lease is made long enough that two holders at once can only mean broken exclusion.
   */
  static final Duration LEASE = Duration.ofSeconds(60);

  /** NextId instances on one key: callers of one instance share rounds, instances contend on the masters. */
  static final int NEXT_ID_INSTANCES = 4;

  /** Ids each thread asks for, in a row, so that each caller's series can be checked to increase. */
  static final int IDS_PER_THREAD = 2;

  /**
   * How long one part may take before it counts as hung. A part took 0.3 s (NextId) to 11 s (all three, Jedis)
   * on a 2-core machine at load average 18 (see the {@code VT-RESULT} lines); 180 s leaves a slower CI machine
   * 16 times that, while a deadlock still fails the build in minutes rather than never, with the stacks of the
   * stuck threads.
   */
  static final Duration BOUND = Duration.ofSeconds(180);

  /** {@code Thread.ofVirtual().name(prefix, 0).factory()}, looked up by reflection; JDK 21+. */
  private MethodHandle virtualFactory;

  /**
   * The command timeout a user running this many threads sets. Jedis runs a command on the calling thread with a
   * socket from its pool of 16, and a caller waits for a free socket at most the command timeout (default 2 s):
   * with 10,000 threads at once the last in line wait for about the whole part, so with the default about 40% of
   * the map part's threads failed (3,938 of 10,000 in one run) with "No connection ... became free for EVALSHA
   * ... within 2000 ms: all 16 pooled connections were busy; ... raise Pottery.builder().commandTimeout".
   * Waiting in line is the point here, not an error; the bound on each part is {@link #BOUND}, not this.
   */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** One {@code Pottery} for the cell, on the class's three masters, as a user with many threads would build it. */
  static Pottery connect(RedisServers servers, MatrixCell cell) {
    return Pottery.builder().masters(servers.uris()).driver(cell.driver()).codec(cell.codec())
        .commandTimeout(COMMAND_TIMEOUT).build();
  }

  @BeforeAll
  void requireVirtualThreads() {
    MethodHandle found = null;
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      MethodHandle builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
      MethodHandle name =
          lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class, long.class));
      MethodHandle factory = lookup.findVirtual(ofVirtual, "factory", MethodType.methodType(ThreadFactory.class));
      // (prefix) -> Thread.ofVirtual().name(prefix, 0).factory()
      MethodHandle named = MethodHandles.insertArguments(MethodHandles.collectArguments(name, 0, builder), 1, 0L);
      found = MethodHandles.filterReturnValue(named, factory);
    } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
      found = null;
    }
    assumeTrue(found != null, "virtual threads (Thread.ofVirtual) need JDK 21 or later; this is JDK "
        + Runtime.version() + ", so the virtual-thread contention test is skipped (.ci/jdk25 runs it)");
    virtualFactory = found;
  }

  @MatrixTest
  void tenKeysOfRedlockGuardNonAtomicUpdatesWithOneHolderAtATime(RedisServers servers, TestKey key, MatrixCell cell)
      throws Throwable {
    try (Pottery pottery = connect(servers, cell)) {
      LockedTotals totals = new LockedTotals(pottery, key.derived("redlock"));
      run("redlock", cell, totals::work).assertCompleted();
      totals.check();
    }
  }

  @MatrixTest
  void nextIdGivesDistinctIdsIncreasingPerCaller(RedisServers servers, TestKey key, MatrixCell cell) throws Throwable {
    try (Pottery pottery = connect(servers, cell)) {
      Ids ids = new Ids(pottery, key.derived("nextid"));
      run("nextid", cell, ids::work).assertCompleted();
      ids.check();
    }
  }

  @MatrixTest
  void mapUpdatesOfDistinctFieldsAreAllThere(RedisServers servers, TestKey key, MatrixCell cell) throws Throwable {
    try (Pottery pottery = connect(servers, cell)) {
      Fields fields = new Fields(pottery, key.derived("map"));
      run("map", cell, fields::work).assertCompleted();
      fields.check();
    }
  }

  /** Each thread takes its lock, then an id, then updates its field: the three contend with each other too. */
  @MatrixTest
  void allThreeAtOnceOnOnePottery(RedisServers servers, TestKey key, MatrixCell cell) throws Throwable {
    try (Pottery pottery = connect(servers, cell)) {
      LockedTotals totals = new LockedTotals(pottery, key.derived("redlock"));
      Ids ids = new Ids(pottery, key.derived("nextid"));
      Fields fields = new Fields(pottery, key.derived("map"));
      run("all three", cell, thread -> {
        totals.work(thread);
        ids.work(thread);
        fields.work(thread);
      }).assertCompleted();
      totals.check();
      ids.check();
      fields.check();
    }
  }

  /**
   * Ten Redlock keys, each guarding a read-modify-write of one RedisMap field and of one in-JVM counter. Thread
   * {@code t} uses key {@code t % 10} through one of {@link #INSTANCES_PER_KEY} instances of it. Under the lock it
   * also checks that its fencing token is above the previous holder's of the same key.
   */
  static final class LockedTotals {
    private final RedisMap<String, Integer> totals;
    private final List<List<Redlock>> locks = new ArrayList<>();
    // Read and written with plain get and set (volatile, so visibility is not in question): a read-modify-write
    // that loses updates as soon as two threads run it at once, which only the lock prevents.
    private final AtomicIntegerArray inJvm = new AtomicIntegerArray(LOCK_KEYS);
    private final AtomicIntegerArray holders = new AtomicIntegerArray(LOCK_KEYS);
    private final AtomicIntegerArray maxHolders = new AtomicIntegerArray(LOCK_KEYS);
    private final AtomicLongArray lastToken = new AtomicLongArray(LOCK_KEYS);
    private final AtomicIntegerArray tokensNotIncreasing = new AtomicIntegerArray(LOCK_KEYS);

    LockedTotals(Pottery pottery, String key) {
      totals = pottery.map(key + ":totals", String.class, Integer.class);
      for (int k = 0; k < LOCK_KEYS; k++) {
        List<Redlock> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES_PER_KEY; i++) {
          instances.add(pottery.redlockBuilder(key + ":lock" + k).autoRelease(LEASE).build());
        }
        locks.add(instances);
      }
    }

    void work(int thread) {
      int k = thread % LOCK_KEYS;
      Redlock lock = locks.get(k).get((thread / LOCK_KEYS) % INSTANCES_PER_KEY);
      lock.lock();
      try {
        int now = holders.incrementAndGet(k);
        maxHolders.accumulateAndGet(k, now, Math::max);
        long token = lock.fencingToken().orElseThrow();
        if (token <= lastToken.get(k)) {
          tokensNotIncreasing.incrementAndGet(k);
        }
        lastToken.set(k, token);
        String field = "k" + k;
        Integer before = totals.get(field);
        totals.put(field, before == null ? 1 : before + 1);
        inJvm.set(k, inJvm.get(k) + 1);
        holders.decrementAndGet(k);
      } finally {
        lock.unlock();
      }
    }

    void check() {
      Map<String, Integer> one = new LinkedHashMap<>();
      Map<String, Integer> expected = new LinkedHashMap<>();
      Map<String, Integer> inRedis = new LinkedHashMap<>();
      Map<String, Integer> inMemory = new LinkedHashMap<>();
      Map<String, Integer> maxConcurrent = new LinkedHashMap<>();
      Map<String, Integer> zero = new LinkedHashMap<>();
      Map<String, Integer> tokenDecreases = new LinkedHashMap<>();
      for (int k = 0; k < LOCK_KEYS; k++) {
        one.put("k" + k, 1);
        expected.put("k" + k, THREADS / LOCK_KEYS);
        inRedis.put("k" + k, totals.get("k" + k));
        inMemory.put("k" + k, inJvm.get(k));
        maxConcurrent.put("k" + k, maxHolders.get(k));
        zero.put("k" + k, 0);
        tokenDecreases.put("k" + k, tokensNotIncreasing.get(k));
      }
      assertThat(maxConcurrent).as("most holders of one key at once").isEqualTo(one);
      assertThat(inRedis).as("RedisMap totals, one increment per acquisition").isEqualTo(expected);
      assertThat(inMemory).as("in-JVM totals, one increment per acquisition").isEqualTo(expected);
      assertThat(tokenDecreases).as("acquisitions whose fencing token was not above the previous holder's")
          .isEqualTo(zero);
    }
  }

  /**
   * One NextId key through {@link #NEXT_ID_INSTANCES} instances; each thread asks {@link #IDS_PER_THREAD} ids in
   * a row.
   */
  static final class Ids {
    private final List<NextId> generators = new ArrayList<>();
    private final long[][] ids = new long[THREADS][IDS_PER_THREAD];

    Ids(Pottery pottery, String key) {
      for (int i = 0; i < NEXT_ID_INSTANCES; i++) {
        generators.add(pottery.nextId(key));
      }
    }

    void work(int thread) {
      NextId generator = generators.get(thread % NEXT_ID_INSTANCES);
      for (int i = 0; i < IDS_PER_THREAD; i++) {
        ids[thread][i] = generator.nextLong();
      }
    }

    /** Reads what the threads wrote; called after they all ended (join orders their writes before). */
    void check() {
      Set<Long> distinct = new HashSet<>();
      int notIncreasing = 0;
      for (long[] series : ids) {
        for (int i = 0; i < series.length; i++) {
          distinct.add(series[i]);
          if (i > 0 && series[i] <= series[i - 1]) {
            notIncreasing++;
          }
        }
      }
      assertThat(distinct).as("distinct ids of " + THREADS * IDS_PER_THREAD + " calls")
          .hasSize(THREADS * IDS_PER_THREAD);
      assertThat(distinct).as("ids start at 1").allSatisfy(id -> assertThat(id).isPositive());
      assertThat(notIncreasing).as("callers whose next id was not above their previous one").isZero();
    }
  }

  /** One RedisMap; thread {@code t} puts field {@code f<t>} = t, reads it back and puts t + 1. */
  static final class Fields {
    private final RedisMap<String, Integer> map;

    Fields(Pottery pottery, String key) {
      map = pottery.map(key, String.class, Integer.class);
    }

    void work(int thread) {
      String field = "f" + thread;
      Integer previous = map.put(field, thread);
      if (previous != null) {
        throw new AssertionError(field + " held " + previous + " before its first put");
      }
      Integer read = map.get(field);
      map.put(field, read + 1);
    }

    void check() {
      assertThat(map.size()).isEqualTo(THREADS);
      Map<String, Integer> expected = new HashMap<>();
      for (int thread = 0; thread < THREADS; thread++) {
        expected.put("f" + thread, thread + 1);
      }
      assertThat(map.getAll(expected.keySet())).isEqualTo(expected);
    }
  }

  /** One thread's work; {@code thread} is its index, 0 to {@link #THREADS} − 1. */
  interface Work {
    void run(int thread) throws Exception;
  }

  /**
   * Starts {@link #THREADS} virtual threads that wait on one latch, releases them together, and waits for them
   * up to {@link #BOUND}, recording {@code jdk.VirtualThreadPinned} events meanwhile.
   */
  Part run(String name, MatrixCell cell, Work work) throws Throwable {
    ThreadFactory factory = (ThreadFactory) virtualFactory.invoke("vt-" + name + "-");
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>(THREADS);
    Path jfr = Files.createTempFile("vt-" + name, ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      recording.start();
      for (int i = 0; i < THREADS; i++) {
        int index = i;
        Thread thread = factory.newThread(() -> {
          try {
            start.await();
            work.run(index);
          } catch (Throwable e) {
            errors.add(e);
          }
        });
        threads.add(thread);
        thread.start();
      }
      long began = System.nanoTime();
      start.countDown();
      long deadline = began + BOUND.toNanos();
      for (Thread thread : threads) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
      List<Thread> stuck = threads.stream().filter(Thread::isAlive).toList();
      String dump = stuck.isEmpty() ? "" : dump(stuck);
      recording.stop();
      recording.dump(jfr);
      List<RecordedEvent> pinned = RecordingFile.readAllEvents(jfr).stream()
          .filter(event -> event.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
      Part part = new Part(name, cell, millis, stuck.size(), dump, List.copyOf(errors), pinned);
      System.out.println(part.summary());
      return part;
    } finally {
      Files.deleteIfExists(jfr);
    }
  }

  /** The stacks of the stuck threads grouped by identical stack (most common first), and the Pottery threads. */
  static String dump(List<Thread> stuck) {
    Map<String, Integer> byStack = new HashMap<>();
    for (Thread thread : stuck) {
      byStack.merge(stack(thread.getStackTrace()), 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder();
    byStack.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
        .forEach(e -> out.append(e.getValue()).append(" virtual thread(s) at:\n").append(e.getKey()));
    Thread.getAllStackTraces().forEach((thread, frames) -> {
      if (thread.getName().startsWith("pottery")) {
        out.append("platform thread ").append(thread.getName()).append(" (").append(thread.getState()).append("):\n")
            .append(stack(frames));
      }
    });
    return out.toString();
  }

  static String stack(StackTraceElement[] frames) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(frames.length, 30); i++) {
      out.append("    at ").append(frames[i]).append('\n');
    }
    return out.toString();
  }

  /** What one part did: its time, the threads still running at the bound, their errors, the pinned events. */
  record Part(String name, MatrixCell cell, long millis, int stuck, String dump, List<Throwable> errors,
      List<RecordedEvent> pinned) {

    String summary() {
      Map<String, Long> where = pinned.stream().collect(Collectors.groupingBy(Part::where, Collectors.counting()));
      return "VT-RESULT " + name + " [" + cell + "]: " + THREADS + " virtual threads, " + millis + " ms (bound "
          + BOUND.toSeconds() + " s), stuck = " + stuck + ", errors = " + errors.size()
          + ", jdk.VirtualThreadPinned events = " + pinned.size() + (where.isEmpty() ? "" : " " + where);
    }

    /** Why and where a thread was pinned: the reason JDK 24+ records, then the first frame outside java.*. */
    static String where(RecordedEvent event) {
      String reason = event.hasField("pinnedReason") ? event.getString("pinnedReason") + " at " : "";
      return reason + topFrame(event);
    }

    static String topFrame(RecordedEvent event) {
      if (event.getStackTrace() == null) {
        return "?";
      }
      for (RecordedFrame frame : event.getStackTrace().getFrames()) {
        if (frame.isJavaFrame() && !frame.getMethod().getType().getName().startsWith("java.")) {
          return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        }
      }
      return "java.*";
    }

    void assertCompleted() {
      if (stuck > 0) {
        fail(name + ": " + stuck + " of " + THREADS + " virtual threads still running after " + BOUND.toSeconds()
            + " s (deadlock or hang); their stacks:\n" + dump);
      }
      if (!errors.isEmpty()) {
        AssertionError failure = new AssertionError(name + ": " + errors.size() + " of " + THREADS
            + " virtual threads failed; the first: " + errors.get(0));
        errors.stream().limit(3).forEach(failure::addSuppressed);
        throw failure;
      }
    }
  }
}
