package io.pottery.spring.boot.cache;

/**
 * Adjusts the builder of the auto-configured {@link PotteryCacheManager} after the {@code pottery.cache.*}
 * settings were applied, like Spring Boot's {@code RedisCacheManagerBuilderCustomizer}: declare beans of this type
 * to name caches with settings that properties cannot express (a generic value type as a {@code TypeRef}, for
 * instance). They run in bean order.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface PotteryCacheManagerBuilderCustomizer {
  /** Adjusts the builder. */
  void customize(PotteryCacheManager.Builder builder);
}
