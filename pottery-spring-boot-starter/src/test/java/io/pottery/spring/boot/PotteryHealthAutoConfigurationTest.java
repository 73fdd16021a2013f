package io.pottery.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.MasterStatus;
import io.pottery.Pottery;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@link PotteryHealthAutoConfiguration} with {@link ApplicationContextRunner} on real servers: each condition on and
 * off, Spring Boot's health module absent, the application's bean winning, several {@code Pottery} beans; then the
 * health itself with masters stopped: UP, UP degraded, DOWN when the quorum or the first master is lost, and never a
 * password.
 */
@WithRedis(masters = 3, controllable = true)
class PotteryHealthAutoConfigurationTest {
  private static final String SECRET = "Hunter2Zq9Health";

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
      DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class, PotteryHealthAutoConfiguration.class));

  private final List<RedisServer> killed = new ArrayList<>();

  @AfterEach
  void restartKilled() {
    killed.forEach(RedisServer::restart);
    killed.clear();
  }

  private ApplicationContextRunner on(RedisServers servers) {
    return runner.withPropertyValues("pottery.masters=" + String.join(",", servers.uris()),
        "pottery.command-timeout=500ms", "pottery.connect-timeout=2s");
  }

  private static Health health(AssertableApplicationContext context) {
    return ((HealthIndicator) context.getBean("potteryHealthContributor", HealthContributor.class)).health(true);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> masters(Health health) {
    return (List<Map<String, Object>>) health.getDetails().get("masters");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> quorum(Health health) {
    return (Map<String, Object>) health.getDetails().get("quorum");
  }

  @Test
  void upWithEveryMastersVersionAndLatency(RedisServers servers) {
    on(servers).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(PotteryHealthIndicator.class);
      Health health = health(context);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(masters(health)).hasSize(3).allSatisfy(master -> {
        assertThat(master).containsEntry("status", "UP").containsKeys("uri", "latencyMillis", "version")
            .doesNotContainKey("error");
        assertThat((Double) master.get("latencyMillis")).isPositive().isLessThan(500.0);
      });
      assertThat(masters(health)).extracting(master -> master.get("uri")).containsExactly((Object[]) servers.uris());
      assertThat(masters(health).get(0).get("version")).isEqualTo(servers.first().version().toString());
      assertThat(quorum(health)).containsEntry("up", 3).containsEntry("masters", 3).containsEntry("needed", 2)
          .containsEntry("reachable", true);
      assertThat(health.getDetails()).doesNotContainKeys("degraded", "error");
      System.out.println("health, all up: " + health);
    });
  }

  @Test
  void oneMasterStoppedIsUpButDegradedTwoAreDown(RedisServers servers) {
    on(servers).run(context -> {
      assertThat(health(context).getStatus()).isEqualTo(Status.UP);
      kill(servers.get(2));
      long start = System.nanoTime();
      Health degraded = health(context);
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("health, one master killed (" + ms + " ms): " + degraded);
      assertThat(degraded.getStatus()).as("a quorum and the first master are up").isEqualTo(Status.UP);
      assertThat(degraded.getDetails()).containsEntry("degraded", true);
      assertThat(masters(degraded)).extracting(master -> master.get("status")).containsExactly("UP", "UP", "DOWN");
      assertThat(masters(degraded).get(2)).containsKey("error").doesNotContainKey("version");
      assertThat(quorum(degraded)).containsEntry("up", 2).containsEntry("needed", 2).containsEntry("reachable", true);

      kill(servers.get(1));
      Health down = health(context);
      System.out.println("health, two masters killed: " + down);
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(quorum(down)).containsEntry("up", 1).containsEntry("reachable", false);
      assertThat(down.getDetails().get("error")).asString().startsWith("quorum lost: 1 of 3 masters up, 2 needed");
    });
  }

  @Test
  void theFirstMasterStoppedIsDownEvenWithAQuorum(RedisServers servers) {
    on(servers).run(context -> {
      kill(servers.first());
      Health health = health(context);
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(quorum(health)).containsEntry("up", 2).containsEntry("reachable", true);
      assertThat(health.getDetails().get("error")).asString().contains("first master")
          .contains(servers.first().uri());
    });
  }

  private void kill(RedisServer server) {
    server.kill();
    killed.add(server);
  }

  @Test
  void neverShowsAPassword(RedisServers servers) {
    String user = "health-" + UUID.randomUUID();
    RedisServer server = servers.first();
    try (RawRedis raw = server.client()) {
      raw.call("ACL", "SETUSER", user, "on", ">" + SECRET, "~*", "&*", "+@all");
    }
    String uri = "redis://" + user + ":" + SECRET + "@" + server.host() + ":" + server.port() + "/0";
    try {
      runner.withPropertyValues("pottery.masters=" + uri + "," + servers.get(1).uri() + "," + servers.get(2).uri(),
          "pottery.command-timeout=500ms").run(context -> {
            kill(servers.get(2));
            Health health = health(context);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.toString()).doesNotContain(SECRET).contains(user + ":***@");
          });
    } finally {
      try (RawRedis raw = server.client()) {
        raw.call("ACL", "DELUSER", user);
      }
    }
  }

  @Test
  void offByManagementHealthPotteryEnabled(RedisServers servers) {
    on(servers).withPropertyValues("management.health.pottery.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Pottery.class)
            .doesNotHaveBean("potteryHealthContributor"));
  }

  @Test
  void offByManagementHealthDefaultsEnabled(RedisServers servers) {
    on(servers).withPropertyValues("management.health.defaults.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("potteryHealthContributor"));
    on(servers).withPropertyValues("management.health.defaults.enabled=false", "management.health.pottery.enabled=true")
        .run(context -> assertThat(context).hasNotFailed().hasBean("potteryHealthContributor"));
  }

  @Test
  void offWithPotteryItself(RedisServers servers) {
    on(servers).withPropertyValues("pottery.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Pottery.class)
            .doesNotHaveBean("potteryHealthContributor"));
  }

  @Test
  void absentWithoutSpringBootsHealthModule(RedisServers servers) {
    on(servers).withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).doesNotHaveBean("potteryHealthContributor");
          assertThat(context.getBean(Pottery.class).probe()).allMatch(MasterStatus::up);
        });
  }

  @Test
  void theApplicationsOwnIndicatorWins(RedisServers servers) {
    HealthIndicator own = () -> Health.outOfService().build();
    on(servers).withBean("potteryHealthIndicator", HealthIndicator.class, () -> own)
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("potteryHealthContributor");
          assertThat(context.getBean("potteryHealthIndicator")).isSameAs(own);
        });
  }

  @Test
  void severalPotteryBeansMakeACompositeNamedByBean(RedisServers servers) {
    runner.withBean("orders", Pottery.class, () -> Pottery.builder().masters(servers.get(0).uri()).build())
        .withBean("locks", Pottery.class, () -> Pottery.builder().masters(servers.uris()).build())
        .run(context -> {
          assertThat(context).hasNotFailed();
          HealthContributor contributor = context.getBean("potteryHealthContributor", HealthContributor.class);
          assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
          CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
          Health orders = ((HealthIndicator) composite.getContributor("orders")).health(true);
          Health locks = ((HealthIndicator) composite.getContributor("locks")).health(true);
          assertThat(orders.getStatus()).isEqualTo(Status.UP);
          assertThat(masters(orders)).hasSize(1);
          assertThat(masters(locks)).hasSize(3);
        });
  }

  @Test
  void theVerdictOfEachCount() {
    Duration ms = Duration.ofMillis(1);
    List<MasterStatus> fiveWithTwoDown = List.of(MasterStatus.up("redis://a", ms, "7.2.4"),
        MasterStatus.up("redis://b", ms, null), MasterStatus.down("redis://c", ms, "refused"),
        MasterStatus.up("redis://d", ms, "7.2.4"), MasterStatus.down("redis://e", ms, "no reply in 2000 ms"));
    Health.Builder builder = new Health.Builder();
    PotteryHealthIndicator.describe(fiveWithTwoDown, builder);
    Health health = builder.build();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("degraded", true);
    assertThat(quorum(health)).containsEntry("up", 3).containsEntry("needed", 3).containsEntry("reachable", true);
    assertThat(masters(health).get(1)).as("a version the server did not tell is left out").doesNotContainKey("version");
    assertThat(masters(health).get(4)).containsEntry("error", "no reply in 2000 ms");

    builder = new Health.Builder();
    PotteryHealthIndicator.describe(List.of(MasterStatus.down("redis://a", ms, "refused")), builder);
    health = builder.build();
    assertThat(health.getStatus()).as("one master, down").isEqualTo(Status.DOWN);
    assertThat(quorum(health)).containsEntry("needed", 1).containsEntry("reachable", false);
  }
}
