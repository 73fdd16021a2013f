package io.pottery.driver.lettuce;

import io.pottery.spi.RedisDriver;
import io.pottery.testkit.contract.RedisDriverContract;

/** Runs the driver contract against {@link LettuceDriver} on real servers. */
class LettuceDriverContractTest extends RedisDriverContract {
  @Override
  protected RedisDriver newDriver() {
    return new LettuceDriver();
  }
}
