package io.pottery.spring.boot;

import io.pottery.MasterStatus;
import io.pottery.Pottery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of one {@link Pottery}: each master probed ({@link Pottery#probe()}: one round trip per master, in
 * parallel, bounded by the command timeout), and a quorum summary.
 *
 * <ul>
 *   <li>{@code UP} when every master answered;
 *   <li>{@code UP} with {@code degraded: true} when some masters are down but a quorum (n/2 + 1) is up and the
 *       first master, which holds every collection and the cache, is up: Redlock, NextId and the collections
 *       still work. Spring Boot leaves statuses missing from {@code management.endpoint.health.status.order} out
 *       of the aggregate, so an invented {@code DEGRADED} status would silently not count: the details say it;
 *   <li>{@code DOWN} when the quorum is lost (Redlock and NextId fail) or the first master is down (every
 *       collection, the cache and a single-master lock fail).
 * </ul>
 *
 * <p>Details: {@code masters}, one entry per master in order ({@code uri} redacted, never a password; {@code
 * status}; {@code latencyMillis}; {@code version} when known; {@code error} when down), and {@code quorum} ({@code
 * up}, {@code masters}, {@code needed}, {@code reachable}). Thread-safe; each call probes anew.
 *
 * @since 0.3
 */
public class PotteryHealthIndicator extends AbstractHealthIndicator {
  private final Pottery pottery;

  /**
   * The health of {@code pottery}.
   *
   * @param pottery the {@code Pottery} to probe
   * @throws NullPointerException if {@code pottery} is null
   */
  public PotteryHealthIndicator(Pottery pottery) {
    super("Pottery health check failed");
    this.pottery = Objects.requireNonNull(pottery, "pottery");
  }

  /** Probes every master and reports as the class comment says; a closed {@code Pottery} is {@code DOWN}. */
  @Override
  protected void doHealthCheck(Health.Builder builder) {
    describe(pottery.probe(), builder);
  }

  /**
   * Sets the status and details for {@code statuses} (one per master, in order), as the class comment says.
   *
   * @param statuses what {@link Pottery#probe()} returned
   * @param builder where the status and details go
   * @throws IllegalArgumentException if {@code statuses} is empty
   */
  static void describe(List<MasterStatus> statuses, Health.Builder builder) {
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("a Pottery has at least one master");
    }
    int up = 0;
    List<Map<String, Object>> masters = new ArrayList<>(statuses.size());
    for (MasterStatus status : statuses) {
      Map<String, Object> master = new LinkedHashMap<>();
      master.put("uri", status.uri());
      master.put("status", status.up() ? "UP" : "DOWN");
      master.put("latencyMillis", status.latency().toNanos() / 1_000_000.0);
      status.serverVersion().ifPresent(version -> master.put("version", version));
      status.failure().ifPresent(failure -> master.put("error", failure));
      masters.add(master);
      if (status.up()) {
        up++;
      }
    }
    int needed = statuses.size() / 2 + 1;
    boolean quorate = up >= needed;
    boolean collections = statuses.get(0).up();
    Map<String, Object> quorum = new LinkedHashMap<>();
    quorum.put("up", up);
    quorum.put("masters", statuses.size());
    quorum.put("needed", needed);
    quorum.put("reachable", quorate);
    builder.withDetail("masters", masters).withDetail("quorum", quorum);
    if (quorate && collections) {
      builder.up();
      if (up < statuses.size()) {
        builder.withDetail("degraded", true);
      }
    } else {
      builder.down();
      if (!collections) {
        builder.withDetail("error", "the first master, which holds every collection and the cache, is down: "
            + statuses.get(0).uri());
      } else {
        builder.withDetail("error", "quorum lost: " + up + " of " + statuses.size() + " masters up, " + needed
            + " needed for Redlock and NextId");
      }
    }
  }
}
