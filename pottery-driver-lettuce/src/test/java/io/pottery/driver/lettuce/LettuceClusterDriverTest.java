package io.pottery.driver.lettuce;

import io.pottery.spi.RedisDriver;
import io.pottery.testkit.contract.ClusterDriverContract;

/** Runs the cluster driver contract against {@link LettuceDriver} on real clusters. */
class LettuceClusterDriverTest extends ClusterDriverContract {
  @Override
  protected RedisDriver newDriver() {
    return new LettuceDriver();
  }
}
