package io.pottery.examples;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.driver.jedis.JedisClients;
import io.pottery.driver.lettuce.LettuceClients;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * The README's "Bring your own client" examples: Pottery over the application's Lettuce client, or its Jedis
 * configuration and pool limits. The one example class allowed to import a driver's types (ArchitectureTest
 * says why); BringYourOwnClientTest runs them.
 */
final class BringYourOwnClientExamples {
  private BringYourOwnClientExamples() {}

  /** Counts a visit in the map {@code key} through the application's Lettuce client; returns the count. */
  static int lettuce(RedisClient appClient, String host, int port, String key) {
    // snippet:byo-lettuce
    // appClient: the application's RedisClient, with its ClientResources (event loops, metrics, tracing)
    try (Pottery pottery = Pottery.builder()
        .client(LettuceClients.of(appClient, RedisURI.create(host, port)))
        .build()) {
      RedisMap<String, Integer> visits = pottery.map(key, String.class, Integer.class);
      return visits.merge("home", 1, Integer::sum);
    }   // closes Pottery's connections; appClient and its resources keep running
    // end-snippet
  }

  /** Counts a visit through the application's Jedis settings; returns the count. */
  static int jedis(String host, int port, String key) {
    // snippet:byo-jedis
    JedisClientConfig appConfig = DefaultJedisClientConfig.builder()
        .clientName("billing")          // also: .ssl(true).sslSocketFactory(..), .credentialsProvider(..)
        .build();
    ConnectionPoolConfig appPool = new ConnectionPoolConfig();
    appPool.setMaxTotal(8);
    try (Pottery pottery = Pottery.builder()
        .client(JedisClients.of(appConfig, appPool, new HostAndPort(host, port)))
        .build()) {
      return pottery.map(key, String.class, Integer.class).merge("home", 1, Integer::sum);
    }
    // end-snippet
  }
}
