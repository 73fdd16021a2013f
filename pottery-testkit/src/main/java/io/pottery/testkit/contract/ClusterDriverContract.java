package io.pottery.testkit.contract;

import static io.pottery.testkit.contract.ReplyAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pottery.CrossSlotException;
import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.HashSlots;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.SelfSignedTls;
import io.pottery.testkit.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link RedisDriver} whose {@link RedisDriver#supportsCluster()} is true must have on a Redis
 * Cluster, as a JUnit 5 test base class in the manner of {@link RedisDriverContract}: subclass it, return a new
 * instance of your driver from {@link #newDriver()}, and every test here runs against real clusters.
 *
 * <pre>{@code
 * class MyClusterDriverTest extends ClusterDriverContract {
 *   @Override protected RedisDriver newDriver() { return new MyDriver(); }
 * }
 * }</pre>
 *
 * <p>It checks the "Clusters" section of {@link RedisConnection}: connecting through {@code redis-cluster://}
 * seeds (a dead seed among them is skipped; only dead seeds give a {@link RedisConnectionException} naming
 * them), with the URI's user and password on every node; the single-server reply types (status replies and
 * bulk strings both as {@code byte[]}, in pipelines and script replies too); keyed commands, {@code executeAsync} included, reaching the owner of their slot on each of the 3
 * masters (read back over each node's own raw client); keys in several slots refused with the exact
 * {@link CrossSlotException} of {@link HashSlots#requireOneSlot} while no node's {@code INFO commandstats}
 * changes, and the same command on {@code {tag}} keys succeeding; pipelines spanning nodes answering in request
 * order with errors in place; {@code EVALSHA} routed by its key and {@code NOSCRIPT} for an unknown script;
 * {@code SCRIPT LOAD} reaching every node, replicas included; {@code FLUSHALL} emptying every master;
 * {@link Command.Builder#routeTo(int)} reaching the slot's owner; {@code WAIT} after a write in a pipeline
 * counting that write's replicas; other keyless commands refused with {@link IllegalArgumentException};
 * {@code WRONGTYPE} thrown as on a single server; no thread left after {@code close()}; a non-idempotent command
 * to a paused master failing within about the command timeout with a {@link RedisConnectionException} that
 * says its outcome is unknown and names the key and the node, and never being sent twice; and an idempotent
 * read, and a pipeline of idempotent reads spanning every master, issued right after a master was killed
 * succeeding once its replica took over, within {@link #FAILOVER_BUDGET}.
 *
 * <p>Most tests use the JVM's shared 3-master cluster ({@link RedisClusters#shared()}) and leave it as found.
 * Tests that need replicas or {@code FLUSHALL} share one 3-master, 3-replica cluster started for the test class;
 * the pause and kill tests start a cluster each and close it. Expect about 10 s of cluster start-up per class.
 *
 * @since 0.2
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClusterDriverContract {
  /** How long an idempotent read may take to succeed after its master was killed; also its command timeout. */
  protected static final Duration FAILOVER_BUDGET = Duration.ofSeconds(10);

  /** How long threads a closed connection started may take to end. */
  protected static final Duration THREAD_GRACE = Duration.ofSeconds(5);

  private static final ConnectionSettings SETTINGS = new ConnectionSettings(Duration.ofSeconds(2), Duration.ofSeconds(2));
  private static final ConnectionSettings SHORT = new ConnectionSettings(Duration.ofSeconds(1), Duration.ofSeconds(1));
  private static final String UNKNOWN_SHA = "ffffffffffffffffffffffffffffffffffffffff";

  private final List<RedisConnection> opened = new ArrayList<>();
  private RedisCluster shared;
  private RedisCluster replicated;
  private RedisConnection connection;
  private String prefix;

  /** A new instance of the driver under test; called once or more per test. */
  protected abstract RedisDriver newDriver();

  /** Opens the connection most tests use, to the shared cluster, and picks this test's key prefix. */
  @BeforeEach
  void openConnection() {
    Topology.assumeSelected(Topology.CLUSTER); // a run narrowed to standalone (the JDK 25 run) leaves this contract out
    shared = RedisClusters.shared();
    assertTrue(newDriver().supportsCluster(), "ClusterDriverContract is for drivers whose supportsCluster() is true");
    connection = connect(shared.seedUri(), SETTINGS);
    prefix = "contract:" + getClass().getSimpleName() + ":" + UUID.randomUUID();
  }

  /** Closes every connection a test opened. */
  @AfterEach
  void closeConnections() {
    for (RedisConnection c : opened) {
      c.close();
    }
    opened.clear();
  }

  /** Stops the class's replicated cluster, if a test started it. */
  @AfterAll
  void closeReplicatedCluster() {
    if (replicated != null) {
      replicated.close();
      replicated = null;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Connecting

  @Test
  void connectsThroughSeedsWithADeadOneAmongThem() throws IOException {
    String seeds = shared.seedUri().substring("redis-cluster://".length());
    String uri = "redis-cluster://127.0.0.1:" + SelfSignedTls.freePort() + "," + seeds;
    RedisConnection c = connect(uri, SETTINGS);
    assertEquals(RedisEndpoint.parse(uri), c.endpoint());
    assertTrue(c.endpoint().cluster());
    for (Map.Entry<RedisServer, String> e : keysOnEveryMaster(shared).entrySet()) {
      assertStatus("OK", c.execute(cmd("SET").key(e.getValue()).arg("v").build()));
      assertArrayEquals(bytes("v"), (byte[]) c.execute(cmd("GET").key(e.getValue()).build()));
    }
  }

  @Test
  void unreachableSeedsFailWithTheEndpoint() throws IOException {
    String uri = "redis-cluster://127.0.0.1:" + SelfSignedTls.freePort() + ",127.0.0.1:" + SelfSignedTls.freePort();
    RedisEndpoint endpoint = RedisEndpoint.parse(uri);
    RedisConnectionException e = assertThrows(RedisConnectionException.class,
        () -> newDriver().connect(endpoint, SETTINGS));
    assertTrue(e.getMessage().contains(endpoint.clusterSeeds().get(0).toString()), e.getMessage());
  }

  @Test
  void credentialsFromTheUriReachEveryNode() {
    RedisCluster cluster = replicated();
    String user = "contract" + UUID.randomUUID().toString().substring(0, 8);
    for (RedisServer node : cluster.nodes()) {
      try (RawRedis raw = cluster.clientFor(node)) {
        raw.call("ACL", "SETUSER", user, "on", ">s3cret", "~" + prefix + "*", "&*", "+@all");
      }
    }
    String hosts = cluster.seedUri().substring("redis-cluster://".length());
    RedisConnection c = connect("redis-cluster://" + user + ":s3cret@" + hosts, SETTINGS);
    for (String key : keysOnEveryMaster(cluster).values()) {
      assertStatus("OK", c.execute(cmd("SET").key(key).arg("v").build()));
      String outside = "outside:" + key;
      RedisErrorException refused = assertThrows(RedisErrorException.class,
          () -> c.execute(cmd("SET").key(outside).arg("v").build()), "the user may only write keys under " + prefix);
      assertEquals("NOPERM", refused.errorCode(), "the connection should act as " + user + ": " + refused.serverMessage());
    }
    assertInstanceOf(byte[].class, c.execute(cmd("SCRIPT").arg("LOAD").arg("return 2").build()));

    RedisEndpoint wrong = RedisEndpoint.parse("redis-cluster://" + user + ":wrong@" + hosts);
    RedisConnectionException e = assertThrows(RedisConnectionException.class, () -> newDriver().connect(wrong, SETTINGS));
    assertTrue(e.getMessage().contains(wrong.redacted()), e.getMessage());
    assertTrue(!e.getMessage().contains(":wrong@"), "the password must not appear: " + e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Routing by key

  @Test
  void repliesKeepTheirSingleServerTypes() {
    for (String key : keysOnEveryMaster(shared).values()) {
      connection.execute(cmd("SET").key(key).arg("OK").build());
      assertArrayEquals(bytes("OK"), (byte[]) connection.execute(cmd("GET").key(key).build()),
          "a bulk string that reads OK is still bytes");
      assertStatus("FINE", connection.execute(cmd("EVAL").arg("return redis.status_reply('FINE')").arg(1).key(key).build()));
      List<Object> replies = connection.pipeline(List.of(
          cmd("SET").key(key).arg("QUEUED").build(),
          cmd("GET").key(key).build(),
          cmd("TYPE").key(key).build(),
          cmd("EVAL").arg("return {1, 'a', redis.status_reply('S'), {}}").arg(1).key(key).build()));
      assertStatus("OK", replies.get(0));
      assertArrayEquals(bytes("QUEUED"), (byte[]) replies.get(1));
      assertStatus("string", replies.get(2));
      List<?> nested = assertInstanceOf(List.class, replies.get(3));
      assertEquals(1L, nested.get(0));
      assertArrayEquals(bytes("a"), (byte[]) nested.get(1));
      assertStatus("S", nested.get(2));
      assertEquals(List.of(), nested.get(3));
    }
  }

  @Test
  void keyedCommandsReachTheOwnerOnEveryMaster() {
    Map<RedisServer, String> keys = keysOnEveryMaster(shared);
    assertEquals(3, keys.size());
    for (Map.Entry<RedisServer, String> e : keys.entrySet()) {
      String value = "at " + e.getKey().port();
      assertStatus("OK", connection.execute(cmd("SET").key(e.getValue()).arg(value).build()));
      assertEquals(1L, connection.execute(cmd("RPUSH").key(e.getValue() + ":list").arg("x").build()));
      try (RawRedis raw = shared.clientFor(e.getKey())) {
        assertArrayEquals(bytes(value), (byte[]) raw.call("GET", e.getValue()),
            "the value of " + e.getValue() + " should be on the master owning its slot, " + e.getKey());
      }
      assertArrayEquals(bytes(value), (byte[]) connection.execute(cmd("GET").key(e.getValue()).build()));
      assertStatus("string", connection.execute(cmd("TYPE").key(e.getValue()).build()), "status replies stay byte[]");
    }
  }

  @Test
  void executeAsyncRoutesByKeyToo() throws Exception {
    for (Map.Entry<RedisServer, String> e : keysOnEveryMaster(shared).entrySet()) {
      assertEquals(1L, connection.executeAsync(cmd("INCR").key(e.getValue()).build()).toCompletableFuture()
          .get(10, TimeUnit.SECONDS));
      try (RawRedis raw = shared.clientFor(e.getKey())) {
        assertArrayEquals(bytes("1"), (byte[]) raw.call("GET", e.getValue()));
      }
      Exception error = assertThrows(Exception.class, () -> connection.executeAsync(
          cmd("LPUSH").key(e.getValue()).arg("x").build()).toCompletableFuture().get(10, TimeUnit.SECONDS));
      RedisErrorException wrongType = assertInstanceOf(RedisErrorException.class, error.getCause());
      assertEquals("WRONGTYPE", wrongType.errorCode());
    }
  }

  @Test
  void keysInSeveralSlotsAreRefusedBeforeAnythingIsSent() {
    List<String> keys = new ArrayList<>(keysOnEveryMaster(shared).values());
    Command command = cmd("SUNIONSTORE").key(keys.get(0)).key(keys.get(1)).key(keys.get(2)).build();
    NodeCommandStats before = NodeCommandStats.of(shared, "SUNIONSTORE");

    CrossSlotException e = assertThrows(CrossSlotException.class, () -> connection.execute(command));
    assertThrows(CrossSlotException.class, () -> connection.pipeline(List.of(
        cmd("GET").key(keys.get(0)).build(), command)));
    assertThrows(CrossSlotException.class, () -> awaitAsync(connection, command));

    Map<String, Integer> slots = new LinkedHashMap<>();
    keys.forEach(key -> slots.put(key, HashSlots.slot(key)));
    CrossSlotException expected = new CrossSlotException("SUNIONSTORE", slots, List.of(connection.endpoint().redacted()));
    assertEquals(expected.getMessage(), e.getMessage());
    assertEquals(slots, e.slots());
    assertEquals("CROSSSLOT", e.errorCode());
    assertEquals(Optional.of(keys.get(0)), e.key());
    assertEquals(before, NodeCommandStats.of(shared, "SUNIONSTORE"), "a cross-slot command must reach no node");
    try (RawRedis raw = shared.client()) {
      for (String key : keys) {
        assertEquals(0L, raw.call("EXISTS", key), key + " must not have been written");
      }
    }
  }

  @Test
  void keysSharingAHashTagRunTogether() {
    String tag = "{" + prefix + "}";
    connection.execute(cmd("SADD").key(tag + ":a").arg("1").arg("2").build());
    connection.execute(cmd("SADD").key(tag + ":b").arg("2").arg("3").build());
    assertEquals(3L, connection.execute(cmd("SUNIONSTORE").key(tag + ":c").key(tag + ":a").key(tag + ":b").build()));
    try (RawRedis raw = shared.clientFor(shared.masterFor(tag))) {
      assertEquals(3L, raw.call("SCARD", tag + ":c"));
    }
  }

  @Test
  void pipelinesAcrossNodesAnswerInRequestOrderWithErrorsInPlace() {
    List<String> keys = new ArrayList<>(keysOnEveryMaster(shared).values());
    String a = keys.get(0);
    String b = keys.get(1);
    String c = keys.get(2);
    List<Object> replies = connection.pipeline(List.of(
        cmd("SET").key(a).arg("1").build(),
        cmd("SET").key(b).arg("x").build(),
        cmd("INCR").key(b).build(),
        cmd("GET").key(c).build(),
        cmd("INCR").key(a).build(),
        cmd("GET").key(b).build(),
        cmd("RPUSH").key(c).arg("p").arg("q").build(),
        cmd("GET").key(a).build()));
    assertEquals(8, replies.size());
    assertStatus("OK", replies.get(0));
    assertStatus("OK", replies.get(1));
    RedisErrorException error = assertInstanceOf(RedisErrorException.class, replies.get(2));
    assertEquals("ERR", error.errorCode());
    assertEquals(Optional.of(b), error.key());
    assertNull(replies.get(3));
    assertEquals(2L, replies.get(4));
    assertArrayEquals(bytes("x"), (byte[]) replies.get(5));
    assertEquals(2L, replies.get(6));
    assertArrayEquals(bytes("2"), (byte[]) replies.get(7));
    assertEquals(List.of(), connection.pipeline(List.of()));
  }

  @Test
  void wrongTypeIsThrownAsOnASingleServer() {
    for (String key : keysOnEveryMaster(shared).values()) {
      connection.execute(cmd("LPUSH").key(key).arg("x").build());
      RedisErrorException e = assertThrows(RedisErrorException.class, () -> connection.execute(cmd("GET").key(key).build()));
      assertEquals("WRONGTYPE", e.errorCode());
      assertTrue(e.serverMessage().startsWith("WRONGTYPE Operation against a key holding the wrong kind of value"),
          e.serverMessage());
      assertEquals(Optional.of(key), e.key());
      assertEquals(List.of(connection.endpoint().redacted()), e.masters());
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Scripts

  @Test
  void evalshaIsRoutedByItsKeyAndUnknownScriptsAnswerNoscript() {
    String script = "-- " + prefix + "\nreturn redis.call('GET', KEYS[1])";
    byte[] sha = (byte[]) connection.execute(cmd("SCRIPT").arg("LOAD").arg(script).build());
    assertEquals(40, sha.length);
    for (String key : keysOnEveryMaster(shared).values()) {
      connection.execute(cmd("SET").key(key).arg(key).build());
      assertArrayEquals(bytes(key), (byte[]) connection.execute(cmd("EVALSHA").arg(sha).arg(1).key(key).build()));
      RedisErrorException e = assertThrows(RedisErrorException.class,
          () -> connection.execute(cmd("EVALSHA").arg(UNKNOWN_SHA).arg(1).key(key).build()));
      assertEquals("NOSCRIPT", e.errorCode());
      assertEquals(Optional.of(key), e.key());
    }
  }

  @Test
  void scriptLoadReachesEveryNodeReplicasIncluded() {
    RedisCluster cluster = replicated();
    RedisConnection c = connect(cluster.seedUri(), SETTINGS);
    String script = "-- " + prefix + "\nreturn 1";
    String sha = new String((byte[]) c.execute(cmd("SCRIPT").arg("LOAD").arg(script).build()), StandardCharsets.UTF_8);
    for (RedisServer node : cluster.nodes()) {
      try (RawRedis raw = cluster.clientFor(node)) {
        assertEquals(List.of(1L), raw.call("SCRIPT", "EXISTS", sha), "SCRIPT LOAD should have reached " + node
            + (cluster.replicas().contains(node) ? " (a replica: a promoted replica must have the scripts)" : ""));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Keyless commands

  @Test
  void flushAllEmptiesEveryMaster() {
    RedisCluster cluster = replicated();
    RedisConnection c = connect(cluster.seedUri(), SETTINGS);
    for (String key : keysOnEveryMaster(cluster).values()) {
      c.execute(cmd("SET").key(key).arg("v").build());
    }
    assertStatus("OK", c.execute(cmd("FLUSHALL").build()));
    for (RedisServer master : cluster.masters()) {
      try (RawRedis raw = cluster.clientFor(master)) {
        assertEquals(0L, raw.call("DBSIZE"), master + " should be empty after FLUSHALL");
      }
    }
  }

  @Test
  void routeToSendsAKeylessCommandToTheSlotsOwner() {
    for (Map.Entry<RedisServer, String> e : keysOnEveryMaster(shared).entrySet()) {
      int slot = HashSlots.slot(e.getValue());
      Object id = connection.execute(cmd("CLUSTER").arg("MYID").routeTo(slot).build());
      assertEquals(shared.nodeId(e.getKey()), text(id), "CLUSTER MYID routed to slot " + slot);
    }
  }

  @Test
  void waitAfterAWriteInAPipelineCountsThatWritesReplicas() {
    RedisCluster cluster = replicated();
    RedisConnection c = connect(cluster.seedUri(), SETTINGS);
    for (String key : keysOnEveryMaster(cluster).values()) {
      List<Object> replies = c.pipeline(List.of(
          cmd("SET").key(key).arg("v").build(),
          cmd("WAIT").arg(1).arg(2000).build()));
      assertStatus("OK", replies.get(0));
      long acknowledged = assertInstanceOf(Long.class, replies.get(1));
      assertTrue(acknowledged >= 1, "WAIT after the write to " + key + " counted " + acknowledged + " replicas");
    }
  }

  @Test
  void otherKeylessCommandsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> connection.execute(cmd("WAIT").arg(0).arg(0).build()));
    assertThrows(IllegalArgumentException.class, () -> connection.execute(cmd("DBSIZE").build()));
    assertThrows(IllegalArgumentException.class, () -> connection.pipeline(List.of(cmd("WAIT").arg(0).arg(0).build(),
        cmd("GET").key(prefix).build())));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Closing

  @Test
  void closingLeavesNoThreadBehind() throws Exception {
    Set<String> before = liveThreadNames();
    RedisConnection c = newDriver().connect(RedisEndpoint.parse(shared.seedUri()), SETTINGS);
    try {
      for (String key : keysOnEveryMaster(shared).values()) {
        assertEquals(1L, c.execute(cmd("INCR").key(key).build()));
        assertEquals(2L, c.executeAsync(cmd("INCR").key(key).build()).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(List.of(3L, 4L), c.pipeline(List.of(cmd("INCR").key(key).build(), cmd("INCR").key(key).build())));
      }
    } finally {
      c.close();
    }
    assertThrows(IllegalStateException.class, () -> c.execute(cmd("GET").key(prefix).build()));
    Set<String> leaked = Set.of();
    long deadline = System.nanoTime() + THREAD_GRACE.toNanos();
    while (System.nanoTime() < deadline) {
      leaked = new HashSet<>(liveThreadNames());
      leaked.removeAll(before);
      if (leaked.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    fail("threads still alive " + THREAD_GRACE.toSeconds() + " s after the connection was closed: " + leaked);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Faults

  /**
   * A paused master with no replica, so nothing fails over and the buffered command runs once when it is resumed:
   * the counter then shows whether the driver sent the increment once (2) or again (3 or more).
   */
  @Test
  void aNonIdempotentCommandToAPausedMasterHasAnUnknownOutcomeAndIsNotResent() {
    try (RedisCluster cluster = RedisCluster.start(3, 0)) {
      RedisConnection c = connect(cluster.seedUri(), SHORT);
      String key = prefix + ":counter";
      RedisServer master = cluster.masterFor(key);
      assertEquals(1L, c.execute(cmd("INCR").key(key).build()));
      cluster.pause(master);
      RedisConnectionException e;
      long start = System.nanoTime();
      try {
        e = assertThrows(RedisConnectionException.class, () -> c.execute(cmd("INCR").key(key).build()));
      } finally {
        cluster.resume(master);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(e.getMessage().contains("outcome unknown"), e.getMessage());
      assertTrue(e.getMessage().contains(key), e.getMessage());
      assertTrue(e.getMessage().contains(master.host() + ":" + master.port()), e.getMessage());
      assertTrue(took.compareTo(SHORT.commandTimeout().multipliedBy(5)) < 0, "took " + took);
      cluster.awaitReady(Duration.ofSeconds(20));
      try (RawRedis raw = cluster.clientFor(master)) {
        assertArrayEquals(bytes("2"), (byte[]) raw.call("GET", key),
            "the INCR whose outcome was unknown must have been sent exactly once");
      }
    }
  }

  @Test
  void anIdempotentReadRidesOutAFailover() {
    try (RedisCluster cluster = RedisCluster.start(3, 1)) {
      String key = prefix + ":read";
      RedisServer master = cluster.masterFor(key);
      try (RawRedis raw = cluster.clientFor(master)) {
        raw.call("SET", key, "kept");
        assertTrue((Long) raw.call("WAIT", "1", "5000") >= 1, "the replica must have the value before the kill");
      }
      RedisConnection c = connect(cluster.seedUri(), new ConnectionSettings(Duration.ofSeconds(2), FAILOVER_BUDGET));
      Command get = cmd("GET").key(key).idempotent().build();
      assertArrayEquals(bytes("kept"), (byte[]) c.execute(get));
      cluster.kill(master);
      long start = System.nanoTime();
      Object reply = c.execute(get);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertArrayEquals(bytes("kept"), (byte[]) reply);
      assertTrue(took.compareTo(FAILOVER_BUDGET.plusSeconds(1)) < 0, "the read took " + took);
      assertStatus("OK", c.execute(cmd("SET").key(key).arg("after").build()), "writes work again after the failover");
    }
  }

  @Test
  void anIdempotentPipelineRidesOutAFailover() {
    try (RedisCluster cluster = RedisCluster.start(3, 1)) {
      Map<RedisServer, String> keys = keysOnEveryMaster(cluster);
      List<Command> reads = new ArrayList<>();
      for (Map.Entry<RedisServer, String> e : keys.entrySet()) {
        try (RawRedis raw = cluster.clientFor(e.getKey())) {
          raw.call("SET", e.getValue(), e.getValue());
          assertTrue((Long) raw.call("WAIT", "1", "5000") >= 1, "the replica must have the value before the kill");
        }
        reads.add(cmd("GET").key(e.getValue()).idempotent().build());
      }
      RedisConnection c = connect(cluster.seedUri(), new ConnectionSettings(Duration.ofSeconds(2), FAILOVER_BUDGET));
      assertEquals(3, c.pipeline(reads).size());
      cluster.kill(cluster.masters().get(1));
      long start = System.nanoTime();
      List<Object> replies = c.pipeline(reads);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      List<String> values = new ArrayList<>(keys.values());
      for (int i = 0; i < values.size(); i++) {
        assertArrayEquals(bytes(values.get(i)), (byte[]) replies.get(i), "reply " + i + " of " + replies);
      }
      assertTrue(took.compareTo(FAILOVER_BUDGET.plusSeconds(1)) < 0, "the pipeline took " + took);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers

  /** Opens a connection with the driver under test; the test's {@code @AfterEach} closes it. */
  protected final RedisConnection connect(String uri, ConnectionSettings settings) {
    RedisConnection c = newDriver().connect(RedisEndpoint.parse(uri), settings);
    assertNotNull(c, "connect() returned null");
    opened.add(c);
    return c;
  }

  /** The class's 3-master, 3-replica cluster, started on first use. */
  private RedisCluster replicated() {
    if (replicated == null) {
      replicated = RedisCluster.start(3, 1);
    }
    return replicated;
  }

  /** One untagged key of this test per master of {@code cluster}, in the masters' order. */
  private Map<RedisServer, String> keysOnEveryMaster(RedisCluster cluster) {
    Map<RedisServer, String> keys = new LinkedHashMap<>();
    for (int i = 0; keys.size() < cluster.masters().size(); i++) {
      if (i > 1000) {
        fail("no keys on every master of " + cluster + " among 1000 tries: " + keys);
      }
      String key = prefix + ":" + i;
      keys.putIfAbsent(cluster.masterFor(key), key);
    }
    Map<RedisServer, String> ordered = new LinkedHashMap<>();
    cluster.masters().forEach(master -> ordered.put(master, keys.get(master)));
    return ordered;
  }

  /** Live threads by name, without the JDK's shared pool, which belongs to no driver. */
  private static Set<String> liveThreadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> !name.startsWith("ForkJoinPool.commonPool-"))
        .collect(Collectors.toSet());
  }

  /** Runs {@code executeAsync} and waits, throwing what failed the stage (or what the call itself threw). */
  private static Object awaitAsync(RedisConnection c, Command command) throws Throwable {
    try {
      return c.executeAsync(command).toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private static String text(Object reply) {
    return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
  }

  private static Command.Builder cmd(String name) {
    return Command.builder(name);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
