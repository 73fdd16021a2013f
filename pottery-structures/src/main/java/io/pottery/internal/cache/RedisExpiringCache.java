package io.pottery.internal.cache;

import io.pottery.CacheLoadTimeoutException;
import io.pottery.ExpiringCache;
import io.pottery.TypeRef;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import io.pottery.spi.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link ExpiringCache} over one Redis string per entry, all under the hash tag of the cache name, with a sorted
 * set index for {@link #clear()}. The {@link KeyedStructure} is the index; entries and locks are named from it.
 */
final class RedisExpiringCache implements ExpiringCache {
  private static final Script PUT = Script.fromResource(RedisExpiringCache.class, "expiring-put.lua");
  private static final Script PUT_IF_ABSENT = Script.fromResource(RedisExpiringCache.class, "expiring-put-if-absent.lua");
  private static final Script REMOVE = Script.fromResource(RedisExpiringCache.class, "expiring-remove.lua");
  private static final Script CLEAR = Script.fromResource(RedisExpiringCache.class, "expiring-clear.lua");
  private static final Script LOCK = Script.fromResource(RedisExpiringCache.class, "expiring-lock.lua");
  private static final Script UNLOCK = Script.fromResource(RedisExpiringCache.class, "expiring-unlock.lua");
  /** What a stored null is: JSON null, Python's None; no other value encodes to it. */
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final long FIRST_BACKOFF_MILLIS = 10;
  private static final long MAX_BACKOFF_MILLIS = 200;

  private final KeyedStructure index;
  private final String name;
  private final byte[] entryPrefix;
  private final byte[] lockPrefix;
  private final Duration loadLease;
  private final Duration loadWait;

  /**
   * @param index the index structure, on the key {@code <namespace>cache:{name}}
   */
  RedisExpiringCache(KeyedStructure index, String name, Duration loadLease, Duration loadWait) {
    this.index = Objects.requireNonNull(index, "index");
    this.name = Objects.requireNonNull(name, "name");
    this.entryPrefix = (index.key() + ":").getBytes(StandardCharsets.UTF_8);
    this.lockPrefix = (index.key() + ":lock:").getBytes(StandardCharsets.UTF_8);
    this.loadLease = requireMillis(loadLease, "loadLease");
    this.loadWait = requireMillis(loadWait, "loadWait");
  }

  private static Duration requireMillis(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.toMillis() < 1) {
      throw new IllegalArgumentException(what + " must be at least 1 ms, got " + duration);
    }
    return duration;
  }

  @Override
  public String name() {
    return name;
  }

  /** The JSON of the key: the index member and the end of the entry key. */
  private byte[] member(Object key) {
    Objects.requireNonNull(key, () -> index.description() + ": a key is null");
    return index.encode(key, "key");
  }

  private static byte[] concat(byte[] prefix, byte[] rest) {
    byte[] all = Arrays.copyOf(prefix, prefix.length + rest.length);
    System.arraycopy(rest, 0, all, prefix.length, rest.length);
    return all;
  }

  @Override
  public String entryKey(Object key) {
    return new String(concat(entryPrefix, member(key)), StandardCharsets.UTF_8);
  }

  @Override
  public <T> Hit<T> get(Object key, TypeRef<T> type) {
    Objects.requireNonNull(type, "type");
    byte[] member = member(key);
    return read(member, concat(entryPrefix, member), type);
  }

  private <T> Hit<T> read(byte[] member, byte[] entry, TypeRef<T> type) {
    byte[] stored = index.execute(Command.builder("GET").key(entry).idempotent().build(), Reply.NULLABLE_BYTES);
    if (stored == null) {
      return null;
    }
    if (Arrays.equals(stored, NULL)) {
      return new Hit<>(null);
    }
    return new Hit<>(index.decode(stored, type, "the entry " + KeyedStructure.show(member)));
  }

  private static String ttlMillis(Duration ttl, String cache) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException(cache + ": the time to live is negative: " + ttl);
    }
    long millis = ttl.toMillis();
    if (millis == 0 && !ttl.isZero()) {
      throw new IllegalArgumentException(cache + ": a time to live under 1 ms is not possible in Redis: " + ttl
          + "; give Duration.ZERO for none");
    }
    return Long.toString(millis);
  }

  private byte[] encodeValue(Object value) {
    return value == null ? NULL : index.encode(value, "value");
  }

  @Override
  public void put(Object key, Object value, Duration ttl) {
    String millis = ttlMillis(ttl, index.description());
    byte[] member = member(key);
    index.eval(PUT, List.of(concat(entryPrefix, member), index.keyBytes()),
        List.of(encodeValue(value), millis.getBytes(StandardCharsets.US_ASCII), member, entryPrefix));
  }

  @Override
  public <T> Hit<T> putIfAbsent(Object key, Object value, Duration ttl, TypeRef<T> type) {
    Objects.requireNonNull(type, "type");
    String millis = ttlMillis(ttl, index.description());
    byte[] member = member(key);
    byte[] existing = index.eval(PUT_IF_ABSENT, Reply.NULLABLE_BYTES, List.of(concat(entryPrefix, member), index.keyBytes()),
        List.of(encodeValue(value), millis.getBytes(StandardCharsets.US_ASCII), member));
    if (existing == null) {
      return null;
    }
    if (Arrays.equals(existing, NULL)) {
      return new Hit<>(null);
    }
    return new Hit<>(index.decode(existing, type, "the entry " + KeyedStructure.show(member)));
  }

  @Override
  public boolean remove(Object key) {
    byte[] member = member(key);
    return index.eval(REMOVE, Reply.LONG, List.of(concat(entryPrefix, member), index.keyBytes()), List.of(member)) > 0;
  }

  @Override
  public long clear() {
    byte[] batch = Integer.toString(CLEAR_BATCH).getBytes(StandardCharsets.US_ASCII);
    long deleted = 0;
    while (true) {
      List<Long> reply = index.eval(CLEAR, Reply.LONG_LIST, List.of(index.keyBytes()), List.of(entryPrefix, batch));
      deleted += reply.get(0);
      if (reply.get(1) == 0) {
        return deleted;
      }
    }
  }

  @Override
  public <T> T computeIfAbsent(
      Object key, TypeRef<T> type, Supplier<? extends T> loader, Function<? super T, Duration> ttl) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(ttl, "ttl");
    byte[] member = member(key);
    byte[] entry = concat(entryPrefix, member);
    Hit<T> hit = read(member, entry, type);
    if (hit != null) {
      return hit.value();
    }
    byte[] lock = concat(lockPrefix, member);
    byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    byte[] lease = Long.toString(loadLease.toMillis()).getBytes(StandardCharsets.US_ASCII);
    long deadline = System.nanoTime() + loadWait.toNanos();
    long backoff = FIRST_BACKOFF_MILLIS;
    while (true) {
      if (index.eval(LOCK, Reply.BOOLEAN, List.of(lock), List.of(token, lease))) {
        return loadHoldingLock(member, entry, lock, token, type, loader, ttl);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CacheLoadTimeoutException(index.description() + ": waited " + loadWait + " for another process to"
            + " load " + new String(entry, StandardCharsets.UTF_8) + ", but the entry did not appear and the load lock "
            + new String(lock, StandardCharsets.UTF_8) + " stayed taken; is the loader slower than the wait?",
            new String(entry, StandardCharsets.UTF_8), List.of(index.backend().collectionMaster()));
      }
      sleep(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      hit = read(member, entry, type);
      if (hit != null) {
        return hit.value();
      }
    }
  }

  private <T> T loadHoldingLock(byte[] member, byte[] entry, byte[] lock, byte[] token, TypeRef<T> type,
      Supplier<? extends T> loader, Function<? super T, Duration> ttl) {
    try {
      // The previous holder may have stored it between our miss and taking the lock.
      Hit<T> hit = read(member, entry, type);
      if (hit != null) {
        return hit.value();
      }
      T value = loader.get();
      Duration timeToLive = Objects.requireNonNull(ttl.apply(value), () -> index.description() + ": the ttl function returned null");
      index.eval(PUT, List.of(entry, index.keyBytes()),
          List.of(encodeValue(value), ttlMillis(timeToLive, index.description()).getBytes(StandardCharsets.US_ASCII),
              member, entryPrefix));
      return value;
    } finally {
      index.eval(UNLOCK, List.of(lock), List.of(token));
    }
  }

  private void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(index.description() + ": interrupted while waiting for another process's load", e);
    }
  }

  @Override
  public Duration loadLease() {
    return loadLease;
  }

  @Override
  public Duration loadWait() {
    return loadWait;
  }

  @Override
  public ExpiringCache withLoadLock(Duration lease, Duration wait) {
    return new RedisExpiringCache(index, name, lease, wait);
  }

  /** {@code ExpiringCache{name="books", key="cache:{books}"}}; sends nothing to Redis. */
  @Override
  public String toString() {
    return "ExpiringCache{name=\"" + name + "\", key=\"" + index.key() + "\"}";
  }
}
