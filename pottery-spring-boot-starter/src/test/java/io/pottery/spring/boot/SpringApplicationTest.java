package io.pottery.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.WithRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A small Spring Boot application using the starter, started for real ({@link SpringApplicationBuilder}, full
 * auto-configuration) against real servers: a {@code RedisMap} bean, and a {@code @SchedulerLock} job run by two
 * application contexts at once, which must never overlap. Also a job that outlives its lease, whose loss is
 * reported while it still runs.
 */
@WithRedis(masters = 3)
class SpringApplicationTest {

  /** What the jobs of both contexts did, shared by the two contexts of one test. */
  static final class Tracker {
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();
    final List<Long> tokens = new CopyOnWriteArrayList<>();
    final List<String> runners = new CopyOnWriteArrayList<>();
    final List<LeaseLost> lost = new CopyOnWriteArrayList<>();
    volatile long lostAtNanos;
    volatile long jobEndedAtNanos;
    final AtomicInteger greetings = new AtomicInteger();
  }

  /** The application: a map bean, a report job locked across the fleet. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableScheduling
  @EnableSchedulerLock(defaultLockAtMostFor = "PT10S")
  @EnableCaching
  static class App {
    @Bean
    Greeter greeter(Tracker tracker) {
      return new Greeter(tracker);
    }

    @Bean
    RedisMap<String, Integer> visits(Pottery pottery, @Value("${app.map-key}") String key) {
      return pottery.map(key, String.class, Integer.class);
    }

    @Bean
    ReportJob reportJob(Tracker tracker, PotteryLockProvider locks, @Value("${app.instance}") String instance) {
      return new ReportJob(tracker, locks, instance);
    }
  }

  /** A {@code @Cacheable} method on the auto-configured Pottery cache manager. */
  static class Greeter {
    private final Tracker tracker;

    Greeter(Tracker tracker) {
      this.tracker = tracker;
    }

    @Cacheable("greetings")
    public String greet(String name) {
      tracker.greetings.incrementAndGet();
      return "hello " + name;
    }
  }

  /** The scheduled job: 40 ms of work under the lock, every 10 ms on each instance. */
  static class ReportJob {
    private final Tracker tracker;
    private final PotteryLockProvider locks;
    private final String instance;

    ReportJob(Tracker tracker, PotteryLockProvider locks, String instance) {
      this.tracker = tracker;
      this.locks = locks;
      this.instance = instance;
    }

    @Scheduled(fixedDelay = 10)
    @SchedulerLock(name = "${app.job-name}", lockAtMostFor = "PT5S")
    public void report() throws InterruptedException {
      if (tracker.inside.incrementAndGet() > 1) {
        tracker.overlaps.incrementAndGet();
      }
      tracker.tokens.add(locks.currentFencingToken().orElseThrow());
      tracker.runners.add(instance);
      Thread.sleep(40);
      tracker.inside.decrementAndGet();
    }
  }

  /** An application whose job runs 1.5 s under a 300 ms lease. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableScheduling
  @EnableSchedulerLock(defaultLockAtMostFor = "PT10S")
  static class SlowApp {
    @Bean
    SlowJob slowJob(Tracker tracker) {
      return new SlowJob(tracker);
    }

    @Bean
    LeaseLostListener recordLoss(Tracker tracker) {
      return event -> {
        tracker.lostAtNanos = System.nanoTime();
        tracker.lost.add(event);
      };
    }
  }

  /** Runs once, longer than its lease. */
  static class SlowJob {
    private final Tracker tracker;
    private final AtomicInteger runs = new AtomicInteger();

    SlowJob(Tracker tracker) {
      this.tracker = tracker;
    }

    @Scheduled(fixedDelay = 60_000)
    @SchedulerLock(name = "${app.job-name}", lockAtMostFor = "PT0.3S")
    public void slow() throws InterruptedException {
      if (runs.incrementAndGet() == 1) {
        Thread.sleep(1500);
        tracker.jobEndedAtNanos = System.nanoTime();
      }
    }
  }

  private static ConfigurableApplicationContext start(Class<?> app, Tracker tracker, String... properties) {
    return new SpringApplicationBuilder(app).web(WebApplicationType.NONE).properties(properties)
        .initializers(context -> context.getBeanFactory().registerSingleton("tracker", tracker))
        .run();
  }

