package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.RedisConnectionException;
import io.pottery.RedisCounter;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.Redlock;
import io.pottery.testkit.ClientKillRecipe;
import io.pottery.testkit.FaultProxy;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A non-idempotent command whose reply is lost is never run twice: every non-idempotent operation of every
 * structure runs {@value #TRIALS} times per driver behind a {@link FaultProxy} that drops the connection right
 * after Redis answered the operation's write (FIN and RST in turn), and each time the operation must have been
 * applied exactly once and the call must throw "outcome unknown" naming the key and the server. A pop whose own
 * reply was lost must have removed that one element only.
 *
 * <p>How "applied once" is judged: each operation also runs once, and twice, without faults on a control key
 * from the same starting state; the faulted key's state must equal the once-state (for {@code set.pop}, whose
 * element is random, the size is compared). Before the fix, Lettuce's single-server path resent the command
 * after reconnecting, and the call returned normally with the twice-state.
 *
 * <p>The dimensions are narrowed on purpose: one codec (Jackson), since a codec only turns values into bytes
 * and cannot make a driver resend; and standalone servers only, since the proxy cannot sit in front of a
 * cluster node (nodes announce their own addresses, so a cluster client would bypass it) and both cluster
 * paths already fail such commands "outcome unknown" (tested by {@code ClusterDriverContract} and
 * {@code LettuceClusterFaultTest}). Redlock and NextId run through the same proxy; their quorum layer counts the
 * lost reply as a failed vote, so the caller sees a refused lock or a later id, never a second run.
 */
@WithRedis(controllable = true)
class LostReplyTest {
  private static final int TRIALS = 20;
  private static final int WORKERS = 6;
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  /** One non-idempotent operation: how to set up its state, run it, and read the state back. */
  private record Op(String name, Set<String> commands, Consumer<Structures> setUp, Function<Structures, Object> act,
      Function<Structures, String> state) {}

  /** The structures of one key, through one Pottery. */
  private record Structures(Pottery pottery, String key) {
    RedisCounter<String> counter() {
      return pottery.counter(key, String.class);
    }

    RedisDeque<String> deque() {
      return pottery.deque(key, String.class);
    }

    RedisDeque<String> bounded() {
      return pottery.deque(key, String.class, 3);
    }

    RedisList<String> list() {
      return pottery.list(key, String.class);
    }

    RedisSet<String> set() {
      return pottery.set(key, String.class);
    }

    RedisMap<String, Integer> map() {
      return pottery.map(key, String.class, Integer.class);
    }
  }

  private static final Set<String> SCRIPT = Set.of("EVALSHA", "EVAL");

  private static Set<String> commands(String... names) {
    Set<String> all = new java.util.HashSet<>(SCRIPT);
    all.addAll(List.of(names));
    return all;
  }

