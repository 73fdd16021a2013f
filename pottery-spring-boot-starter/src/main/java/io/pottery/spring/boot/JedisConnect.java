package io.pottery.spring.boot;

import io.pottery.Pottery;
import io.pottery.driver.jedis.JedisClients;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/** The Jedis side of the connection: loaded only when Jedis and pottery-driver-jedis are present. */
final class JedisConnect {
  private JedisConnect() {}

  /** Points the builder at {@code masters}, else at {@code target}; with neither, leaves it alone. */
  static void apply(Pottery.Builder builder, List<String> masters, RedisTarget target) {
    if (!masters.isEmpty()) {
      builder.masters(masters.toArray(String[]::new));
      return;
    }
    if (target == null) {
      return;
    }
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .user(target.user()).password(target.password()).database(target.database());
    if (target.ssl() != null) {
      SSLParameters verifyHost = new SSLParameters();
      verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
      config.ssl(true).sslSocketFactory(target.ssl().createSslContext().getSocketFactory()).sslParameters(verifyHost);
    }
    JedisClientConfig built = config.build();
    if (target.cluster()) {
      Set<HostAndPort> seeds = new LinkedHashSet<>();
      target.nodes().forEach(node -> seeds.add(new HostAndPort(node.host(), node.port())));
      builder.client(JedisClients.cluster(built, null, seeds));
    } else {
      RedisTarget.Node node = target.nodes().get(0);
      builder.client(JedisClients.of(built, new HostAndPort(node.host(), node.port())));
    }
  }
}
