package io.pottery.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.WithRedis;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration with {@link ApplicationContextRunner} on real servers: each condition on and off,
 * properties bound, the application's beans winning, optional dependencies missing.
 */
@WithRedis(masters = 3)
class PotteryAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
      DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class, PotteryShedLockAutoConfiguration.class));

  /** Counts the commands Pottery sends through the application's Lettuce resources (named raw:<NAME>). */
  static final class CountingRecorder implements CommandLatencyRecorder {
    final AtomicInteger pottery = new AtomicInteger();

    @Override
    public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword type, long first, long done) {
      if (type.toString().startsWith("raw:")) {
        pottery.incrementAndGet();
      }
    }

    @Override
    public boolean isEnabled() {
      return true;
    }
  }

  private static String hostPort(RedisServer server) {
    return server.host() + ":" + server.port();
  }

  @Test
  void withNoPotterySettingsItConnectsWhereSpringDataRedisPointsAndSharesTheClientResources(RedisServer server) {
    CountingRecorder recorder = new CountingRecorder();
    runner.withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port(),
            "spring.data.redis.database=2")
        .withBean("appResources", ClientResources.class,
            () -> DefaultClientResources.builder().commandLatencyRecorder(recorder).build())
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Pottery.class);
          Pottery pottery = context.getBean(Pottery.class);
          assertThat(pottery.masters()).containsExactly("redis://" + hostPort(server) + "/2");
          assertThat(pottery.driverName()).isEqualTo("lettuce");
          assertThat(pottery.codecName()).isEqualTo("jackson");
          String key = "boot:" + UUID.randomUUID();
          RedisMap<String, Integer> map = pottery.map(key, String.class, Integer.class);
          map.put("a", 1);
          try (RawRedis raw = server.client(); RawRedis db2 = RawRedis.connect(server.uri(2))) {
            assertThat(raw.call("EXISTS", key)).as("not in database 0").isEqualTo(0L);
            assertThat(db2.call("HGET", key, "\"a\"")).as("JSON field and value, as Python pottery writes them")
                .isEqualTo("1".getBytes(StandardCharsets.UTF_8));
          }
          map.clear();
          assertThat(recorder.pottery.get()).as("the application's Lettuce metrics saw Pottery's commands").isPositive();
        });
  }

  @Test
  void springDataRedisUrlWithDatabaseIsUsed(RedisServer server) {
    runner.withPropertyValues("spring.data.redis.url=redis://" + hostPort(server) + "/4").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(Pottery.class).masters()).containsExactly("redis://" + hostPort(server) + "/4");
    });
  }

  @Test
  void clusterNodesFromSpringDataRedisGiveAClusterMaster() {
    RedisCluster cluster = RedisClusters.shared();
    RedisServer seed = cluster.masters().get(0);
    runner.withPropertyValues("spring.data.redis.cluster.nodes=" + hostPort(seed)).run(context -> {
      assertThat(context).hasNotFailed();
      Pottery pottery = context.getBean(Pottery.class);
      assertThat(pottery.masters()).singleElement().asString().startsWith("redis-cluster://");
      for (int i = 0; i < 10; i++) {
        String key = "boot:" + UUID.randomUUID();
        RedisMap<String, Integer> map = pottery.map(key, String.class, Integer.class);
        map.put("n", i);
        assertThat(map.get("n")).isEqualTo(i);
        map.clear();
      }
    });
  }

  @Test
  void potteryPropertiesAreBoundAndMastersReplaceSpringDataRedis(RedisServers servers) {
    runner.withPropertyValues("spring.data.redis.port=1", "pottery.masters=" + String.join(",", servers.uris()),
            "pottery.codec=gson", "pottery.driver=jedis", "pottery.namespace=app:", "pottery.command-timeout=3s",
            "pottery.connect-timeout=4s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Pottery pottery = context.getBean(Pottery.class);
          assertThat(pottery.masters()).hasSize(3);
          assertThat(pottery.driverName()).isEqualTo("jedis");
          assertThat(pottery.codecName()).isEqualTo("gson");
          PotteryProperties properties = context.getBean(PotteryProperties.class);
          assertThat(properties.getNamespace()).isEqualTo("app:");
          assertThat(properties.getCommandTimeout()).hasSeconds(3);
          assertThat(properties.getConnectTimeout()).hasSeconds(4);
          String key = "ns:" + UUID.randomUUID();
          pottery.map(key, String.class, Integer.class).put("a", 1);
          assertThat(servers.first().client().call("EXISTS", "app:" + key)).isEqualTo(1L);
          pottery.map(key, String.class, Integer.class).clear();
          assertThat(pottery.nextId(key).nextLong()).isPositive();
        });
  }

  @Test
  void jedisFollowsSpringDataRedisToo(RedisServer server) {
    runner.withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port(),
            "spring.data.redis.database=5", "pottery.driver=jedis")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Pottery pottery = context.getBean(Pottery.class);
          assertThat(pottery.driverName()).isEqualTo("jedis");
          assertThat(pottery.masters()).containsExactly("redis://" + hostPort(server) + "/5");
        });
  }

  @Test
  void disabledByPotteryEnabledFalse(RedisServer server) {
    runner.withPropertyValues("pottery.enabled=false", "spring.data.redis.port=" + server.port())
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Pottery.class)
            .doesNotHaveBean(LockProvider.class).doesNotHaveBean(PotteryProperties.class));
  }

  @Test
  void theApplicationsPotteryWins(RedisServer server) {
    runner.withBean("myPottery", Pottery.class, () -> Pottery.builder().masters(server.uri(3)).build())
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Pottery.class);
          assertThat(context.getBean(Pottery.class).masters()).containsExactly(server.uri(3));
          assertThat(context).hasSingleBean(PotteryLockProvider.class);
        });
  }

  @Test
  void customizersRunLastAndASettingGivenTwiceFailsClearly(RedisServer server) {
    runner.withPropertyValues("pottery.masters=" + server.uri())
        .withBean(PotteryBuilderCustomizer.class, () -> builder -> builder.namespace("custom:"))
        .run(context -> assertThat(context).hasNotFailed());
    runner.withPropertyValues("pottery.masters=" + server.uri())
        .withBean(PotteryBuilderCustomizer.class, () -> builder -> builder.masters("redis://elsewhere:6379"))
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("masters was already set"));
  }

  @Test
  void sentinelDetailsAreRefusedWithWhatToSet() {
    runner.withPropertyValues("spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=127.0.0.1:1")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("Sentinel").hasMessageContaining("pottery.masters"));
  }

  @Test
  void withoutSpringBootDataRedisItUsesPotteryMasters(RedisServer server) {
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.data.redis", "org.springframework.data.redis"))
        .withPropertyValues("pottery.masters=" + server.uri(6))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(DataRedisConnectionDetails.class);
          assertThat(context.getBean(Pottery.class).masters()).containsExactly(server.uri(6));
        });
  }

  @Test
  void withoutLettuceItFollowsSpringDataRedisWithJedis(RedisServer server) {
    runner.withClassLoader(new FilteredClassLoader("io.lettuce", "io.pottery.driver.lettuce"))
        .withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port(),
            "spring.data.redis.database=7", "spring.data.redis.client-type=jedis")
        .run(context -> {
          assertThat(context).hasNotFailed();
          Pottery pottery = context.getBean(Pottery.class);
          assertThat(pottery.driverName()).isEqualTo("jedis");
          assertThat(pottery.masters()).containsExactly("redis://" + hostPort(server) + "/7");
        });
  }

  @Test
  void shedLockProviderIsOnByDefaultOffBySwitchOrWithoutShedLockAndYieldsToTheApplications(RedisServer server) {
    ApplicationContextRunner withServer = runner.withPropertyValues("pottery.masters=" + server.uri());
    withServer.run(context -> assertThat(context).hasNotFailed().hasSingleBean(PotteryLockProvider.class));
    withServer.withPropertyValues("pottery.shedlock.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).doesNotHaveBean(LockProvider.class));
    withServer.withClassLoader(new FilteredClassLoader(LockProvider.class))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).doesNotHaveBean(PotteryLockProvider.class));
    LockProvider mine = configuration -> Optional.<SimpleLock>empty();
    withServer.withBean("mine", LockProvider.class, () -> mine)
        .run(context -> assertThat(context.getBean(LockProvider.class)).isSameAs(mine));
    withServer.withPropertyValues("pottery.shedlock.key-prefix=jobs:", "pottery.shedlock.keep-alive=true").run(context -> {
      PotteryProperties.Shedlock shedlock = context.getBean(PotteryProperties.class).getShedlock();
      assertThat(shedlock.getKeyPrefix()).isEqualTo("jobs:");
      assertThat(shedlock.isKeepAlive()).isTrue();
      LockProvider provider = context.getBean(LockProvider.class);
      String job = "job-" + UUID.randomUUID();
      SimpleLock lock = provider.lock(new LockConfiguration(java.time.Instant.now(), job,
          java.time.Duration.ofSeconds(5), java.time.Duration.ZERO)).orElseThrow();
      assertThat(server.client().call("EXISTS", "redlock:jobs:" + job)).isEqualTo(1L);
      assertThat(provider.lock(new LockConfiguration(java.time.Instant.now(), job,
          java.time.Duration.ofSeconds(5), java.time.Duration.ZERO))).isEmpty();
      lock.unlock();
      assertThat(server.client().call("EXISTS", "redlock:jobs:" + job)).isEqualTo(0L);
    });
  }

  @Test
  void configurationMetadataListsThePotteryProperties() throws Exception {
    try (InputStream in = PotteryProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"pottery.masters\"", "\"pottery.enabled\"", "\"pottery.namespace\"",
          "\"pottery.command-timeout\"", "\"pottery.shedlock.keep-alive\"");
    }
  }
}