  private static List<Op> operations() {
    List<Op> ops = new ArrayList<>();
    // RedisCounter
    Consumer<Structures> counts = s -> {
      s.counter().clear();
      s.counter().add(Map.of("home", 5L, "away", 2L));
    };
    Function<Structures, String> counterState = s -> new TreeMap<>(s.counter().asMap()).toString();
    ops.add(new Op("counter.increment(e)", commands("HINCRBY"), counts, s -> s.counter().increment("home"), counterState));
    ops.add(new Op("counter.increment(e, 3)", commands("HINCRBY"), counts, s -> s.counter().increment("home", 3), counterState));
    ops.add(new Op("counter.add(map)", commands(), counts, s -> run(() -> s.counter().add(Map.of("home", 2L, "new", 1L))), counterState));
    ops.add(new Op("counter.add(iterable)", commands(), counts, s -> run(() -> s.counter().add(List.of("home", "x"))), counterState));
    ops.add(new Op("counter.subtract(map)", commands(), counts, s -> run(() -> s.counter().subtract(Map.of("home", 1L))), counterState));
    ops.add(new Op("counter.subtract(iterable)", commands(), counts, s -> run(() -> s.counter().subtract(List.of("away"))), counterState));
    ops.add(new Op("counter.plusInPlace", commands(), counts, s -> run(() -> s.counter().plusInPlace(Map.of("home", 1L))), counterState));
    ops.add(new Op("counter.minusInPlace", commands(), counts, s -> run(() -> s.counter().minusInPlace(Map.of("home", 1L))), counterState));
    // RedisDeque, unbounded and bounded
    Consumer<Structures> abc = s -> {
      s.deque().clear();
      s.deque().addAll(List.of("a", "b", "c", "a"));
    };
    Consumer<Structures> ab = s -> {
      s.deque().clear();
      s.deque().addAll(List.of("a", "b"));
    };
    Function<Structures, String> dequeState = s -> List.copyOf(s.deque()).toString();
    ops.add(new Op("deque.addLast", commands("RPUSH"), abc, s -> run(() -> s.deque().addLast("z")), dequeState));
    ops.add(new Op("deque.addFirst", commands("LPUSH"), abc, s -> run(() -> s.deque().addFirst("z")), dequeState));
    ops.add(new Op("deque.offerLast", commands("RPUSH"), abc, s -> s.deque().offerLast("z"), dequeState));
    ops.add(new Op("deque.push", commands("LPUSH"), abc, s -> run(() -> s.deque().push("z")), dequeState));
    ops.add(new Op("deque.addAll", commands("RPUSH"), abc, s -> s.deque().addAll(List.of("y", "z")), dequeState));
    ops.add(new Op("deque.pollFirst", commands("LPOP"), abc, s -> s.deque().pollFirst(), dequeState));
    ops.add(new Op("deque.pollLast", commands("RPOP"), abc, s -> s.deque().pollLast(), dequeState));
    ops.add(new Op("deque.pop", commands("LPOP"), abc, s -> s.deque().pop(), dequeState));
    ops.add(new Op("deque.removeFirstOccurrence", commands("LREM"), abc, s -> s.deque().removeFirstOccurrence("a"), dequeState));
    ops.add(new Op("deque.removeLastOccurrence", commands("LREM"), abc, s -> s.deque().removeLastOccurrence("a"), dequeState));
    ops.add(new Op("deque.rotate(1)", commands(), abc, s -> run(() -> s.deque().rotate(1)), dequeState));
    ops.add(new Op("boundedDeque.addLast", commands(), ab, s -> run(() -> s.bounded().addLast("z")), dequeState));
    ops.add(new Op("boundedDeque.addFirst", commands(), ab, s -> run(() -> s.bounded().addFirst("z")), dequeState));
    // RedisList
    Function<Structures, String> listState = s -> List.copyOf(s.list()).toString();
    ops.add(new Op("list.add", commands("RPUSH"), abc, s -> s.list().add("z"), listState));
    ops.add(new Op("list.add(0, x)", commands(), abc, s -> run(() -> s.list().add(0, "z")), listState));
    ops.add(new Op("list.addAll(1, xs)", commands(), abc, s -> s.list().addAll(1, List.of("y", "z")), listState));
    ops.add(new Op("list.remove(0)", commands(), abc, s -> s.list().remove(0), listState));
    ops.add(new Op("list.remove(object)", commands("LREM"), abc, s -> s.list().remove("a"), listState));
    ops.add(new Op("list.subList(0, 1).clear", commands(), abc, s -> run(() -> s.list().subList(0, 1).clear()), listState));
    ops.add(new Op("list.replaceAll", commands(), abc, s -> run(() -> s.list().replaceAll(e -> e + "!")), listState));
    // RedisSet: SPOP takes a random member, so only the size tells one pop from two
    ops.add(new Op("set.pop", commands("SPOP"), s -> {
      s.set().clear();
      s.set().addAll(List.of("a", "b", "c"));
    }, s -> s.set().pop(), s -> "size " + s.set().size()));
    // RedisMap: compare-and-set operations
    Consumer<Structures> tel = s -> {
      s.map().clear();
      s.map().putAll(Map.of("jack", 10, "jill", 20));
    };
    Function<Structures, String> mapState = s -> new TreeMap<>(s.map()).toString();
    ops.add(new Op("map.merge", commands(), tel, s -> s.map().merge("jack", 1, Integer::sum), mapState));
    ops.add(new Op("map.compute", commands(), tel, s -> s.map().compute("jack", (k, v) -> v == null ? 1 : v + 1), mapState));
    ops.add(new Op("map.computeIfPresent", commands(), tel, s -> s.map().computeIfPresent("jack", (k, v) -> v + 1), mapState));
    // replaceAll is one compare-and-set per entry, not atomic as a whole: one entry, so one lost reply ends it
    Consumer<Structures> jack = s -> {
      s.map().clear();
      s.map().put("jack", 10);
    };
    ops.add(new Op("map.replaceAll", commands(), jack, s -> run(() -> s.map().replaceAll((k, v) -> v + 1)), mapState));
    ops.add(new Op("map.replace(k, old, new)", commands(), tel, s -> s.map().replace("jack", 10, 11), mapState));
    ops.add(new Op("map.remove(k, v)", commands(), tel, s -> s.map().remove("jack", 10), mapState));
    return ops;
  }

