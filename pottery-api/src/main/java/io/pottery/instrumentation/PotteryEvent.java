package io.pottery.instrumentation;

import java.util.Objects;

/**
 * Something that happened to a lock, a NextId or a cache, reported to {@link PotteryListener#event}.
 *
 * @param kind what happened
 * @param structure the structure's Java type, as in {@link Operation#structure()}
 * @param key the full Redis key; user data, see {@link Operation#key()}
 * @param count how many: ids issued in the round, cache entries hit, missed, put or evicted; 1 otherwise
 * @param nanos a duration where the kind has one (see {@link Kind}), else 0
 * @since 0.3
 */
public record PotteryEvent(Kind kind, String structure, String key, long count, long nanos) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a reference component is null
   */
  public PotteryEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(structure, "structure");
    Objects.requireNonNull(key, "key");
  }

  /** The kinds of events. Constants may be added in later versions; ignore unknown ones. */
  public enum Kind {
    /** A lock was acquired; {@code nanos} is how long the caller waited for it before the winning attempt began. */
    LOCK_ACQUIRED,
    /** A lock was released (or its release found the lease lost); {@code nanos} is how long it was held. */
    LOCK_RELEASED,
    /** A held lock was extended by {@code extend()}. */
    LOCK_EXTENDED,
    /** The watchdog renewed a held lease on a quorum. Reported outside any operation (context {@code null}). */
    LEASE_RENEWED,
    /**
     * The watchdog could not renew a lease on a quorum: the holder may no longer hold the lock. Reported outside
     * any operation (context {@code null}).
     */
    LEASE_LOST,
    /** A NextId round stored a range of {@code count} ids on a quorum (callers that queued together share one). */
    IDS_ISSUED,
    /** {@code count} cache lookups found a stored entry. */
    CACHE_HIT,
    /** {@code count} cache lookups found nothing (the function runs, or the key is reported as a miss). */
    CACHE_MISS,
    /** {@code count} entries were written to a cache. */
    CACHE_PUT,
    /** {@code count} entries were removed from a cache by the application ({@code cacheClear()}). */
    CACHE_EVICT
  }
}
