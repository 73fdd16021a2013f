package io.pottery.examples.archfixture;

import com.google.gson.Gson;
import io.pottery.internal.discovery.PotteryAssembly;
import redis.clients.jedis.UnifiedJedis;

/**
 * Breaks every architecture rule on purpose, so ArchitectureTest can show each rule fails when it should.
 * Only ArchitectureTest imports it; the rules themselves check the artifacts' main classes, not tests.
 */
public final class LeakyExample {
  private PotteryAssembly assembly;

  /** A user-facing class handing out a Jedis client: a driver type outside the driver. */
  public UnifiedJedis jedis() {
    return null;
  }

  /** A Gson type outside the Gson codec. */
  public Gson gson() {
    return new Gson();
  }

  /** An internal API type in example code. */
  public PotteryAssembly assembly() {
    return assembly;
  }
}
