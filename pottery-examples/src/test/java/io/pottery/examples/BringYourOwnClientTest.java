package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.pottery.Pottery;
import io.pottery.PotteryConfigurationException;
import io.pottery.RedisMap;
import io.pottery.driver.jedis.JedisClients;
import io.pottery.driver.lettuce.LettuceClients;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.SelfSignedTls;
import io.pottery.testkit.WithRedis;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * "Bring your own client": Pottery built over the application's Lettuce client and resources, or its Jedis
 * configuration and pool limits, on real servers. Each test checks the application's objects are the ones in use
 * (its latency recorder counts Pottery's commands, its channel customizer sees Pottery's channels on its event
 * loops, its client name and pool limit show on the server) and are still usable after {@code Pottery.close()}.
 */
@WithRedis(masters = 2)
class BringYourOwnClientTest {

  /** The application's Lettuce metrics: counts every command by type. */
  static final class CountingRecorder implements CommandLatencyRecorder {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword commandType,
        long firstResponseLatency, long completionLatency) {
      counts.computeIfAbsent(commandType.toString(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public boolean isEnabled() {
      return true;
    }

    /** How many commands Pottery sent: its command names render as {@code raw:<NAME>} (see RawKeyword). */
    int potteryCommands() {
      return counts.entrySet().stream().filter(e -> e.getKey().startsWith("raw:")).mapToInt(e -> e.getValue().get()).sum();
    }
  }

  /** The application's channel customizer: remembers the event-loop group of every channel made. */
  static final class GroupRecorder implements NettyCustomizer {
    final List<EventLoopGroup> groups = new CopyOnWriteArrayList<>();

    @Override
    public void afterChannelInitialized(Channel channel) {
      groups.add(channel.eventLoop().parent());
    }
  }

  @Test
  void lettuceSharesTheApplicationsResourcesAndNeverShutsThemDown(RedisServer server) throws Exception {
    CountingRecorder metrics = new CountingRecorder();
    GroupRecorder channels = new GroupRecorder();
    ClientResources app = DefaultClientResources.builder().commandLatencyRecorder(metrics).nettyCustomizer(channels).build();
    RedisClient appClient = RedisClient.create(app);
    try {
      try (StatefulRedisConnection<String, String> own = appClient.connect(RedisURI.create(server.uri()))) {
        assertThat(own.sync().ping()).isEqualTo("PONG");
      }
      assertThat(channels.groups).hasSize(1);
      EventLoopGroup appLoops = channels.groups.get(0);
      assertThat(metrics.potteryCommands()).isZero();

      String key = "byo:" + UUID.randomUUID();
      try (Pottery pottery = Pottery.builder().client(LettuceClients.of(appClient, RedisURI.create(server.uri())))
          .codec("jackson").build()) {
        assertThat(pottery.driverName()).isEqualTo("lettuce");
        RedisMap<String, Integer> map = pottery.map(key, String.class, Integer.class);
        map.put("a", 1);
        map.put("b", 2);
        assertThat(map).containsEntry("a", 1).hasSize(2);
        map.clear();
      }
      // The application's recorder saw Pottery's commands (named raw:<COMMAND>, see RawKeyword): one metrics
      // pipeline for both.
      assertThat(metrics.potteryCommands()).isGreaterThanOrEqualTo(5);
      // Pottery's channels ran the application's customizer and live on the application's event loops.
      assertThat(channels.groups.size()).isGreaterThan(1);
      assertThat(channels.groups).allSatisfy(group -> assertThat(group).isSameAs(appLoops));
      // Pottery.close() left the application's resources and client running.
      assertThat(appLoops.isShuttingDown()).isFalse();
      assertThat(app.eventExecutorGroup().isShuttingDown()).isFalse();
      try (StatefulRedisConnection<String, String> again = appClient.connect(RedisURI.create(server.uri()))) {
        assertThat(again.sync().ping()).isEqualTo("PONG");
      }
    } finally {
      appClient.shutdown();
      app.shutdown(0, 2, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void lettuceResourcesAloneTakeTheMastersFromUris(RedisServers servers) throws Exception {
    CountingRecorder metrics = new CountingRecorder();
    ClientResources app = DefaultClientResources.builder().commandLatencyRecorder(metrics).build();
    try {
      String key = "byo:" + UUID.randomUUID();
      try (Pottery pottery = Pottery.builder().client(LettuceClients.of(app)).masters(servers.uris()).codec("jackson").build()) {
        assertThat(pottery.masters()).hasSize(2);
        assertThat(pottery.nextId(key).nextLong()).isPositive();
      }
      assertThat(metrics.counts.keySet()).as("NextId's scripts, on both masters").anyMatch(type -> type.startsWith("raw:EVAL"));
      assertThat(app.eventExecutorGroup().isShuttingDown()).isFalse();
    } finally {
      app.shutdown(0, 2, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void lettuceClusterClientReachesEveryNode() throws Exception {
    RedisCluster cluster = io.pottery.testkit.RedisClusters.shared();
    CountingRecorder metrics = new CountingRecorder();
    ClientResources app = DefaultClientResources.builder().commandLatencyRecorder(metrics).build();
    RedisServer seed = cluster.masters().get(0);
    RedisClusterClient appClient = RedisClusterClient.create(app, RedisURI.create(seed.host(), seed.port()));
    try {
      try (Pottery pottery = Pottery.builder()
          .client(LettuceClients.of(appClient, List.of(RedisURI.create(seed.host(), seed.port()))))
          .codec("jackson").build()) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          String key = "byo:" + UUID.randomUUID();
          keys.add(key);
          pottery.map(key, String.class, Integer.class).put("n", i);
        }
        for (int i = 0; i < keys.size(); i++) {
          assertThat(pottery.map(keys.get(i), String.class, Integer.class).get("n")).isEqualTo(i);
          pottery.map(keys.get(i), String.class, Integer.class).clear();
        }
      }
      assertThat(metrics.potteryCommands()).isGreaterThanOrEqualTo(60);
    } finally {
      appClient.shutdown();
      app.shutdown(0, 2, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void jedisClusterConfigReachesEveryNode() {
    RedisCluster cluster = io.pottery.testkit.RedisClusters.shared();
    RedisServer seed = cluster.masters().get(0);
    String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
    JedisClientConfig appConfig = DefaultJedisClientConfig.builder().clientName(name).build();
    ConnectionPoolConfig appPool = new ConnectionPoolConfig();
    appPool.setMaxTotal(2);
    try (Pottery pottery = Pottery.builder()
        .client(JedisClients.cluster(appConfig, appPool, java.util.Set.of(new HostAndPort(seed.host(), seed.port()))))
        .codec("gson").build()) {
      assertThat(pottery.masters()).singleElement().asString().startsWith("redis-cluster://");
      for (int i = 0; i < 20; i++) {
        RedisMap<String, Integer> map = pottery.map("byo:" + UUID.randomUUID(), String.class, Integer.class);
        map.put("n", i);
        assertThat(map.get("n")).isEqualTo(i);
        map.clear();
      }
      // Every master served some of the 20 keys, each through connections carrying the application's name.
      for (RedisServer master : cluster.masters()) {
        try (RawRedis raw = master.client()) {
          String clients = new String((byte[]) raw.call("CLIENT", "LIST"), java.nio.charset.StandardCharsets.UTF_8);
          assertThat(clients).as("clients of %s", master).contains("name=" + name + " ");
        }
      }
    }
  }

  @Test
  void theReadmeExamplesRun(RedisServer server) {
    String key = "byo:" + UUID.randomUUID();
    RedisClient appClient = RedisClient.create();
    try {
      assertThat(BringYourOwnClientExamples.lettuce(appClient, server.host(), server.port(), key)).isEqualTo(1);
      assertThat(BringYourOwnClientExamples.jedis(server.host(), server.port(), key)).isEqualTo(2);
      assertThat(BringYourOwnClientExamples.lettuce(appClient, server.host(), server.port(), key)).isEqualTo(3);
    } finally {
      appClient.shutdown();
    }
    try (RawRedis raw = server.client()) {
      raw.call("DEL", key);
    }
  }

  @Test
  void connectionSettingsGivenBothWaysAreRefusedWithoutThePassword(RedisServer server) {
    RedisClient appClient = RedisClient.create();
    try {
      String withPassword = "redis://app:s3cret@" + server.host() + ":" + server.port();
      assertThatThrownBy(() -> Pottery.builder().masters(withPassword)
              .client(LettuceClients.of(appClient, RedisURI.create(server.uri()))).build())
          .isInstanceOf(PotteryConfigurationException.class)
          .hasMessageContaining("Connection settings given twice")
          .hasMessageContaining("lettuce RedisClient")
          .hasMessageContaining("docs/errors.md#client-and-masters")
          .hasMessageNotContaining("s3cret");
      assertThatThrownBy(() -> Pottery.builder().driver("jedis")
              .client(LettuceClients.of(appClient, RedisURI.create(server.uri()))).build())
          .isInstanceOf(PotteryConfigurationException.class)
          .hasMessageContaining("driver is \"jedis\" but the client")
          .hasMessageContaining("belongs to the lettuce driver");
    } finally {
      appClient.shutdown();
    }
  }

  @Test
  void jedisUsesTheApplicationsConfigAndPoolLimit(RedisServer server) throws Exception {
    String name = "app-" + UUID.randomUUID().toString().substring(0, 8);
    JedisClientConfig appConfig = DefaultJedisClientConfig.builder().clientName(name).database(3).build();
    ConnectionPoolConfig appPool = new ConnectionPoolConfig();
    appPool.setMaxTotal(1);
    appPool.setMaxIdle(1);
    String key = "byo:" + UUID.randomUUID();
    try (Pottery pottery = Pottery.builder()
        .client(JedisClients.of(appConfig, appPool, new HostAndPort(server.host(), server.port())))
        .codec("gson").build()) {
      assertThat(pottery.driverName()).isEqualTo("jedis");
      assertThat(pottery.masters()).containsExactly("redis://" + server.host() + ":" + server.port() + "/3");
      RedisMap<String, Integer> map = pottery.map(key, String.class, Integer.class);
      ExecutorService threads = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int base = t * 50;
          done.add(threads.submit(() -> {
            for (int i = 0; i < 50; i++) {
              map.put("k" + (base + i), base + i);
            }
          }));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(map).hasSize(400);
      try (RawRedis raw = server.client()) {
        String clients = new String((byte[]) raw.call("CLIENT", "LIST"), java.nio.charset.StandardCharsets.UTF_8);
        long named = clients.lines().filter(line -> line.contains("name=" + name + " ")).count();
        // The application's pool limit held with 8 threads competing, and its client name and database are used.
        assertThat(named).isEqualTo(1);
        assertThat(clients.lines().filter(line -> line.contains("name=" + name + " ")).findFirst().orElseThrow())
            .contains(" db=3 ");
      }
      map.clear();
    }
  }

  @Test
  void jedisUsesTheApplicationsTlsSocketFactory(RedisServer server) throws Exception {
    StringBuilder why = new StringBuilder();
    Optional<SelfSignedTls> made = SelfSignedTls.create(why);
    assumeTrue(made.isPresent(), () -> "openssl is needed to make a certificate: " + why);
    try (SelfSignedTls tls = made.get()) {
      Path cert = tls.certificate();
      Path key = tls.key();
      int tlsPort = SelfSignedTls.freePort();
      try (RawRedis raw = server.client()) {
        try {
          raw.call("CONFIG", "SET", "tls-cert-file", cert.toString(), "tls-key-file", key.toString(),
              "tls-auth-clients", "no", "tls-port", "" + tlsPort);
        } catch (RuntimeException e) {
          assumeTrue(false, "this redis-server cannot open a TLS port: " + e.getMessage());
        }
      }
      // The application's trust material, in memory only: the JVM's default trust store does not know the cert.
      KeyStore trust = tls.trustKeyStore();
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      SSLParameters verifyHost = new SSLParameters();
      verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
      JedisClientConfig appConfig = DefaultJedisClientConfig.builder().ssl(true)
          .sslSocketFactory(ssl.getSocketFactory()).sslParameters(verifyHost).build();
      ConnectionPoolConfig appPool = new ConnectionPoolConfig();
      appPool.setMaxTotal(4);
      String mapKey = "byo:" + UUID.randomUUID();
      try (Pottery pottery = Pottery.builder()
          .client(JedisClients.of(appConfig, appPool, new HostAndPort("127.0.0.1", tlsPort))).codec("jackson").build()) {
        assertThat(pottery.masters()).containsExactly("rediss://127.0.0.1:" + tlsPort + "/0");
        RedisMap<String, String> map = pottery.map(mapKey, String.class, String.class);
        map.put("over", "tls");
        assertThat(map).containsExactly(Map.entry("over", "tls"));
        map.clear();
      }
      try (RawRedis raw = server.client()) {
        raw.call("CONFIG", "SET", "tls-port", "0");
      }
    }
  }
}
