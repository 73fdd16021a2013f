package io.pottery.testkit.contract;

import static io.pottery.testkit.contract.ReplyAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.SpiVersion;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.SelfSignedTls;
import io.pottery.testkit.WithRedis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RedisDriver} must have, as a JUnit 5 test base class for driver authors (in the
 * manner of Micrometer's {@code MeterRegistryCompatibilityKit}): subclass it, return a new instance of your
 * driver from {@link #newDriver()}, and every test here runs against real {@code redis-server} processes.
 *
 * <pre>{@code
 * class MyDriverContractTest extends RedisDriverContract {
 *   @Override protected RedisDriver newDriver() { return new MyDriver(); }
 * }
 * }</pre>
 *
 * <p>What it checks: discovery ({@link ServiceLoader}, name, SPI version, schemes); the reply mapping of
 * {@link RedisConnection} (integer, bulk, nil, status, nested and empty arrays, nil arrays, binary-safe
 * arguments, large replies); error replies (thrown from {@code execute}, failing the stage of
 * {@code executeAsync}, standing in place in a pipeline and nested in an {@code EXEC} or script reply);
 * transactions inside one pipeline; database selection; ACL users and a wrong password; connection refused;
 * a paused server (a {@link RedisConnectionException} within about the command timeout); a killed and
 * restarted server (commands fail with {@link RedisConnectionException} while it is down, and the same
 * connection works again once it is back, within {@link #RECOVERY}); many threads at once; {@code close()}
 * (idempotent, {@link IllegalStateException} afterwards, no thread left behind); and TLS with a self-signed
 * certificate when {@code openssl} and a TLS-capable {@code redis-server} are present (skipped with the reason
 * otherwise).
 *
 * <p>The TLS tests set {@code javax.net.ssl.trustStore} while the driver connects, so drivers must read the JVM
 * trust store when they connect, not once per JVM.
 *
 * @since 0.1
 */
@WithRedis
public abstract class RedisDriverContract {
  /** How long a driver may take to serve commands again after its server came back. */
  protected static final Duration RECOVERY = Duration.ofSeconds(10);

  /** How long threads a closed connection started may take to end. */
  protected static final Duration THREAD_GRACE = Duration.ofSeconds(5);

  private static final ConnectionSettings SETTINGS = new ConnectionSettings(Duration.ofSeconds(2), Duration.ofSeconds(2));

  private final List<RedisConnection> opened = new ArrayList<>();
  private RedisServer server;
  private RedisConnection connection;
  private String key;

  /** A new instance of the driver under test; called once or more per test. */
  protected abstract RedisDriver newDriver();

  /** Opens the connection most tests use, to database 0 of the class's server. */
  @BeforeEach
  void openConnection(RedisServer server) {
    this.server = server;
    this.connection = connect(server.uri(), SETTINGS);
    this.key = "contract:" + getClass().getSimpleName() + ":" + UUID.randomUUID();
  }

  /** Closes every connection a test opened. */
  @AfterEach
  void closeConnections() {
    for (RedisConnection c : opened) {
      c.close();
    }
    opened.clear();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Discovery

  @Test
  void isFoundByServiceLoader() {
    Class<?> type = newDriver().getClass();
    List<Class<?>> found = ServiceLoader.load(RedisDriver.class).stream().map(ServiceLoader.Provider::type)
        .collect(Collectors.toList());
    assertTrue(found.contains(type), "META-INF/services/io.pottery.spi.RedisDriver should list " + type.getName()
        + "; ServiceLoader found " + found);
  }

  @Test
  void describesItself() {
    RedisDriver driver = newDriver();
    assertNotNull(driver.name());
    assertFalse(driver.name().isBlank(), "name() is blank");
    assertEquals(driver.name().toLowerCase(java.util.Locale.ROOT), driver.name(), "name() must be lower case");
    assertEquals(SpiVersion.CURRENT, driver.spiVersion());
    assertTrue(driver.supports(URI.create("redis://localhost:6379/0")));
    assertTrue(driver.supports(URI.create("rediss://localhost:6380/1")));
    assertFalse(driver.supports(URI.create("http://localhost:6379")));
    assertEquals(RedisEndpoint.parse(server.uri()), connection.endpoint());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Replies

  @Test
  void integerReplyIsLong() {
    assertEquals(1L, connection.execute(cmd("INCR").key(key).build()));
    assertEquals(-4L, connection.execute(cmd("DECRBY").key(key).arg(5).build()));
    connection.execute(cmd("SET").key(key).arg(Long.MAX_VALUE - 1).build());
    assertEquals(Long.MAX_VALUE, connection.execute(cmd("INCR").key(key).build()));
  }

  @Test
  void bulkReplyIsBytes() {
    connection.execute(cmd("SET").key(key).arg("héllo").build());
    Object reply = connection.execute(cmd("GET").key(key).build());
    assertInstanceOf(byte[].class, reply);
    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), (byte[]) reply);
    Object empty = connection.execute(cmd("ECHO").arg("").build());
    assertArrayEquals(new byte[0], (byte[]) empty);
  }

  @Test
  void bulkStringThatLooksLikeAStatusIsStillBytes() {
    connection.execute(cmd("SET").key(key).arg("OK").build());
    assertArrayEquals(bytes("OK"), (byte[]) connection.execute(cmd("GET").key(key).build()));
    assertArrayEquals(bytes("QUEUED"), (byte[]) connection.execute(cmd("ECHO").arg("QUEUED").build()));
  }

  @Test
  void nilBulkIsNull() {
    assertNull(connection.execute(cmd("GET").key(key).build()));
  }

  @Test
  void statusReplyIsItsBytes() {
    assertStatus("OK", connection.execute(cmd("SET").key(key).arg("v").build()));
    assertStatus("PONG", connection.execute(cmd("PING").build()));
    assertStatus("string", connection.execute(cmd("TYPE").key(key).build()));
    assertStatus("none", connection.execute(cmd("TYPE").key(key + ":missing").build()));
    assertStatus("FINE", connection.execute(eval("return redis.status_reply('FINE')").build()));
  }

  @Test
  void nestedArraysKeepTheirShapeAndTypes() {
    Object reply = connection.execute(eval("return {1, {'a', false, redis.status_reply('OK'), {}}, 'b'}").build());
    List<?> top = assertInstanceOf(List.class, reply);
    assertEquals(3, top.size());
    assertEquals(1L, top.get(0));
    List<?> inner = assertInstanceOf(List.class, top.get(1));
    assertEquals(4, inner.size());
    assertArrayEquals(bytes("a"), (byte[]) inner.get(0));
    assertNull(inner.get(1), "Lua false is a nil bulk string");
    assertStatus("OK", inner.get(2));
    assertEquals(List.of(), inner.get(3));
    assertArrayEquals(bytes("b"), (byte[]) top.get(2));
  }

  @Test
  void emptyArrayIsEmptyList() {
    assertEquals(List.of(), connection.execute(cmd("LRANGE").key(key).arg(0).arg(-1).build()));
  }

  @Test
  void nilArrayIsNull() {
    assertNull(connection.execute(cmd("BLPOP").key(key).arg("0.01").build()));
  }

  @Test
  void argumentsAndRepliesAreBinarySafe() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    byte[] binaryKey = concat(bytes(key + ":"), all);
    assertStatus("OK", connection.execute(Command.builder("SET").key(binaryKey).arg(all).build()));
    assertArrayEquals(all, (byte[]) connection.execute(Command.builder("GET").key(binaryKey).build()));
    assertArrayEquals(all, (byte[]) connection.execute(eval("return ARGV[1]").arg(all).build()));
    List<?> keys = (List<?>) connection.execute(
        Command.builder("EVAL").arg("return KEYS").arg(1).key(binaryKey).build());
    assertArrayEquals(binaryKey, (byte[]) keys.get(0));
    connection.execute(Command.builder("DEL").key(binaryKey).build());
  }

  @Test
  void largeRepliesSurviveBeingSplitAcrossReads() {
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Command.Builder push = cmd("RPUSH").key(key + ":list");
    for (int i = 0; i < 2000; i++) {
      push.arg(i % 2 == 0 ? "OK" : Integer.toString(i));
    }
    List<Object> replies = connection.pipeline(List.of(
        cmd("SET").key(key).arg(big).build(),
        cmd("GET").key(key).build(),
        push.build(),
        cmd("LRANGE").key(key + ":list").arg(0).arg(-1).build(),
        cmd("PING").build()));
    assertStatus("OK", replies.get(0));
    assertArrayEquals(big, (byte[]) replies.get(1));
    assertEquals(2000L, replies.get(2));
    List<?> list = (List<?>) replies.get(3);
    assertEquals(2000, list.size());
    for (int i = 0; i < 2000; i++) {
      assertArrayEquals(bytes(i % 2 == 0 ? "OK" : Integer.toString(i)), (byte[]) list.get(i), "element " + i);
    }
    assertStatus("PONG", replies.get(4));
    connection.execute(cmd("DEL").key(key).key(key + ":list").build());
  }

  @Test
  void manySmallRepliesOfMixedTypesInOnePipeline() {
    List<Command> commands = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      commands.add(cmd("SET").key(key).arg("OK").build());
      commands.add(cmd("GET").key(key).build());
      commands.add(cmd("PING").build());
      commands.add(cmd("ECHO").arg("PONG").build());
      commands.add(cmd("INCR").key(key + ":n").build());
    }
    List<Object> replies = connection.pipeline(commands);
    assertEquals(commands.size(), replies.size());
    for (int i = 0; i < 600; i++) {
      int at = i * 5;
      assertStatus("OK", replies.get(at), "status at " + at);
      assertArrayEquals(bytes("OK"), (byte[]) replies.get(at + 1), "bulk at " + (at + 1));
      assertStatus("PONG", replies.get(at + 2), "status at " + (at + 2));
      assertArrayEquals(bytes("PONG"), (byte[]) replies.get(at + 3), "bulk at " + (at + 3));
      assertEquals((long) i + 1, replies.get(at + 4), "integer at " + (at + 4));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Errors

  @Test
  void errorReplyIsThrownWithServerTextKeyAndEndpoint() {
    connection.execute(cmd("LPUSH").key(key).arg("x").build());
    RedisErrorException e = assertThrows(RedisErrorException.class,
        () -> connection.execute(cmd("GET").key(key).build()));
    assertEquals("WRONGTYPE", e.errorCode());
    assertTrue(e.serverMessage().startsWith("WRONGTYPE Operation against a key holding the wrong kind of value"),
        e.serverMessage());
    assertEquals(Optional.of(key), e.key());
    assertEquals(List.of(connection.endpoint().redacted()), e.masters());
    assertTrue(e.getMessage().contains(key) && e.getMessage().contains(connection.endpoint().redacted()), e.getMessage());

    RedisErrorException unknown = assertThrows(RedisErrorException.class,
        () -> connection.execute(cmd("NOSUCHCOMMAND").build()));
    assertEquals("ERR", unknown.errorCode());
    assertStatus("PONG", connection.execute(cmd("PING").build()), "the connection is still usable after errors");
  }

  @Test
  void errorReplyFailsTheAsyncStage() throws Exception {
    connection.execute(cmd("LPUSH").key(key).arg("x").build());
    CompletionException e = assertThrows(CompletionException.class,
        () -> connection.executeAsync(cmd("GET").key(key).build()).toCompletableFuture().join());
    RedisErrorException error = assertInstanceOf(RedisErrorException.class, e.getCause());
    assertEquals("WRONGTYPE", error.errorCode());
    assertEquals(1L, connection.executeAsync(cmd("LLEN").key(key).build()).toCompletableFuture().get(10, TimeUnit.SECONDS));
  }

  @Test
  void errorInPipelineStandsInPlace() {
    List<Object> replies = connection.pipeline(List.of(
        cmd("SET").key(key).arg("1").build(),
        cmd("LPUSH").key(key).arg("x").build(),
        cmd("GET").key(key).build(),
        cmd("INCR").key(key + ":n").build()));
    assertEquals(4, replies.size());
    assertStatus("OK", replies.get(0));
    RedisErrorException error = assertInstanceOf(RedisErrorException.class, replies.get(1));
    assertEquals("WRONGTYPE", error.errorCode());
    assertEquals(Optional.of(key), error.key());
    assertArrayEquals(bytes("1"), (byte[]) replies.get(2));
    assertEquals(1L, replies.get(3));
    assertEquals(List.of(), connection.pipeline(List.of()));
  }

  @Test
  void errorNestedInAnArrayStandsInPlace() {
    List<?> reply = (List<?>) connection.execute(eval("return {1, redis.error_reply('MYERR nested'), 'x'}").build());
    assertEquals(1L, reply.get(0));
    RedisErrorException error = assertInstanceOf(RedisErrorException.class, reply.get(1));
    assertEquals("MYERR nested", error.serverMessage());
    assertArrayEquals(bytes("x"), (byte[]) reply.get(2));
  }

  @Test
  void transactionInsideOnePipeline() {
    List<Object> replies = connection.pipeline(List.of(
        cmd("MULTI").build(),
        cmd("SET").key(key).arg("text").build(),
        cmd("INCR").key(key).build(),
        cmd("GET").key(key).build(),
        cmd("EXEC").build()));
    assertStatus("OK", replies.get(0));
    for (int i = 1; i <= 3; i++) {
      assertStatus("QUEUED", replies.get(i), "reply " + i + " inside MULTI");
    }
    List<?> exec = assertInstanceOf(List.class, replies.get(4));
    assertEquals(3, exec.size());
    assertStatus("OK", exec.get(0));
    RedisErrorException error = assertInstanceOf(RedisErrorException.class, exec.get(1));
    assertEquals("ERR", error.errorCode());
    assertArrayEquals(bytes("text"), (byte[]) exec.get(2));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Connecting

  @Test
  void databaseFromThePathIsSelected() {
    RedisConnection db3 = connect(server.uri(3), SETTINGS);
    assertEquals(3, db3.endpoint().database());
    db3.execute(cmd("SET").key(key).arg("in-3").build());
    assertNull(connection.execute(cmd("GET").key(key).build()), "a key written in /3 must not be visible in /0");
    assertArrayEquals(bytes("in-3"), (byte[]) db3.execute(cmd("GET").key(key).build()));
    List<Object> viaPipeline = db3.pipeline(List.of(cmd("GET").key(key).build()));
    assertArrayEquals(bytes("in-3"), (byte[]) viaPipeline.get(0));
    db3.execute(cmd("DEL").key(key).build());
  }

  @Test
  void authenticatesAsAclUserAndRejectsAWrongPassword() {
    String user = "pottery-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    assertStatus("OK", connection.execute(cmd("ACL").arg("SETUSER").arg(user).arg("on").arg(">" + password)
        .arg("~*").arg("+@all").build()));
    try {
      RedisConnection asUser = connect("redis://" + user + ":" + password + "@127.0.0.1:" + server.port() + "/0", SETTINGS);
      assertArrayEquals(bytes(user), (byte[]) asUser.execute(cmd("ACL").arg("WHOAMI").build()));

      String wrong = "wrong-" + UUID.randomUUID();
      RedisEndpoint wrongEndpoint = RedisEndpoint.parse("redis://" + user + ":" + wrong + "@127.0.0.1:" + server.port() + "/0");
      RedisConnectionException e = assertThrows(RedisConnectionException.class,
          () -> connect(wrongEndpoint, SETTINGS));
      assertTrue(e.getMessage().contains(wrongEndpoint.redacted()), e.getMessage());
      assertFalse(e.getMessage().contains(wrong), "the message must not show the password: " + e.getMessage());
      assertTrue(e.getMessage().contains("password"), "the message should say to check the password: " + e.getMessage());
      assertEquals(List.of(wrongEndpoint.redacted()), e.masters());
    } finally {
      connection.execute(cmd("ACL").arg("DELUSER").arg(user).build());
    }
  }

  /**
   * A password for a server that has none is accepted, as Redis itself accepts any password for a user without
   * one ({@code AUTH default <password>}, {@code HELLO 2 AUTH default <password>}); only the legacy one-argument
   * {@code AUTH <password>} is refused there. Every driver must behave the same, so that one URI works against a
   * development server without a password and a production server with one.
   */
  @Test
  void aPasswordForAServerWithoutOneIsAccepted() {
    RedisConnection withPassword = connect("redis://:unneeded-" + UUID.randomUUID() + "@127.0.0.1:" + server.port() + "/0",
        SETTINGS);
    assertStatus("PONG", withPassword.execute(cmd("PING").build()));
    assertArrayEquals(bytes("default"), (byte[]) withPassword.execute(cmd("ACL").arg("WHOAMI").build()));
  }

  /**
   * Credentials revoked while connected (a password changed, then the connection killed): the driver's next
   * connection is refused, and commands must say so, the way a wrong password at connect does, rather than
   * report a slow server.
   */
  @Test
  void revokedCredentialsAreReportedAsRefusedNotAsASlowServer() throws Exception {
    String user = "pottery-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "pw-" + UUID.randomUUID();
    assertStatus("OK", connection.execute(cmd("ACL").arg("SETUSER").arg(user).arg("on").arg(">" + password)
        .arg("~*").arg("+@all").build()));
    try {
      ConnectionSettings quick = new ConnectionSettings(Duration.ofSeconds(2), Duration.ofMillis(500));
      RedisConnection asUser = connect("redis://" + user + ":" + password + "@127.0.0.1:" + server.port() + "/0", quick);
      assertStatus("PONG", asUser.execute(cmd("PING").build()));
      connection.execute(cmd("ACL").arg("SETUSER").arg(user).arg("resetpass").arg(">changed-" + password).build());
      connection.execute(cmd("CLIENT").arg("KILL").arg("USER").arg(user).build());

      // The first call may meet the killed socket itself; the ones after it need a new connection.
      List<String> messages = new ArrayList<>();
      long deadline = System.nanoTime() + RECOVERY.toNanos();
      while (System.nanoTime() < deadline && messages.stream().noneMatch(m -> m.contains("refused the credentials"))) {
        RedisConnectionException e = assertThrows(RedisConnectionException.class,
            () -> asUser.execute(cmd("GET").key(key).build()), "a command with revoked credentials");
        messages.add(e.getMessage());
        assertFalse(e.getMessage().contains(password), "the message must not show the password: " + e.getMessage());
        Thread.sleep(100);
      }
      String last = messages.get(messages.size() - 1);
      assertTrue(last.contains("refused the credentials"), "no message said the credentials were refused: "
          + new java.util.LinkedHashSet<>(messages));
      assertTrue(last.contains("check the user and password in the URI"), last);
      assertTrue(last.contains(asUser.endpoint().redacted()), last);
      assertTrue(last.contains("GET (key \"" + key + "\")"), last);
    } finally {
      connection.execute(cmd("ACL").arg("DELUSER").arg(user).build());
    }
  }

  @Test
  void connectionRefusedFailsAtConnect() throws Exception {
    int port = SelfSignedTls.freePort();
    RedisEndpoint nobody = RedisEndpoint.parse("redis://127.0.0.1:" + port + "/0");
    long start = System.nanoTime();
    RedisConnectionException e = assertThrows(RedisConnectionException.class, () -> connect(nobody, SETTINGS));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0, "took too long");
    assertTrue(e.getMessage().contains(nobody.redacted()), e.getMessage());
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Faults

  @Test
  void pausedServerFailsCommandsWithinTheCommandTimeout() throws Exception {
    try (RedisServers own = RedisServers.start(1)) {
      RedisServer paused = own.first();
      ConnectionSettings quick = new ConnectionSettings(Duration.ofSeconds(2), Duration.ofMillis(300));
      RedisConnection c = connect(paused.uri(), quick);
      assertStatus("PONG", c.execute(cmd("PING").build()));
      paused.pause();
      try {
        long start = System.nanoTime();
        RedisConnectionException e = assertThrows(RedisConnectionException.class,
            () -> c.execute(cmd("GET").key(key).build()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofMillis(250)) >= 0 && took.compareTo(Duration.ofSeconds(3)) < 0,
            "failed after " + took.toMillis() + " ms, expected about 300 ms");
        assertTrue(e.getMessage().contains("GET"), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(c.endpoint().redacted()), e.getMessage());
        assertTrue(e.getMessage().contains("commandTimeout"), e.getMessage());

        ExecutionException async = assertThrows(ExecutionException.class,
            () -> c.executeAsync(cmd("PING").build()).toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(RedisConnectionException.class, async.getCause());
        assertThrows(RedisConnectionException.class, () -> c.pipeline(List.of(cmd("PING").build())));
      } finally {
        paused.resume();
      }
      awaitRecovery(c);
    }
  }

  @Test
  void killedServerFailsCleanlyAndTheConnectionRecoversAfterRestart() throws Exception {
    try (RedisServers own = RedisServers.start(1)) {
      RedisServer victim = own.first();
      ConnectionSettings quick = new ConnectionSettings(Duration.ofSeconds(1), Duration.ofMillis(500));
      RedisConnection c = connect(victim.uri(), quick);
      assertStatus("OK", c.execute(cmd("SET").key(key).arg("before").build()));
      victim.kill();
      for (int i = 0; i < 3; i++) {
        assertThrows(RedisConnectionException.class, () -> c.execute(cmd("GET").key(key).build()));
      }
      ExecutionException async = assertThrows(ExecutionException.class,
          () -> c.executeAsync(cmd("PING").build()).toCompletableFuture().get(5, TimeUnit.SECONDS));
      assertInstanceOf(RedisConnectionException.class, async.getCause());
      victim.restart();
      awaitRecovery(c);
      assertNull(c.execute(cmd("GET").key(key).build()), "a restarted server comes back empty");
      List<Object> after = c.pipeline(List.of(cmd("SET").key(key).arg("after").build(), cmd("PING").build()));
      assertEquals(2, after.size());
      assertStatus("OK", after.get(0));
      assertStatus("PONG", after.get(1));
      assertArrayEquals(bytes("after"),
          (byte[]) c.executeAsync(cmd("GET").key(key).build()).toCompletableFuture().get(5, TimeUnit.SECONDS));
    }
  }

  /** Waits until PING works again; every failure meanwhile must be a RedisConnectionException. */
  private static void awaitRecovery(RedisConnection c) throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    RedisConnectionException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (c.execute(cmd("PING").build()) instanceof byte[] pong && Arrays.equals(bytes("PONG"), pong)) {
          return;
        }
      } catch (RedisConnectionException e) {
        last = e;
      }
      Thread.sleep(50);
    }
    fail("no recovery within " + RECOVERY, last);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Concurrency

  @Test
  void manyThreadsGetTheirOwnReplies() throws Exception {
    int threads = 8;
    int rounds = 150;
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String own = key + ":" + t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < rounds; i++) {
            String value = own + ":" + i;
            assertStatus("OK", connection.execute(cmd("SET").key(own).arg(value).build()));
            assertArrayEquals(bytes(value), (byte[]) connection.executeAsync(cmd("GET").key(own).build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
            List<Object> replies = connection.pipeline(List.of(
                cmd("INCR").key(own + ":n").build(),
                cmd("GET").key(own).build(),
                cmd("LRANGE").key(own + ":none").arg(0).arg(-1).build(),
                cmd("PING").build()));
            assertEquals((long) i + 1, replies.get(0));
            assertArrayEquals(bytes(value), (byte[]) replies.get(1));
            assertEquals(List.of(), replies.get(2));
            assertStatus("PONG", replies.get(3));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "contract-worker-" + t);
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(120));
      assertFalse(worker.isAlive(), worker.getName() + " did not finish in 120 s");
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(failures.size() + " worker(s) failed; first: " + failures.peek());
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Closing

  @Test
  void closeIsIdempotentAndLaterCallsThrowIllegalState() {
    RedisConnection c = connect(server.uri(), SETTINGS);
    c.close();
    assertDoesNotThrow(c::close);
    Command ping = cmd("PING").build();
    assertThrows(IllegalStateException.class, () -> c.execute(ping));
    assertThrows(IllegalStateException.class, () -> c.executeAsync(ping));
    assertThrows(IllegalStateException.class, () -> c.pipeline(List.of(ping)));
  }

  @Test
  void closingEveryConnectionLeavesNoThreadBehind() throws Exception {
    Set<String> before = liveThreadNames();
    RedisDriver driver = newDriver();
    RedisConnection first = driver.connect(RedisEndpoint.parse(server.uri()), SETTINGS);
    RedisConnection second = driver.connect(RedisEndpoint.parse(server.uri(1)), SETTINGS);
    try {
      exercise(first);
      exercise(second);
      first.close();
      assertStatus("PONG", second.execute(cmd("PING").build()), "closing one connection must not break another");
      exercise(second);
    } finally {
      first.close();
      second.close();
    }
    RedisConnection again = driver.connect(RedisEndpoint.parse(server.uri()), SETTINGS);
    try {
      exercise(again);
    } finally {
      again.close();
    }
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
    fail("threads still alive " + THREAD_GRACE.toSeconds() + " s after every connection was closed: " + leaked);
  }

  private static void exercise(RedisConnection c) throws Exception {
    assertStatus("PONG", c.execute(cmd("PING").build()));
    assertStatus("PONG", c.executeAsync(cmd("PING").build()).toCompletableFuture().get(10, TimeUnit.SECONDS));
    List<Object> pongs = c.pipeline(List.of(cmd("PING").build(), cmd("PING").build()));
    assertEquals(2, pongs.size());
    assertStatus("PONG", pongs.get(0));
    assertStatus("PONG", pongs.get(1));
  }

  /** Live threads by name, without the JDK's shared pool, which belongs to no driver. */
  private static Set<String> liveThreadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> !name.startsWith("ForkJoinPool.commonPool-"))
        .collect(Collectors.toSet());
  }

  // ---------------------------------------------------------------------------------------------------------
  // TLS

  @Test
  void tlsWithATrustedCertificate() throws Exception {
    withTlsServer((tls, port) -> {
      RedisEndpoint endpoint = RedisEndpoint.parse("rediss://127.0.0.1:" + port + "/2");
      RedisConnection c = tls.withJvmTrustStore(() -> connect(endpoint, SETTINGS));
      assertTrue(c.endpoint().tls());
      assertStatus("OK", c.execute(cmd("SET").key(key).arg("secret").build()));
      assertArrayEquals(bytes("secret"), (byte[]) c.execute(cmd("GET").key(key).build()));
      List<Object> replies = c.pipeline(List.of(cmd("PING").build(), cmd("DEL").key(key).build()));
      assertEquals(2, replies.size());
      assertStatus("PONG", replies.get(0));
      assertEquals(1L, replies.get(1));
      assertStatus("PONG", c.executeAsync(cmd("PING").build()).toCompletableFuture().get(10, TimeUnit.SECONDS));
    });
  }

  @Test
  void tlsRejectsAnUntrustedCertificateAndAWrongHostName() throws Exception {
    withTlsServer((tls, port) -> {
      RedisEndpoint untrusted = RedisEndpoint.parse("rediss://127.0.0.1:" + port + "/0");
      RedisConnectionException e = assertThrows(RedisConnectionException.class, () -> connect(untrusted, SETTINGS));
      assertTrue(e.getMessage().contains(untrusted.redacted()), e.getMessage());
      assertTrue(e.getMessage().contains("TLS"), e.getMessage());

      // The certificate names IP 127.0.0.1 only, so "localhost" must not pass host name verification.
      RedisEndpoint otherName = RedisEndpoint.parse("rediss://localhost:" + port + "/0");
      RedisConnectionException wrongHost = assertThrows(RedisConnectionException.class,
          () -> tls.withJvmTrustStore(() -> connect(otherName, SETTINGS)));
      assertTrue(wrongHost.getMessage().contains("TLS"), wrongHost.getMessage());
    });
  }

  /** Body of a TLS test: the certificate files and the server's TLS port. */
  @FunctionalInterface
  private interface TlsTest {
    void run(SelfSignedTls tls, int port) throws Exception;
  }

  /** Starts a server of its own with a TLS port, or skips the test saying why that is not possible here. */
  private void withTlsServer(TlsTest test) throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<SelfSignedTls> made = SelfSignedTls.create(why);
    assumeTrue(made.isPresent(), () -> "TLS test skipped: " + why);
    try (SelfSignedTls tls = made.get(); RedisServers own = RedisServers.start(1)) {
      RedisConnection admin = connect(own.first().uri(), SETTINGS);
      int port = SelfSignedTls.freePort();
      try {
        admin.execute(cmd("CONFIG").arg("SET")
            .arg("tls-cert-file").arg(tls.certificate().toString())
            .arg("tls-key-file").arg(tls.key().toString())
            .arg("tls-auth-clients").arg("no")
            .arg("tls-port").arg(port).build());
      } catch (RedisErrorException e) {
        assumeTrue(false, "TLS test skipped: this redis-server cannot open a TLS port (" + e.serverMessage() + ")");
      }
      test.run(tls, port);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers

  /** Opens a connection with the driver under test; the test's {@code @AfterEach} closes it. */
  protected final RedisConnection connect(String uri, ConnectionSettings settings) {
    return connect(RedisEndpoint.parse(uri), settings);
  }

  /** Opens a connection with the driver under test; the test's {@code @AfterEach} closes it. */
  protected final RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings) {
    RedisConnection c = newDriver().connect(endpoint, settings);
    assertNotNull(c, "connect() returned null");
    opened.add(c);
    return c;
  }

  private static Command.Builder cmd(String name) {
    return Command.builder(name);
  }

  private static Command.Builder eval(String script) {
    return Command.builder("EVAL").arg(script).arg(0);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
