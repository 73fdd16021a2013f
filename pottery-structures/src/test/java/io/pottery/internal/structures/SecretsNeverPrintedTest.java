package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pottery.Pottery;
import io.pottery.PotteryException;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.RedisSource;
import io.pottery.testkit.WithRedis;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A password in a master's URI never shows: every configuration error (each builder misuse, each malformed URI)
 * and every connection error (refused, unknown host, wrong password, revoked credentials, TLS to a plain or a mute
 * port, a killed server, cluster mistakes, cross-slot calls, a closed {@code Pottery}) is provoked with a password
 * URI on both drivers, and the password appears in no message, cause, suppressed exception, {@code toString()},
 * {@code masters()} or printed stack trace of the whole throwable graph. Each scenario must fail, so none passes by
 * not running.
 */
@WithRedis(masters = 2)
class SecretsNeverPrintedTest {
  /** A password no server, library or JDK message would contain by chance. */
  private static final String SECRET = "Hunter2Zq9Secret";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jedis", "lettuce"})
  void noErrorOfAnyKindShowsThePassword(String driver, RedisServers servers) throws Exception {
    assumeTrue(RedisSource.selected().controllable(), "starts, kills and reconfigures servers of its own");
    RedisServer open = servers.get(0);
    RedisCluster cluster = RedisClusters.shared();
    int clusterNode = cluster.masters().get(0).port();
    int otherClusterNode = cluster.masters().get(1).port();
    int nobody = freePort();
    int nobodyElse = freePort();
    // A user with this password on a server without one: Redis accepts any password for the default user.
    String asDefault = "default:" + SECRET + "@";
    Map<String, ThrowingCallable> scenarios = new LinkedHashMap<>();

    // --- Builder misuse
    String uri = "redis://app:" + SECRET + "@127.0.0.1:" + nobody + "/0";
    scenarios.put("masters given twice", () -> Pottery.builder().masters(uri, uri));
    scenarios.put("masters already set", () -> Pottery.builder().masters(uri).masters("redis://localhost"));
    scenarios.put("a null master", () -> Pottery.builder().masters(uri, null));
    scenarios.put("an unknown driver", () -> Pottery.builder().masters(uri).driver("nope").build());
    scenarios.put("an unknown codec", () -> builder(driver).masters(uri).codec("nope").build());

    // --- Malformed URIs
    for (String bad : List.of(
        "redis://app:" + SECRET + "%zz@h:6380",
        "redis://app:" + SECRET + " x@h:6380",
        "redis://app:" + SECRET + "@h:0",
        "redis://app:" + SECRET + "@h:99999",
        "redis://app:" + SECRET + "@h:badport",
        "redis://app:" + SECRET + "@h:1/x",
        "redis://app:" + SECRET + "@h:1/0?pool=1",
        "redis://app:" + SECRET + "@h:1/0?timeout=soon",
        "redis://app:" + SECRET + "@h:1/0#fragment",
        "redis://app:" + SECRET + "@",
        "redis://app:" + SECRET + "@[::1",
        "http://app:" + SECRET + "@h",
        "app:" + SECRET + "@h:6380",
        "redis-cluster://app:" + SECRET + "@h1:70x0,h2:1",
        "redis-cluster://app:" + SECRET + "%zz@h1:1,h2:2",
        "redis-cluster://app:" + SECRET + "@h1:1,h2:2/3",
        "redis-cluster://app:" + SECRET + "@[::1:1,h2:2")) {
      scenarios.put("malformed " + bad.replace(SECRET, "…"), () -> builder(driver).masters(bad).build());
    }

    // --- Connecting
    scenarios.put("connection refused", () -> builder(driver).masters(uri).build());
    scenarios.put("cluster connection refused", () -> builder(driver)
        .masters("redis-cluster://app:" + SECRET + "@127.0.0.1:" + nobody + ",127.0.0.1:" + nobodyElse).build());
    scenarios.put("a password with a space, refused", () -> builder(driver)
        .masters("redis-cluster://app:" + SECRET + " x@127.0.0.1:" + nobody).build());
    scenarios.put("unknown host", () -> builder(driver).masters("redis://app:" + SECRET + "@no-such-host.invalid:6379").build());
    scenarios.put("wrong user and password", () -> builder(driver)
        .masters("redis://nobody-" + UUID.randomUUID() + ":" + SECRET + "@127.0.0.1:" + open.port()).build());
    scenarios.put("TLS to a plain port", () -> builder(driver).masters("rediss://" + asDefault + "127.0.0.1:" + open.port()).build());
    scenarios.put("cluster node as a single server", () -> builder(driver)
        .masters("redis://" + asDefault + "127.0.0.1:" + clusterNode).build());
    scenarios.put("one cluster twice", () -> builder(driver).masters("redis-cluster://" + asDefault + "127.0.0.1:" + clusterNode,
        "redis-cluster://" + asDefault + "127.0.0.1:" + otherClusterNode).build());
    scenarios.put("one server twice", () -> builder(driver).masters("redis://" + asDefault + "127.0.0.1:" + open.port() + "/0",
        "redis://" + asDefault + "localhost:" + open.port() + "/1").build());

    List<Runnable> cleanUp = new ArrayList<>();
    try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        RedisServers own = RedisServers.start(2)) {
      List<Socket> held = Collections.synchronizedList(new ArrayList<>());
      Thread acceptor = mute(mute, held);
      cleanUp.add(acceptor::interrupt);
      cleanUp.add(() -> held.forEach(SecretsNeverPrintedTest::closeQuietly));
      scenarios.put("TLS to a mute server", () -> impatient(driver).masters("rediss://" + asDefault + "127.0.0.1:" + mute.getLocalPort()).build());
      scenarios.put("a mute server", () -> impatient(driver).masters("redis://" + asDefault + "127.0.0.1:" + mute.getLocalPort()).build());

      RedisServer locked = own.get(0);
      try (RawRedis raw = locked.client()) {
        raw.call("CONFIG", "SET", "requirepass", "another-password");
      }
      scenarios.put("wrong password", () -> builder(driver).masters("redis://:" + SECRET + "@127.0.0.1:" + locked.port()).build());

      // --- After connecting
      String clusterUri = "redis-cluster://" + asDefault + "127.0.0.1:" + clusterNode;
      scenarios.put("cross slot", () -> {
        try (Pottery pottery = builder(driver).masters(clusterUri).build()) {
          RedisSet<String> a = pottery.set("secrets:a:" + UUID.randomUUID(), String.class);
          RedisSet<String> b = pottery.set("secrets:b:" + UUID.randomUUID(), String.class);
          a.union(b);
        }
      });
      scenarios.put("a closed Pottery", () -> {
        Pottery pottery = builder(driver).masters("redis://" + asDefault + "127.0.0.1:" + open.port()).build();
        RedisMap<String, Integer> map = pottery.map("secrets:" + UUID.randomUUID(), String.class, Integer.class);
        pottery.close();
        map.get("x");
      });
      RedisServer killed = own.get(1);
      Pottery onKilled = builder(driver).masters("redis://" + asDefault + "127.0.0.1:" + killed.port()).build();
      cleanUp.add(onKilled::close);
      scenarios.put("a killed server", () -> {
        killed.kill();
        onKilled.map("secrets:" + UUID.randomUUID(), String.class, Integer.class).put("x", 1);
      });
      scenarios.put("revoked credentials", () -> revokedCredentials(driver, open));

      // Every scenario runs, and every one that shows the password (or does not fail) is reported at once.
      List<String> leaks = new ArrayList<>();
      for (Map.Entry<String, ThrowingCallable> scenario : scenarios.entrySet()) {
        try {
          Throwable thrown = catchThrowable(scenario.getValue());
          assertThat(thrown).as("%s on %s must fail", scenario.getKey(), driver).isNotNull();
          assertNoSecret(scenario.getKey() + " on " + driver, thrown);
        } catch (AssertionError e) {
          leaks.add(e.getMessage().lines().findFirst().orElse(scenario.getKey()));
        }
      }
      assertThat(leaks).as("scenarios (of %d) that showed the password or did not fail", scenarios.size()).isEmpty();
    } finally {
      cleanUp.forEach(Runnable::run);
    }

