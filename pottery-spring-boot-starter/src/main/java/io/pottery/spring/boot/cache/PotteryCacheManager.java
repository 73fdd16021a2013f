package io.pottery.spring.boot.cache;

import io.pottery.ExpiringCache;
import io.pottery.Pottery;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} on a {@link Pottery}: each cache is a {@link PotteryCache} over
 * {@link Pottery#expiringCache(String)}. Caches named at build time exist from the start; others are created on
 * first use unless the manager was built {@linkplain Builder#onlyNamedCaches() with named caches only}, in
 * which case {@link #getCache} returns {@code null} for them (as Spring's fixed cache managers do).
 *
 * <pre>{@code
 * PotteryCacheManager manager = PotteryCacheManager.builder(pottery)
 *     .defaults(PotteryCacheSettings.DEFAULTS.withTtl(Duration.ofMinutes(10)))
 *     .cache("books", PotteryCacheSettings.DEFAULTS.withValueType(TypeRef.of(Book.class)))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe; sends nothing to Redis until a cache is used.
 *
 * @since 0.3
 */
public final class PotteryCacheManager implements CacheManager {
  private final Pottery pottery;
  private final PotteryCacheSettings defaults;
  private final Map<String, PotteryCacheSettings> named;
  private final boolean onlyNamed;
  private final PotteryCacheTtl ttlFunction;
  private final Duration lockLease;
  private final Duration lockWait;
  private final ConcurrentMap<String, PotteryCache> caches = new ConcurrentHashMap<>();

  private PotteryCacheManager(Builder builder) {
    this.pottery = builder.pottery;
    this.defaults = builder.defaults;
    this.named = Map.copyOf(builder.named);
    this.onlyNamed = builder.onlyNamed;
    this.ttlFunction = builder.ttlFunction;
    this.lockLease = builder.lockLease;
    this.lockWait = builder.lockWait;
    builder.named.keySet().forEach(this::create);
  }

  /** Starts a manager over {@code pottery}. */
  public static Builder builder(Pottery pottery) {
    return new Builder(pottery);
  }

  private PotteryCache create(String name) {
    return caches.computeIfAbsent(name, n -> {
      ExpiringCache store = pottery.expiringCache(n).withLoadLock(lockLease, lockWait);
      return new PotteryCache(n, store, named.getOrDefault(n, defaults), ttlFunction);
    });
  }

  /**
   * The cache {@code name}, created on first use unless only named caches are allowed.
   *
   * @throws IllegalArgumentException if the name is empty or has a brace (it becomes a Redis hash tag)
   */
  @Override
  public PotteryCache getCache(String name) {
    PotteryCache cache = caches.get(name);
    if (cache != null || onlyNamed) {
      return cache;
    }
    return create(name);
  }

  @Override
  public Collection<String> getCacheNames() {
    return List.copyOf(caches.keySet());
  }

  /** Builds a {@link PotteryCacheManager}. */
  public static final class Builder {
    private final Pottery pottery;
    private PotteryCacheSettings defaults = PotteryCacheSettings.DEFAULTS;
    private final Map<String, PotteryCacheSettings> named = new LinkedHashMap<>();
    private boolean onlyNamed;
    private PotteryCacheTtl ttlFunction;
    private Duration lockLease = Duration.ofSeconds(30);
    private Duration lockWait = Duration.ofSeconds(60);

    private Builder(Pottery pottery) {
      this.pottery = Objects.requireNonNull(pottery, "pottery");
    }

    /** The settings of every cache not named with {@link #cache}. */
    public Builder defaults(PotteryCacheSettings settings) {
      this.defaults = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Names a cache, created at build time, with its own settings. */
    public Builder cache(String name, PotteryCacheSettings settings) {
      named.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** Only the caches named with {@link #cache} exist; {@link #getCache} returns {@code null} for others. */
    public Builder onlyNamedCaches() {
      this.onlyNamed = true;
      return this;
    }

    /** Chooses each entry's time to live; {@code null} (the default) uses the cache's settings. */
    public Builder ttlFunction(PotteryCacheTtl function) {
      this.ttlFunction = function;
      return this;
    }

    /**
     * The lease and wait of the per-key load lock of {@code @Cacheable(sync = true)}; see
     * {@link ExpiringCache#computeIfAbsent}.
     */
    public Builder loadLock(Duration lease, Duration wait) {
      this.lockLease = Objects.requireNonNull(lease, "lease");
      this.lockWait = Objects.requireNonNull(wait, "wait");
      return this;
    }

    /**
     * Builds the manager and its named caches; sends nothing to Redis.
     *
     * @throws IllegalArgumentException if a name is empty or has a brace, or a lock duration is under 1 ms
     */
    public PotteryCacheManager build() {
      return new PotteryCacheManager(this);
    }
  }
}
