package io.pottery.spring.boot.cache;

import io.pottery.TypeRef;
import java.time.Duration;
import java.util.Objects;

/**
 * How one cache of a {@link PotteryCacheManager} stores its entries.
 *
 * @param ttl the time to live of an entry unless a {@link PotteryCacheTtl} chooses another; {@link Duration#ZERO}
 *     for none
 * @param allowNullValues whether {@code null} is cached (as JSON {@code null}) or refused
 * @param valueType the type a cached value is read back as; {@code Object} reads JSON as maps, lists, strings,
 *     numbers and booleans
 * @since 0.3
 */
public record PotteryCacheSettings(Duration ttl, boolean allowNullValues, TypeRef<?> valueType) {
  /** No expiry, nulls allowed, values read as plain JSON types: Spring's own defaults. */
  public static final PotteryCacheSettings DEFAULTS = new PotteryCacheSettings(Duration.ZERO, true, TypeRef.of(Object.class));

  /**
   * Checks the settings.
   *
   * @throws NullPointerException if {@code ttl} or {@code valueType} is null
   * @throws IllegalArgumentException if {@code ttl} is negative
   */
  public PotteryCacheSettings {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(valueType, "valueType");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl is negative: " + ttl);
    }
  }

  /** These settings with another time to live. */
  public PotteryCacheSettings withTtl(Duration other) {
    return new PotteryCacheSettings(other, allowNullValues, valueType);
  }

  /** These settings with nulls allowed or not. */
  public PotteryCacheSettings withAllowNullValues(boolean allow) {
    return new PotteryCacheSettings(ttl, allow, valueType);
  }

  /** These settings with another value type. */
  public PotteryCacheSettings withValueType(TypeRef<?> type) {
    return new PotteryCacheSettings(ttl, allowNullValues, type);
  }
}
