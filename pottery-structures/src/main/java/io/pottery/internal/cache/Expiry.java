package io.pottery.internal.cache;

import io.pottery.internal.structures.KeyedStructure;
import io.pottery.spi.Command;
import java.time.Duration;
import java.util.Optional;

/**
 * The idle timeout of a cache hash: after which time without a call (memoize) or write (CachedOrderedMap) the
 * whole hash expires, renewed with {@code PEXPIRE} in the same pipeline as the call's own command, as Python
 * pottery renews its {@code EXPIRE} after each call.
 *
 * @param millis the time to live in milliseconds, or 0 for none
 */
record Expiry(long millis) {
  /** Python pottery's default: 60 s. */
  static final Duration DEFAULT = Duration.ofSeconds(60);

  /**
   * The expiry for a timeout; {@code null} or zero means none.
   *
   * @throws IllegalArgumentException if the timeout is negative or below a millisecond
   */
  static Expiry of(Duration timeout) {
    if (timeout == null || timeout.isZero()) {
      return new Expiry(0);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout + "; use null or Duration.ZERO for no expiry");
    }
    if (timeout.toMillis() == 0) {
      throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout + "; use null or Duration.ZERO for no expiry");
    }
    return new Expiry(timeout.toMillis());
  }

  /** The {@code PEXPIRE} to send after a call, if there is a timeout. */
  Optional<Command> renew(KeyedStructure redis) {
    return millis == 0 ? Optional.empty() : Optional.of(redis.command("PEXPIRE").arg(millis).idempotent().build());
  }

  /** {@code ARGV} form for scripts: the milliseconds, {@code 0} for none. */
  byte[] argument() {
    return Long.toString(millis).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
