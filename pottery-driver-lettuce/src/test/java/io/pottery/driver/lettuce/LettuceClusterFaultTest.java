package io.pottery.driver.lettuce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.RedisConnectionException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the cluster connection does with commands already written to a node when that node's connection drops:
 * Lettuce on its own would queue them to be written again after reconnecting (all but the first, which it fails
 * with the socket's error); here an idempotent one is resent
 * (to the promoted replica), a non-idempotent one fails at once with "outcome unknown" instead of waiting out its
 * timeout, and closing the connection fails whatever is still pending. Each test has its own 3-master cluster
 * (with replicas where it kills a master): the tests pause and kill nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LettuceClusterFaultTest {
  /** Long enough that a failure well before it can only come from the dropped connection. */
  private static final ConnectionSettings PATIENT = new ConnectionSettings(Duration.ofSeconds(2), Duration.ofSeconds(10));

  private LettuceDriver driver;

  @BeforeAll
  void newDriver() {
    Topology.assumeSelected(Topology.CLUSTER); // cluster faults are JDK-neutral: the JDK 25 run selects standalone
    driver = new LettuceDriver();
  }

  @AfterAll
  void noConnectionLeft() {
    driver = null;
  }

  @Test
  void commandsInFlightWhenTheirMasterDiesAreResentOnlyIfIdempotent() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(3, 1)) {
      String key = "inflight:{" + System.nanoTime() + "}";
      String counter = key + ":n";
      RedisServer master = cluster.masterFor(key);
      try (RawRedis raw = cluster.clientFor(master)) {
        raw.call("SET", key, "kept");
        raw.call("SET", counter, "1");
        assertThat((Long) raw.call("WAIT", "1", "5000")).isGreaterThanOrEqualTo(1L);
      }
      try (RedisConnection c = driver.connect(RedisEndpoint.parse(cluster.seedUri()), PATIENT)) {
        Command get = Command.builder("GET").key(key).idempotent().build();
        Command incr = Command.builder("INCR").key(counter).build();
        assertThat(c.execute(get)).isEqualTo(bytes("kept"));

        cluster.pause(master);
        // The read first: Lettuce fails the first unanswered command with the socket's error itself; the INCR
        // behind it is one Lettuce would queue for resending, and the driver must fail instead.
        CompletableFuture<Object> read = c.executeAsync(get).toCompletableFuture();
        CompletableFuture<Object> increment = c.executeAsync(incr).toCompletableFuture();
        Thread.sleep(200); // both are written to the frozen master's socket by now
        assertThat(increment).isNotDone();
        assertThat(read).isNotDone();
        long killedAt = System.nanoTime();
        cluster.kill(master);

        assertThatThrownBy(() -> increment.get(15, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(RedisConnectionException.class)
            .hasMessageContaining("outcome unknown")
            .hasMessageContaining(counter)
            .hasMessageContaining(master.host() + ":" + master.port())
            .hasMessageContaining("the connection dropped before the reply came");
        Duration failedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(failedAfter).as("the INCR fails when its connection drops, not at its 10 s timeout")
            .isLessThan(Duration.ofSeconds(3));

        assertThat(read.get(15, TimeUnit.SECONDS)).as("the GET is resent to the promoted replica").isEqualTo(bytes("kept"));
        // The frozen master never ran the INCR, and the driver did not send it again.
        assertThat(c.execute(Command.builder("GET").key(counter).build())).isEqualTo(bytes("1"));
      }
    }
  }

  @Test
  void closingFailsCommandsStillWaitingForAReply() throws Exception {
    try (RedisCluster cluster = RedisCluster.start(3, 0)) {
      String key = "closing:{" + System.nanoTime() + "}";
      RedisServer master = cluster.masterFor(key);
      RedisConnection c = driver.connect(RedisEndpoint.parse(cluster.seedUri()), PATIENT);
      CompletableFuture<Object> pending;
      try {
        assertThat(c.execute(Command.builder("SET").key(key).arg("v").build())).isEqualTo(bytes("OK"));
        cluster.pause(master);
        pending = c.executeAsync(Command.builder("INCR").key(key + ":n").build()).toCompletableFuture();
        Thread.sleep(100);
        long closing = System.nanoTime();
        c.close();
        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(RedisConnectionException.class)
            .hasMessageContaining("closed");
        assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> c.execute(Command.builder("GET").key(key).build()))
            .isInstanceOf(IllegalStateException.class);
      } finally {
        cluster.resume(master);
        c.close();
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
