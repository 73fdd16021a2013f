package io.pottery.spring.boot.cache;

import java.time.Duration;

/**
 * The time to live of one entry, chosen from its key and value when it is stored, like Spring Data Redis's
 * {@code RedisCacheWriter.TtlFunction}. Declare one as a bean and the auto-configured
 * {@link PotteryCacheManager} asks it for every {@code put} (and every value a {@code sync = true} load stores).
 *
 * <pre>{@code
 * @Bean
 * PotteryCacheTtl ttls() {
 *   return (cache, key, value) -> value instanceof Quote q && q.live() ? Duration.ofSeconds(5) : null;
 * }
 * }</pre>
 *
 * @since 0.3
 */
@FunctionalInterface
public interface PotteryCacheTtl {
  /**
   * The time to live of the entry; Redis removes it then ({@code SET ... PX}).
   *
   * @param cacheName the cache's name
   * @param key the key as the application gave it (before it is turned into JSON)
   * @param value the value, {@code null} for a cached null
   * @return the time to live, {@link Duration#ZERO} for none, or {@code null} for the cache's own
   *     ({@code pottery.cache.caches.<name>.ttl}, else {@code pottery.cache.ttl})
   */
  Duration timeToLive(String cacheName, Object key, Object value);
}
