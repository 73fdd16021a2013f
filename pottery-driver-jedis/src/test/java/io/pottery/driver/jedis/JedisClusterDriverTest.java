package io.pottery.driver.jedis;

import io.pottery.spi.RedisDriver;
import io.pottery.testkit.contract.ClusterDriverContract;

/** Runs the cluster driver contract against {@link JedisDriver} on real Redis Clusters. */
class JedisClusterDriverTest extends ClusterDriverContract {
  @Override
  protected RedisDriver newDriver() {
    return new JedisDriver();
  }
}
