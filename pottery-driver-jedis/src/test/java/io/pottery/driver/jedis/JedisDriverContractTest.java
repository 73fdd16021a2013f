package io.pottery.driver.jedis;

import io.pottery.spi.RedisDriver;
import io.pottery.testkit.contract.RedisDriverContract;

/** Runs the driver contract against {@link JedisDriver} on real servers. */
class JedisDriverContractTest extends RedisDriverContract {
  @Override
  protected RedisDriver newDriver() {
    return new JedisDriver();
  }
}
