package io.pottery.internal.testing;

import io.pottery.spi.Codec;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import java.time.Duration;
import java.util.ServiceLoader;

/**
 * The real drivers and codecs on the test class path, found as {@code Pottery} finds them, for tests that need
 * a bare {@link RedisConnection} or {@link Codec} (scripts, the backend) rather than a whole {@code Pottery}.
 */
public final class Providers {
  private Providers() {}

  /** The driver named {@code name} ({@code "jedis"}, {@code "lettuce"}). */
  public static RedisDriver driver(String name) {
    for (RedisDriver driver : ServiceLoader.load(RedisDriver.class)) {
      if (driver.name().equals(name)) {
        return driver;
      }
    }
    throw new IllegalStateException("No driver \"" + name + "\" on the test class path");
  }

  /** The codec named {@code name} ({@code "jackson"}, {@code "gson"}). */
  public static Codec codec(String name) {
    for (Codec codec : ServiceLoader.load(Codec.class)) {
      if (codec.name().equals(name)) {
        return codec;
      }
    }
    throw new IllegalStateException("No codec \"" + name + "\" on the test class path");
  }

  /** A connection with the given driver, a 2 s connect timeout and the given reply timeout. */
  public static RedisConnection connect(String driver, String uri, Duration commandTimeout) {
    return driver(driver).connect(RedisEndpoint.parse(uri), new ConnectionSettings(Duration.ofSeconds(2), commandTimeout));
  }
}
