package io.pottery.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * What a driver needs besides the endpoint to open a connection.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection and the handshake
 * @param commandTimeout how long to wait for any one reply before failing with
 *     {@link io.pottery.RedisConnectionException}; also bounds each reply of a pipeline
 * @since 0.1
 */
public record ConnectionSettings(Duration connectTimeout, Duration commandTimeout) {

  /** The defaults: 2 s to connect, 2 s per reply. */
  public static final ConnectionSettings DEFAULTS = new ConnectionSettings(Duration.ofSeconds(2), Duration.ofSeconds(2));

  /**
   * Checks the settings.
   *
   * @throws NullPointerException if a timeout is null
   * @throws IllegalArgumentException if a timeout is zero or negative
   */
  public ConnectionSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
    }
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
    }
  }
}
