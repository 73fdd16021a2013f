package io.pottery.internal.probe;

import io.pottery.MasterStatus;
import io.pottery.RedisErrorException;
import io.pottery.internal.structures.Backend;
import io.pottery.spi.Command;
import io.pottery.spi.RedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Internal, may change: {@link io.pottery.Pottery#probe()}. Sends every master its probe through {@link
 * RedisConnection#executeAsync} at once, then waits for the answers until one command timeout after the first was
 * sent: a frozen master is reported down then, whatever its driver's own timer does, and never holds up the
 * others' statuses. Completion callbacks only read the clock and parse a reply, as the SPI asks of code that runs
 * on driver threads.
 *
 * <p>A single server gets {@code INFO server} (one section: Redis 6.2's INFO takes one name). A cluster master
 * gets {@code INFO server} and {@code CLUSTER INFO}, both routed to the owner of slot 0 (a keyless command needs a
 * route on a cluster, and slot 0's owner is how {@code MasterTopology} names a cluster too) and sent together,
 * so the two share one round trip; {@code cluster_state:fail} makes it down, as it does in Spring Boot's own Redis
 * health indicator. An error reply still means the server answered: up, version unknown.
 */
public final class MasterProbe {
  private static final String STRUCTURE = "Pottery.probe()";
  private static final Command INFO_SERVER = Command.builder("INFO").arg("server").idempotent().build();
  private static final Command CLUSTER_INFO_SERVER = Command.builder("INFO").arg("server").idempotent().routeTo(0).build();
  private static final Command CLUSTER_INFO = Command.builder("CLUSTER").arg("INFO").idempotent().routeTo(0).build();

  private MasterProbe() {}

  /**
   * Probes every master of {@code backend}; see {@link io.pottery.Pottery#probe()}.
   *
   * @return one status per master, in order
   * @throws IllegalStateException if the {@code Pottery} is closed
   */
  public static List<MasterStatus> probe(Backend backend) {
    List<RedisConnection> connections = backend.connections(STRUCTURE);
    List<String> masters = backend.masters();
    Duration timeout = backend.commandTimeout();
    long start = System.nanoTime();
    List<CompletableFuture<MasterStatus>> pending = new ArrayList<>(connections.size());
    for (int i = 0; i < connections.size(); i++) {
      pending.add(probe(backend, connections.get(i), masters.get(i)));
    }
    long deadline = start + timeout.toNanos();
    List<MasterStatus> statuses = new ArrayList<>(pending.size());
    boolean interrupted = false;
    for (int i = 0; i < pending.size(); i++) {
      CompletableFuture<MasterStatus> status = pending.get(i);
      while (true) {
        try {
          statuses.add(status.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
          break;
        } catch (InterruptedException e) {
          // The wait is bounded by the deadline: finish it, and keep the interrupt for the caller.
          interrupted = true;
        } catch (TimeoutException e) {
          statuses.add(MasterStatus.down(masters.get(i), Duration.ofNanos(System.nanoTime() - start),
              "no reply in " + timeout.toMillis() + " ms (the command timeout)"));
          break;
        } catch (ExecutionException e) {
          // probe(...) turns every failure into a status; only a bug lands here.
          throw new IllegalStateException(STRUCTURE + ": probing " + masters.get(i) + " failed", e.getCause());
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return List.copyOf(statuses);
  }

  /** The probe of one master, completing with its status (never exceptionally). */
  private static CompletableFuture<MasterStatus> probe(Backend backend, RedisConnection connection, String uri) {
    long sent = System.nanoTime();
    CompletableFuture<Object> info;
    CompletableFuture<Object> cluster;
    boolean isCluster = connection.endpoint().cluster();
    try {
      info = connection.executeAsync(isCluster ? CLUSTER_INFO_SERVER : INFO_SERVER).toCompletableFuture();
      cluster = isCluster ? connection.executeAsync(CLUSTER_INFO).toCompletableFuture()
          : CompletableFuture.completedFuture(null);
    } catch (IllegalStateException e) {
      throw backend.closedOr(e, STRUCTURE);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(MasterStatus.down(uri, since(sent), message(e)));
    }
    return CompletableFuture.allOf(info, cluster).handle((ignored, error) -> {
      Duration latency = since(sent);
      Throwable failure = failure(info);
      if (failure == null) {
        failure = failure(cluster);
      }
      if (failure != null) {
        return MasterStatus.down(uri, latency, message(failure));
      }
      String clusterInfo = text(replyOf(cluster));
      if (clusterInfo != null && "fail".equals(field(clusterInfo, "cluster_state"))) {
        return MasterStatus.down(uri, latency, "the cluster reports cluster_state:fail (slots_fail:"
            + field(clusterInfo, "cluster_slots_fail") + ", known nodes:" + field(clusterInfo, "cluster_known_nodes")
            + "); it refuses commands until every slot is served again");
      }
      String server = text(replyOf(info));
      return MasterStatus.up(uri, latency, server == null ? null : field(server, "redis_version"));
    });
  }

  /** A completed reply, or null when it failed (an error reply: the server answered, without the text). */
  private static Object replyOf(CompletableFuture<Object> reply) {
    return reply.isCompletedExceptionally() ? null : reply.getNow(null);
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  /** Why a completed reply failed, or null when it came, or was an error reply (the server answered). */
  private static Throwable failure(CompletableFuture<Object> reply) {
    if (!reply.isCompletedExceptionally()) {
      return null;
    }
    try {
      reply.join();
      return null;
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      return cause instanceof RedisErrorException ? null : cause;
    }
  }

  /** The failure for people: the exception's message (drivers redact URIs), else its type. */
  private static String message(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }

  /** A reply as text: INFO's bulk string (bytes), or null for no reply or an error reply standing in for one. */
  private static String text(Object reply) {
    if (reply instanceof byte[]) {
      return new String((byte[]) reply, StandardCharsets.UTF_8);
    }
    return reply instanceof String ? (String) reply : null;
  }

  /** The value of {@code name:value} on a line of INFO-style text, or null. */
  private static String field(String info, String name) {
    String prefix = name + ":";
    return info.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()).trim())
        .filter(value -> !value.isEmpty()).findFirst().orElse(null);
  }
}