  private static void competeFor(Duration time, Tracker tracker, String... properties) throws InterruptedException {
    String job = "report-" + UUID.randomUUID();
    List<String> a = new ArrayList<>(List.of(properties));
    a.add("app.job-name=" + job);
    a.add("app.instance=a");
    List<String> b = new ArrayList<>(List.of(properties));
    b.add("app.job-name=" + job);
    b.add("app.instance=b");
    try (ConfigurableApplicationContext first = start(App.class, tracker, a.toArray(String[]::new));
        ConfigurableApplicationContext second = start(App.class, tracker, b.toArray(String[]::new))) {
      RedisMap<String, Integer> visits = first.getBean("visits", RedisMap.class);
      visits.put("home", 1);
      assertThat(second.getBean("visits", RedisMap.class).get("home")).as("one map seen by both instances").isEqualTo(1);
      visits.clear();
      assertThat(first.getBean(Greeter.class).greet(job)).isEqualTo("hello " + job);
      assertThat(second.getBean(Greeter.class).greet(job)).isEqualTo("hello " + job);
      assertThat(tracker.greetings).as("@Cacheable: computed once, the other instance read it from Redis").hasValue(1);
      Thread.sleep(time.toMillis());
    }
  }

  private static void assertNoOverlap(Tracker tracker, String where) {
    long a = tracker.runners.stream().filter("a"::equals).count();
    long b = tracker.runners.size() - a;
    System.out.println("SchedulerLock " + where + ": " + tracker.runners.size() + " runs (a " + a + ", b " + b + "), "
        + tracker.overlaps.get() + " overlapping");
    assertThat(tracker.runners.size()).as("the job ran").isGreaterThanOrEqualTo(10);
    assertThat(tracker.overlaps.get()).as("runs that overlapped another").isZero();
    for (int i = 1; i < tracker.tokens.size(); i++) {
      assertThat(tracker.tokens.get(i)).as("fencing tokens increase run after run").isGreaterThan(tracker.tokens.get(i - 1));
    }
  }

  @Test
  void twoInstancesShareTheJobOnAQuorumOfMastersWithoutOverlap(RedisServers servers) throws InterruptedException {
    Tracker tracker = new Tracker();
    competeFor(Duration.ofSeconds(4), tracker, "pottery.masters=" + String.join(",", servers.uris()),
        "app.map-key=app:" + UUID.randomUUID());
    assertNoOverlap(tracker, "on 3 masters");
  }

  @Test
  void twoInstancesShareTheJobOnTheSpringDataRedisCluster() throws InterruptedException {
    RedisCluster cluster = RedisClusters.shared();
    RedisServer seed = cluster.masters().get(0);
    Tracker tracker = new Tracker();
    competeFor(Duration.ofSeconds(4), tracker, "spring.data.redis.cluster.nodes=" + seed.host() + ":" + seed.port(),
        "app.map-key=app:" + UUID.randomUUID());
    assertNoOverlap(tracker, "on the cluster");
  }

  @Test
  void aLeaseLostWhileTheJobRunsIsReportedBeforeTheJobEnds(RedisServer server) throws InterruptedException {
    Tracker tracker = new Tracker();
    String job = "slow-" + UUID.randomUUID();
    long started = System.nanoTime();
    try (ConfigurableApplicationContext context = start(SlowApp.class, tracker, "spring.data.redis.host=" + server.host(),
        "spring.data.redis.port=" + server.port(), "app.job-name=" + job)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (tracker.jobEndedAtNanos == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(tracker.jobEndedAtNanos).as("the job finished").isNotZero();
    assertThat(tracker.lost).as("one report").hasSize(1);
    LeaseLost event = tracker.lost.get(0);
    assertThat(event.lockName()).isEqualTo(job);
    assertThat(event.reason()).contains("lockAtMostFor");
    assertThat(event.heldFor()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(tracker.lostAtNanos).as("reported while the job still ran").isLessThan(tracker.jobEndedAtNanos);
    System.out.println("Lease lost reported " + Duration.ofNanos(tracker.lostAtNanos - started).toMillis()
        + " ms after start, job ended " + Duration.ofNanos(tracker.jobEndedAtNanos - started).toMillis() + " ms after start");
  }
}