  private static Object run(Runnable action) {
    action.run();
    return null;
  }

  /** What happened over all trials of one driver. */
  private static final class Tally {
    final Map<String, Integer> doubles = new LinkedHashMap<>();
    final Map<String, Integer> extraRemoved = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    int trials;

    void count(Map<String, Integer> counts, String op, int n) {
      if (n != 0) {
        counts.merge(op, n, Integer::sum);
      }
    }

    int total(Map<String, Integer> counts) {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void everyNonIdempotentOperationRunsOnceWhenItsReplyIsLost(String driver, RedisServer server) throws Exception {
    Tally tally = new Tally();
    long started = System.nanoTime();
    List<Op> ops = operations();
    // Workers of their own (proxy, Pottery, operations): most of a Lettuce trial is the wait for its reconnect
    // (Lettuce's timer ticks every 100 ms), which the workers overlap.
    List<Thread> workers = new ArrayList<>();
    List<Throwable> crashes = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < WORKERS; w++) {
      List<Op> mine = new ArrayList<>();
      for (int i = w; i < ops.size(); i += WORKERS) {
        mine.add(ops.get(i));
      }
      Thread worker = new Thread(() -> {
        try {
          runTrials(driver, server, mine, tally);
        } catch (Throwable t) {
          crashes.add(t);
        }
      }, "lost-reply-" + driver + "-" + w);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("LostReplyTest %s: %d trials over %d operations in %d ms; double applications %d %s; "
            + "elements removed beyond the one whose reply was lost %d %s; other problems %d%n", driver, tally.trials,
        ops.size(), millis, tally.total(tally.doubles), tally.doubles, tally.total(tally.extraRemoved),
        tally.extraRemoved, tally.problems.size());
    tally.problems.stream().limit(20).forEach(p -> System.out.println("  " + p));
    assertThat(crashes).as("workers that crashed").isEmpty();
    assertThat(tally.trials).isEqualTo(ops.size() * TRIALS);
    assertThat(tally.doubles).as("double applications per operation (%s)", driver).isEmpty();
    assertThat(tally.extraRemoved).as("elements removed beyond the one whose reply was lost (%s)", driver).isEmpty();
    assertThat(tally.problems).as("other problems (%s)", driver).isEmpty();
  }

  private static void runTrials(String driver, RedisServer server, List<Op> ops, Tally tally) {
    try (FaultProxy proxy = FaultProxy.to(server); Pottery pottery = connect(proxy.uri(), driver);
        Pottery direct = connect(server.uri(), driver)) {
      for (Op op : ops) {
        String base = TestKey.forTest("lost-" + op.name().replaceAll("[^A-Za-z0-9]", "")).name();
        Structures control = new Structures(direct, base + ":control");
        op.setUp().accept(control);
        String before = op.state().apply(control);
        op.act().apply(control); // also loads its scripts, so no NOSCRIPT reply is what the proxy drops
        String once = op.state().apply(control);
        op.act().apply(control);
        String twice = op.state().apply(control);
        assertThat(once).as("%s changes its state", op.name()).isNotEqualTo(before);
        Structures faulted = new Structures(pottery, base);
        for (int i = 0; i < TRIALS; i++) {
          op.setUp().accept(faulted);
          FaultProxy.Close how = i % 2 == 0 ? FaultProxy.Close.FIN : FaultProxy.Close.RST;
          FaultProxy.Fault fault = proxy.dropReplyTo(args -> carriesKey(args, base, op.commands()), op.name(), how);
          RuntimeException thrown = null;
          try {
            op.act().apply(faulted);
          } catch (RuntimeException e) {
            thrown = e;
          }
          fault.cancel();
          String after = op.state().apply(faulted);
          synchronized (tally) {
            tally.trials++;
            judge(tally, op, how, fault, thrown, before, once, twice, after, base, proxy.port());
          }
        }
      }
    }
  }

  private static void judge(Tally tally, Op op, FaultProxy.Close how, FaultProxy.Fault fault, RuntimeException thrown,
      String before, String once, String twice, String after, String key, int port) {
    if (!fault.fired()) {
      tally.problems.add(op.name() + ": no reply was dropped; the operation sent none of " + op.commands());
      return;
    }
    if (after.equals(twice) && !twice.equals(once)) {
      tally.count(tally.doubles, op.name(), 1);
      if (op.name().contains("pop") || op.name().contains("poll") || op.name().contains("remove(0)")) {
        tally.count(tally.extraRemoved, op.name(), 1);
      }
    } else if (!after.equals(once)) {
      tally.problems.add(op.name() + " (" + how + "): state " + after + ", expected " + once + " (before " + before + ")");
    }
    if (thrown == null) {
      tally.problems.add(op.name() + " (" + how + "): returned normally although its reply was lost");
    } else if (!(thrown instanceof RedisConnectionException) || !thrown.getMessage().contains("outcome unknown")
        || !thrown.getMessage().contains(key) || !thrown.getMessage().contains(":" + port)) {
      tally.problems.add(op.name() + " (" + how + "): threw " + thrown + "; expected a RedisConnectionException "
          + "saying \"outcome unknown\" with the key and the server");
    }
  }

  /**
   * Redlock's acquire and NextId's propose are non-idempotent scripts too; behind the proxy their quorum (one
   * master here) counts the lost reply as a failed vote: the lock is not reported held (and is released), the
   * fencing counter moved once per acquisition, and NextId's ids stay unique and increasing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void quorumWritesWhoseReplyIsLostAreNotRunTwice(String driver, RedisServer server) throws Exception {
    String key = TestKey.forTest("lost-quorum").name();
    try (FaultProxy proxy = FaultProxy.to(server); Pottery pottery = connect(proxy.uri(), driver)) {
      Redlock lock = pottery.redlock(key);
      assertThat(lock.tryLock()).isTrue(); // loads the scripts
      lock.unlock();
      NextId ids = pottery.nextId(key);
      long last = ids.nextLong();
      String fence = "{redlock:" + key + "}:fence";
      for (int i = 0; i < TRIALS; i++) {
        long fenceBefore = fence(server, fence);
        FaultProxy.Fault fault = proxy.dropReplyTo(args -> carriesKey(args, "redlock:" + key, SCRIPT), "acquire",
            i % 2 == 0 ? FaultProxy.Close.FIN : FaultProxy.Close.RST);
        boolean held = lock.tryLock();
        fault.cancel();
        assertThat(fault.fired()).isTrue();
        assertThat(held).as("a lock whose only vote was lost is not held").isFalse();
        assertThat(fence(server, fence) - fenceBefore).as("acquisitions counted by the fencing counter").isEqualTo(1);
        server.client().call("DEL", "redlock:" + key); // the undo is sent without waiting and may be lost too

        FaultProxy.Fault propose = proxy.dropReplyTo(args -> carriesKey(args, "nextid:" + key, SCRIPT), "propose",
            i % 2 == 0 ? FaultProxy.Close.FIN : FaultProxy.Close.RST);
        long id = nextIdSoon(ids);
        propose.cancel();
        assertThat(propose.fired()).isTrue();
        assertThat(id).isGreaterThan(last);
        last = id;
      }
    }
  }

  /**
   * The issue's own recipe, without a proxy: freeze Redis, call, queue CLIENT KILL, thaw. The command ran at most
   * once, and when the driver saw its connection drop with the command unanswered the call says "outcome
   * unknown" (if Redis happened to kill the connection before reading the command, nothing ran and the call may
   * also succeed after a resend).
   */
  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void clientKillOfAFrozenServerNeverRunsAnIncrementOrPopTwice(String driver, RedisServer server) {
    String key = TestKey.forTest("lost-kill").name();
    try (Pottery pottery = connect(server.uri(), driver)) {
      RedisCounter<String> counter = pottery.counter(key + ":counter", String.class);
      RedisDeque<String> deque = pottery.deque(key + ":deque", String.class);
      int ranOnce = 0;
      for (int i = 0; i < 5; i++) {
        long before = counter.increment("home");
        ClientKillRecipe.Outcome<Long> outcome = ClientKillRecipe.run(server, () -> counter.increment("home"));
        long after = counter.count("home");
        assertThat(after - before).as("INCR runs (%s)", outcome).isBetween(0L, 1L);
        if (outcome.failed()) {
          assertThat(outcome.failure()).hasMessageContaining("outcome unknown").hasMessageContaining(key);
        } else {
          assertThat(outcome.value()).isEqualTo(after);
        }
        ranOnce += (int) (after - before);

        deque.clear();
        deque.addAll(List.of("a", "b", "c"));
        ClientKillRecipe.Outcome<String> popped = ClientKillRecipe.run(server, deque::pollFirst);
        int removed = 3 - deque.size();
        assertThat(removed).as("elements removed by one pollFirst (%s)", popped).isBetween(0, 1);
        if (popped.failed()) {
          assertThat(popped.failure()).hasMessageContaining("outcome unknown");
        } else {
          assertThat(popped.value()).isEqualTo("a");
        }
      }
      assertThat(ranOnce).as("tries in which the increment ran and its reply was lost").isPositive();
    }
  }

  /**
   * A command issued while the connection is down was never written, so it certainly did not run: it is sent
   * after the reconnect and runs once (Lettuce), or fails saying it could not connect (Jedis), but it is never
   * called "outcome unknown" and never runs twice.
   */
  @ParameterizedTest
  @ValueSource(strings = {"jedis", "lettuce"})
  void aCommandIssuedWhileDisconnectedRunsOnceOrNotAtAll(String driver, RedisServer server) throws Exception {
    String key = TestKey.forTest("lost-disconnected").name();
    try (FaultProxy proxy = FaultProxy.to(server); Pottery pottery = connect(proxy.uri(), driver)) {
      RedisCounter<String> counter = pottery.counter(key, String.class);
      for (int i = 0; i < 10; i++) {
        long before = counter.increment("home");
        proxy.rejectConnections(true);
        proxy.disconnectAll(i % 2 == 0 ? FaultProxy.Close.FIN : FaultProxy.Close.RST);
        Thread.sleep(50); // the client notices the drop and starts reconnecting, in vain
        java.util.concurrent.CompletableFuture<Long> call = java.util.concurrent.CompletableFuture.supplyAsync(
            () -> counter.increment("home"));
        Thread.sleep(150);
        proxy.rejectConnections(false);
        long after;
        try {
          long value = call.get();
          after = counter.count("home");
          assertThat(value).isEqualTo(after);
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(RedisConnectionException.class);
          if (driver.equals("lettuce")) {
            // Lettuce knows the connection is down and holds the command back; Jedis writes it to a pooled socket
            // whose peer has gone, and cannot know that it never arrived.
            assertThat(e.getCause().getMessage()).as("a command that was never sent").doesNotContain("outcome unknown");
          }
          after = counter.count("home");
        }
        assertThat(after - before).as("runs of an increment issued while disconnected").isBetween(0L, 1L);
        if (driver.equals("lettuce")) {
          assertThat(after - before).as("Lettuce sends it after the reconnect").isEqualTo(1L);
        }
      }
    }
  }

  /**
   * The next id; the call whose proposal was lost fails (its one master's vote is unknown), and so do calls made
   * until the driver has reconnected, so tries go on for up to 3 s.
   */
  private static long nextIdSoon(NextId ids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (true) {
      try {
        return ids.nextLong();
      } catch (io.pottery.QuorumNotAchieved e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static long fence(RedisServer server, String key) {
    Object value = server.client().call("GET", key);
    return value == null ? 0 : Long.parseLong(new String((byte[]) value, StandardCharsets.UTF_8));
  }

  /** Whether a request is one of {@code commands} and names {@code key} (exactly) among its arguments. */
  private static boolean carriesKey(List<byte[]> args, String key, Set<String> commands) {
    if (args.isEmpty() || !commands.contains(new String(args.get(0), StandardCharsets.UTF_8).toUpperCase())) {
      return false;
    }
    byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 1; i < args.size(); i++) {
      if (java.util.Arrays.equals(args.get(i), wanted)) {
        return true;
      }
    }
    return false;
  }

  private static Pottery connect(String uri, String driver) {
    return Pottery.builder().masters(uri).driver(driver).codec("jackson").commandTimeout(COMMAND_TIMEOUT).build();
  }
}
