package io.pottery;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A named cache whose every entry is its own Redis string with its own time to live, enforced by Redis
 * ({@code SET ... PX}): an entry past its time to live is gone for every reader, with no eviction task in any
 * client. Built for a Spring {@code CacheManager} and usable on its own.
 *
 * <p><b>Layout.</b> For the cache {@code books} and a {@code Pottery} with namespace {@code ns:}:
 * <ul>
 *   <li>entry: {@code ns:cache:{books}:<json of the key>} holds the codec's JSON of the value, so the key
 *       {@code 42} is {@code ns:cache:{books}:42} and the key {@code "isbn"} is {@code ns:cache:{books}:"isbn"};
 *       Python reads the value with {@code json.loads(redis.get(key))}. A stored {@code null} is JSON {@code null}
 *       (Python's {@code None}); it cannot collide with any other value, as nothing else encodes to it.
 *   <li>index: {@code ns:cache:{books}} (a sorted set) lists the JSON of every key put, scored by its expiry in
 *       Unix milliseconds ({@code inf} for none); each write also drops a few index members whose entry is gone,
 *       so the index stays bounded by the live entries plus a little.
 *   <li>load lock: {@code ns:cache:{books}:lock:<json of the key>}, a lease held while one caller of
 *       {@link #computeIfAbsent} runs the loader.
 * </ul>
 * All keys of one cache share the hash tag {@code {books}}, so on a Redis Cluster they live in one slot (one
 * node): that is what makes {@link #clear()} possible without {@code KEYS} or a cluster-wide {@code SCAN}, and
 * it is the trade-off (one cache is never spread over several nodes).
 *
 * <p><b>Keys.</b> A key is any value the codec encodes (strings, numbers, booleans, lists, maps, records, beans);
 * its JSON, with sorted map keys, is deterministic, so equal keys find the same entry from Java and Python. A
 * key the codec cannot encode is refused with a {@link CodecException} naming the cache.
 *
 * <p><b>Round trips and atomicity.</b> {@link #get} is one {@code GET}. {@link #put}, {@link #putIfAbsent} and
 * {@link #remove} are one script each, atomic: the entry and its index member change together. {@link #clear()}
 * runs a script per batch of {@value #CLEAR_BATCH} entries, so it never blocks Redis for long on a big cache;
 * an entry put while {@code clear()} runs may survive it. {@link #computeIfAbsent} takes a lease in Redis, so
 * among all processes sharing the cache one runs the loader per key at a time.
 *
 * <p>All methods may throw {@link RedisConnectionException}, {@link RedisErrorException}, or
 * {@link IllegalStateException} after {@code Pottery.close()}. Thread-safe.
 *
 * @since 0.1
 */
public interface ExpiringCache {
  /** How many entries one script of {@link #clear()} deletes at most. */
  int CLEAR_BATCH = 500;

  /**
   * A value found in the cache; {@code value} is {@code null} when {@code null} was stored.
   *
   * @param value the decoded value
   * @param <T> the value type
   * @since 0.1
   */
  record Hit<T>(T value) {}

  /** The cache's name, as given (without namespace or braces). */
  String name();

  /**
   * The full Redis key of the entry for {@code key}, e.g. {@code cache:{books}:42}; sends nothing.
   *
   * @throws CodecException naming the cache if the key cannot be encoded
   * @throws NullPointerException if the key is null
   */
  String entryKey(Object key);

  /**
   * The value stored for {@code key}, or {@code null} if there is none (never stored, removed or expired). One
   * {@code GET}; reading does not change the time to live.
   *
   * @throws CodecException if the stored bytes are not a {@code type}, naming the cache and the key
   */
  <T> Hit<T> get(Object key, TypeRef<T> type);

  /** As {@link #get(Object, TypeRef)} with a plain class. */
  default <T> Hit<T> get(Object key, Class<T> type) {
    return get(key, TypeRef.of(type));
  }

  /**
   * Stores {@code value} (may be {@code null}) for {@code key}, replacing what was there, expiring after
   * {@code ttl}; {@link Duration#ZERO} for never. One script: {@code SET PX} and the index together; safe to send
   * again after a lost reply.
   *
   * @throws IllegalArgumentException if {@code ttl} is negative or under one millisecond but not zero
   * @throws CodecException naming the cache if the key or the value cannot be encoded
   */
  void put(Object key, Object value, Duration ttl);

  /**
   * Stores {@code value} for {@code key} unless an entry is there, atomically ({@code SET NX PX} and the index in
   * one script).
   *
   * @return {@code null} if {@code value} was stored, else the entry already there
   * @throws IllegalArgumentException as {@link #put}
   */
  <T> Hit<T> putIfAbsent(Object key, Object value, Duration ttl, TypeRef<T> type);

  /** As {@link #putIfAbsent(Object, Object, Duration, TypeRef)} with a plain class. */
  default <T> Hit<T> putIfAbsent(Object key, Object value, Duration ttl, Class<T> type) {
    return putIfAbsent(key, value, ttl, TypeRef.of(type));
  }

  /**
   * Removes the entry for {@code key}; one script ({@code DEL} and the index member).
   *
   * @return whether an entry was there
   */
  boolean remove(Object key);

  /**
   * Removes every entry of the cache, by batches of at most {@value #CLEAR_BATCH} entries per script, following
   * the index: no {@code KEYS} and no {@code SCAN}, on a single server or a cluster alike.
   *
   * @return how many entries were deleted (expired ones the index still listed are not counted)
   */
  long clear();

  /**
   * The value for {@code key}, loaded at most once at a time across every process sharing the cache: on a miss
   * the caller takes the key's load lock in Redis (a lease of {@link #loadLease()}) and, finding the entry still
   * absent, runs {@code loader}, stores its result for {@code ttl.apply(result)} and releases the lock. Callers
   * that find the lock taken poll for the entry with a backoff (10 ms doubling to 200 ms) for up to
   * {@link #loadWait()}, and take the lock themselves if its holder released it or died (its lease expired). The
   * lease is not renewed: a loader slower than the lease may run again in another process.
   *
   * @param ttl the time to live of the loaded value ({@link Duration#ZERO} for never)
   * @return the cached or loaded value
   * @throws RuntimeException what the loader threw, as it is; the lock is released and nothing is stored
   * @throws CacheLoadTimeoutException if the entry did not appear and the lock stayed taken for {@link #loadWait()}
   */
  <T> T computeIfAbsent(Object key, TypeRef<T> type, Supplier<? extends T> loader, Function<? super T, Duration> ttl);

  /** The lease of the load lock that {@link #computeIfAbsent} takes; 30 s unless set by {@link #withLoadLock}. */
  Duration loadLease();

  /** How long {@link #computeIfAbsent} waits for another process's load; 60 s unless set by {@link #withLoadLock}. */
  Duration loadWait();

  /**
   * This cache with another load lock lease and wait; sends nothing.
   *
   * @throws IllegalArgumentException if either is under one millisecond
   */
  ExpiringCache withLoadLock(Duration lease, Duration wait);
}