    // --- What is shown when nothing failed
    Pottery.Builder builder = builder(driver).masters("redis://" + asDefault + "127.0.0.1:" + open.port());
    assertThat(builder.toString()).doesNotContain(SECRET);
    try (Pottery pottery = builder.build()) {
      assertThat(pottery.toString()).doesNotContain(SECRET);
      assertThat(String.join(" ", pottery.masters())).doesNotContain(SECRET);
    }
  }

  /** Connects as an ACL user, revokes its password and kills its connections, then uses it until a call fails. */
  private static void revokedCredentials(String driver, RedisServer server) throws InterruptedException {
    String user = "secrets-" + UUID.randomUUID().toString().substring(0, 8);
    try (RawRedis raw = server.client()) {
      raw.call("ACL", "SETUSER", user, "on", ">" + SECRET, "~*", "+@all");
      try (Pottery pottery = builder(driver).masters("redis://" + user + ":" + SECRET + "@127.0.0.1:" + server.port()).build()) {
        RedisMap<String, Integer> map = pottery.map("secrets:" + UUID.randomUUID(), String.class, Integer.class);
        map.put("x", 1);
        raw.call("ACL", "SETUSER", user, "resetpass", ">changed");
        raw.call("CLIENT", "KILL", "USER", user);
        // The first call may meet the killed socket; keep calling until one is refused, checking every failure.
        RuntimeException last = null;
        for (int i = 0; i < 20; i++) {
          try {
            map.get("x");
          } catch (RuntimeException e) {
            assertNoSecret("revoked credentials, call " + i + " on " + driver, e);
            last = e;
            if (String.valueOf(e.getMessage()).contains("refused the credentials")) {
              break;
            }
          }
          Thread.sleep(100);
        }
        if (last != null) {
          throw last;
        }
      } finally {
        raw.call("ACL", "DELUSER", user);
      }
    }
  }

  /** Timeouts generous enough for a loaded machine: scenarios that must time out use {@link #impatient}. */
  private static Pottery.Builder builder(String driver) {
    return Pottery.builder().driver(driver).codec("jackson")
        .connectTimeout(Duration.ofSeconds(3)).commandTimeout(Duration.ofSeconds(1));
  }

  private static Pottery.Builder impatient(String driver) {
    return Pottery.builder().driver(driver).codec("jackson")
        .connectTimeout(Duration.ofMillis(300)).commandTimeout(Duration.ofMillis(300));
  }

  /** Walks causes and suppressed exceptions (each once) and the printed stack trace. */
  static void assertNoSecret(String scenario, Throwable root) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      for (String text : Arrays.asList(t.getMessage(), t.getLocalizedMessage(), t.toString())) {
        assertThat(String.valueOf(text)).as("%s: %s in the graph of %s", scenario, t.getClass().getName(), root)
            .doesNotContain(SECRET);
      }
      if (t instanceof PotteryException pottery) {
        assertThat(String.join(" ", pottery.masters()) + pottery.key().orElse(""))
            .as("%s: masters() and key() of %s", scenario, t).doesNotContain(SECRET);
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
      todo.addAll(Arrays.asList(t.getSuppressed()));
    }
    StringWriter printed = new StringWriter();
    root.printStackTrace(new PrintWriter(printed));
    assertThat(printed.toString()).as("%s: the printed stack trace", scenario).doesNotContain(SECRET);
  }

  /** Accepts connections into {@code held} and never answers, until the server socket closes. */
  private static Thread mute(ServerSocket socket, List<Socket> held) {
    Thread thread = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          held.add(socket.accept());
        } catch (IOException e) {
          return;
        }
      }
    }, "secrets-mute-server");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing to do: the test is over.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
