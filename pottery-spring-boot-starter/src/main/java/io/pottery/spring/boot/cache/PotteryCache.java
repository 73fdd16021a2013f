package io.pottery.spring.boot.cache;

import io.pottery.ExpiringCache;
import io.pottery.TypeRef;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * One Spring {@link Cache} over a Pottery {@link ExpiringCache}: every entry is the Redis string
 * {@code <namespace>cache:{<name>}:<JSON of the key>} holding the codec's JSON of the value (Python reads it with
 * {@code json.loads}), with its own time to live kept by Redis.
 *
 * <p><b>Keys.</b> The key is written as JSON: {@code 42}, {@code "isbn-1"}, a record or bean as an object with
 * sorted fields. Spring's {@link SimpleKey} (the key of a method with several parameters, or none) is written as
 * the JSON array of its parameters ({@code [1, "a"]}; {@code []} for none). A key the codec cannot encode is
 * refused with a {@link io.pottery.CodecException} naming the cache; so is a key object that encodes as
 * {@code {}} (no properties the codec sees), since every such key would share one entry.
 *
 * <p><b>Values</b> are read back as the cache's {@link PotteryCacheSettings#valueType()}, or as the class given to
 * {@link #get(Object, Class)}. {@code null} is stored as JSON {@code null} when allowed.
 *
 * <p><b>{@link #get(Object, Callable)}</b> ({@code @Cacheable(sync = true)}) loads once per key across every
 * process sharing Redis, under a lease in Redis; see {@link ExpiringCache#computeIfAbsent}.
 *
 * <p>Counts hits, misses, puts and removals made through this instance (this JVM), for Micrometer's cache
 * meters. Thread-safe.
 *
 * @since 0.3
 */
public final class PotteryCache implements Cache {
  private final String name;
  private final ExpiringCache store;
  private final PotteryCacheSettings settings;
  private final PotteryCacheTtl ttlFunction;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();

  /**
   * Creates the cache; sends nothing to Redis.
   *
   * @param ttlFunction chooses each entry's time to live; {@code null} for the settings' one
   */
  public PotteryCache(String name, ExpiringCache store, PotteryCacheSettings settings, PotteryCacheTtl ttlFunction) {
    this.name = Objects.requireNonNull(name, "name");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ttlFunction = ttlFunction;
  }

  @Override
  public String getName() {
    return name;
  }

  /** The {@link ExpiringCache} holding the entries. */
  @Override
  public ExpiringCache getNativeCache() {
    return store;
  }

  /** How this cache stores its entries. */
  public PotteryCacheSettings settings() {
    return settings;
  }

  /** Lookups that found an entry, through this instance. */
  public long hitCount() {
    return hits.sum();
  }

  /** Lookups that found none, through this instance. */
  public long missCount() {
    return misses.sum();
  }

  /** Entries stored through this instance (puts, and values loaded by {@link #get(Object, Callable)}). */
  public long putCount() {
    return puts.sum();
  }

  /** Entries removed through this instance by {@link #evict}/{@link #evictIfPresent}. */
  public long removalCount() {
    return removals.sum();
  }

  /**
   * What the key is stored as: a {@link SimpleKey} becomes the list of its parameters, anything else stays.
   *
   * @throws IllegalArgumentException naming the cache if the key would encode as {@code {}}
   */
  Object storeKey(Object key) {
    Objects.requireNonNull(key, () -> "cache \"" + name + "\": the key is null");
    if (key instanceof SimpleKey simple) {
      return simpleKeyParameters(simple);
    }
    if (!(key instanceof CharSequence || key instanceof Number || key instanceof Boolean || key instanceof Map
        || key instanceof Collection || key instanceof Enum || key.getClass().isArray() || key.getClass().isRecord())
        && store.entryKey(key).endsWith(":{}")) {
      throw new IllegalArgumentException("cache \"" + name + "\": the key of type " + key.getClass().getName()
          + " encodes as {} (the codec sees no property of it), so every such key would share one entry; give"
          + " @Cacheable a key expression (key = \"#p0.id\"), a record, or a type with getters");
    }
    return key;
  }

  private List<Object> simpleKeyParameters(SimpleKey key) {
    if (SimpleKey.EMPTY.equals(key)) {
      return List.of();
    }
    try {
      Field params = SimpleKey.class.getDeclaredField("params");
      params.setAccessible(true);
      return Arrays.asList((Object[]) params.get(key));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cache \"" + name + "\": cannot read the parameters of " + key
          + " to write them as a JSON array; give @Cacheable a key expression (key = \"{#a, #b}\")", e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> TypeRef<T> valueType() {
    return (TypeRef<T>) settings.valueType();
  }

  @Override
  public ValueWrapper get(Object key) {
    ExpiringCache.Hit<Object> hit = store.get(storeKey(key), valueType());
    count(hit != null);
    return hit == null ? null : new SimpleValueWrapper(hit.value());
  }

  private void count(boolean hit) {
    (hit ? hits : misses).increment();
  }

  @Override
  public <T> T get(Object key, Class<T> type) {
    ExpiringCache.Hit<T> hit = store.get(storeKey(key), type == null ? valueType() : TypeRef.of(type));
    count(hit != null);
    return hit == null ? null : hit.value();
  }

  @Override
  public <T> T get(Object key, Callable<T> valueLoader) {
    Object stored = storeKey(key);
    ExpiringCache.Hit<T> hit = store.get(stored, valueType());
    count(hit != null);
    if (hit != null) {
      return hit.value();
    }
    return store.computeIfAbsent(stored, valueType(), () -> {
      T value;
      try {
        value = valueLoader.call();
      } catch (Exception e) {
        throw new ValueRetrievalException(key, valueLoader, e);
      }
      requireAllowed(value);
      puts.increment();
      return value;
    }, value -> timeToLive(key, value));
  }

  private void requireAllowed(Object value) {
    if (value == null && !settings.allowNullValues()) {
      throw new IllegalArgumentException("Cache '" + name + "' is configured to not allow null values but null was"
          + " provided (pottery.cache.allow-null-values / pottery.cache.caches." + name + ".allow-null-values)");
    }
  }

  private Duration timeToLive(Object key, Object value) {
    Duration chosen = ttlFunction == null ? null : ttlFunction.timeToLive(name, key, value);
    return chosen == null ? settings.ttl() : chosen;
  }

  /**
   * Looks the entry up now, on the calling thread (the drivers' calls block), and returns it as a completed
   * future, as Spring's {@code ConcurrentMapCache} does: {@code null} if absent, else a future of a
   * {@code ValueWrapper} when null values are allowed, or of the value when not.
   */
  @Override
  public CompletableFuture<?> retrieve(Object key) {
    ExpiringCache.Hit<Object> hit = store.get(storeKey(key), valueType());
    count(hit != null);
    if (hit == null) {
      return null;
    }
    return CompletableFuture.completedFuture(settings.allowNullValues() ? new SimpleValueWrapper(hit.value()) : hit.value());
  }

  /**
   * Looks the entry up now; on a miss, stores what the loader's future completes with, when it completes. Unlike
   * {@link #get(Object, Callable)}, this takes no lock in Redis: concurrent misses in several processes each run
   * their loader, and the last store wins.
   */
  @Override
  public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
    Object stored = storeKey(key);
    ExpiringCache.Hit<T> hit = store.get(stored, valueType());
    count(hit != null);
    if (hit != null) {
      return CompletableFuture.completedFuture(hit.value());
    }
    return valueLoader.get().thenApply(value -> {
      put(key, value);
      return value;
    });
  }

  @Override
  public void put(Object key, Object value) {
    requireAllowed(value);
    store.put(storeKey(key), value, timeToLive(key, value));
    puts.increment();
  }

  @Override
  public ValueWrapper putIfAbsent(Object key, Object value) {
    requireAllowed(value);
    ExpiringCache.Hit<Object> existing = store.putIfAbsent(storeKey(key), value, timeToLive(key, value), valueType());
    if (existing == null) {
      puts.increment();
      return null;
    }
    return new SimpleValueWrapper(existing.value());
  }

  @Override
  public void evict(Object key) {
    evictIfPresent(key);
  }

  @Override
  public boolean evictIfPresent(Object key) {
    boolean removed = store.remove(storeKey(key));
    if (removed) {
      removals.increment();
    }
    return removed;
  }

  /** Removes every entry by batches over the cache's index (no {@code KEYS}); see {@link ExpiringCache#clear()}. */
  @Override
  public void clear() {
    store.clear();
  }

  @Override
  public boolean invalidate() {
    return store.clear() > 0;
  }

  /** {@code PotteryCache{name="books", hits=1, misses=1}}; sends nothing to Redis. */
  @Override
  public String toString() {
    return "PotteryCache{name=\"" + name + "\", hits=" + hits.sum() + ", misses=" + misses.sum() + "}";
  }
}
