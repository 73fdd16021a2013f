package io.pottery.spring.boot.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pottery.cache.*} settings of the Spring {@code CacheManager} on Pottery.
 *
 * @since 0.3
 */
@ConfigurationProperties("pottery.cache")
public class PotteryCacheProperties {
  /**
   * Whether to provide a Pottery CacheManager when caching is enabled (@EnableCaching) and spring.cache.type is
   * unset or "pottery".
   */
  private boolean enabled = true;

  /** Time to live of every entry, unless its cache or a PotteryCacheTtl bean says otherwise; 0 for none. */
  private Duration ttl = Duration.ZERO;

  /** Whether null values are cached (stored as JSON null, Python's None), as Spring's own caches do by default. */
  private boolean allowNullValues = true;

  /**
   * Caches to create at startup (their meters are bound then); when set, only these and those under
   * pottery.cache.caches exist, otherwise a cache is created on first use.
   */
  private List<String> cacheNames = new ArrayList<>();

  /**
   * Lease of the per-key load lock a @Cacheable(sync = true) miss takes in Redis; a loader slower than this may
   * run again in another process.
   */
  private Duration lockLease = Duration.ofSeconds(30);

  /** How long a @Cacheable(sync = true) miss waits for another process's load before failing. */
  private Duration lockWait = Duration.ofSeconds(60);

  /** Settings of single caches, by cache name. */
  private Map<String, CacheSettings> caches = new LinkedHashMap<>();

  /** Used by Spring. */
  public PotteryCacheProperties() {}

  /** The value of {@code pottery.cache.enabled}. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets {@code pottery.cache.enabled}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The value of {@code pottery.cache.ttl}. */
  public Duration getTtl() {
    return ttl;
  }

  /** Sets {@code pottery.cache.ttl}. */
  public void setTtl(Duration ttl) {
    this.ttl = ttl;
  }

  /** The value of {@code pottery.cache.allow-null-values}. */
  public boolean isAllowNullValues() {
    return allowNullValues;
  }

  /** Sets {@code pottery.cache.allow-null-values}. */
  public void setAllowNullValues(boolean allowNullValues) {
    this.allowNullValues = allowNullValues;
  }

  /** The value of {@code pottery.cache.cache-names}. */
  public List<String> getCacheNames() {
    return cacheNames;
  }

  /** Sets {@code pottery.cache.cache-names}. */
  public void setCacheNames(List<String> cacheNames) {
    this.cacheNames = cacheNames;
  }

  /** The value of {@code pottery.cache.lock-lease}. */
  public Duration getLockLease() {
    return lockLease;
  }

  /** Sets {@code pottery.cache.lock-lease}. */
  public void setLockLease(Duration lockLease) {
    this.lockLease = lockLease;
  }

  /** The value of {@code pottery.cache.lock-wait}. */
  public Duration getLockWait() {
    return lockWait;
  }

  /** Sets {@code pottery.cache.lock-wait}. */
  public void setLockWait(Duration lockWait) {
    this.lockWait = lockWait;
  }

  /** The {@code pottery.cache.caches.*} settings, by cache name. */
  public Map<String, CacheSettings> getCaches() {
    return caches;
  }

  /** Sets {@code pottery.cache.caches}. */
  public void setCaches(Map<String, CacheSettings> caches) {
    this.caches = caches;
  }

  /** The settings of one cache; what is unset comes from {@code pottery.cache.*}. */
  public static class CacheSettings {
    /** Time to live of this cache's entries, unless a PotteryCacheTtl bean says otherwise; 0 for none. */
    private Duration ttl;

    /** Whether this cache stores nulls; unset follows pottery.cache.allow-null-values. */
    private Boolean allowNullValues;

    /**
     * The Java type cached values are read back as (e.g. com.example.Book); unset reads JSON as maps, lists,
     * strings, numbers and booleans.
     */
    private Class<?> valueType;

    /** Used by Spring. */
    public CacheSettings() {}

    /** The value of {@code pottery.cache.caches.<name>.ttl}, or {@code null} if unset. */
    public Duration getTtl() {
      return ttl;
    }

    /** Sets {@code pottery.cache.caches.<name>.ttl}. */
    public void setTtl(Duration ttl) {
      this.ttl = ttl;
    }

    /** The value of {@code pottery.cache.caches.<name>.allow-null-values}, or {@code null} if unset. */
    public Boolean getAllowNullValues() {
      return allowNullValues;
    }

    /** Sets {@code pottery.cache.caches.<name>.allow-null-values}. */
    public void setAllowNullValues(Boolean allowNullValues) {
      this.allowNullValues = allowNullValues;
    }

    /** The value of {@code pottery.cache.caches.<name>.value-type}, or {@code null} if unset. */
    public Class<?> getValueType() {
      return valueType;
    }

    /** Sets {@code pottery.cache.caches.<name>.value-type}. */
    public void setValueType(Class<?> valueType) {
      this.valueType = valueType;
    }
  }
}
