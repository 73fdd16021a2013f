package io.pottery.spring.boot.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.spring.boot.PotteryAutoConfiguration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures a {@link PotteryCacheManager} on the {@code Pottery} bean when the application enabled caching
 * ({@code @EnableCaching}), has no {@code CacheManager} of its own, and {@code spring.cache.type} is unset or
 * {@code pottery}. Ordered before Spring Boot's {@code CacheAutoConfiguration} (named, so spring-boot-cache is not
 * a dependency), which then backs off as it does for any application cache manager. Off with
 * {@code pottery.cache.enabled=false}, {@code pottery.enabled=false}, or any other {@code spring.cache.type}
 * (e.g. {@code none}). Settings: {@link PotteryCacheProperties}; a {@link PotteryCacheTtl} bean chooses each
 * entry's time to live.
 *
 * <p>With spring-boot-cache and micrometer-core present, a {@link PotteryCacheMeterBinderProvider} bean lets
 * Spring Boot's cache metrics bind {@code cache.gets}, {@code cache.puts} and {@code cache.removals} for every
 * cache named in {@code pottery.cache.cache-names} or {@code pottery.cache.caches}.
 *
 * @since 0.3
 */
@AutoConfiguration(
    after = PotteryAutoConfiguration.class,
    beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({Pottery.class, CacheManager.class})
@ConditionalOnBean({CacheAspectSupport.class, Pottery.class})
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@ConditionalOnBooleanProperty(name = "pottery.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "pottery.cache.enabled", matchIfMissing = true)
@Conditional(OnPotteryCacheType.class)
@EnableConfigurationProperties(PotteryCacheProperties.class)
public class PotteryCacheAutoConfiguration {

  /** Used by Spring. */
  public PotteryCacheAutoConfiguration() {}

  /**
   * The cache manager: {@code pottery.cache.ttl}, {@code allow-null-values}, {@code lock-lease} and
   * {@code lock-wait} for every cache, {@code pottery.cache.caches.<name>.*} for single ones, the caches of
   * {@code pottery.cache.cache-names} and {@code caches} created at startup (and only those when
   * {@code cache-names} is set), then every {@link PotteryCacheManagerBuilderCustomizer} bean in order.
   */
  @Bean
  @ConditionalOnMissingBean
  public PotteryCacheManager cacheManager(
      Pottery pottery, PotteryCacheProperties properties, ObjectProvider<PotteryCacheTtl> ttl,
      ObjectProvider<PotteryCacheManagerBuilderCustomizer> customizers) {
    PotteryCacheSettings defaults = new PotteryCacheSettings(
        properties.getTtl(), properties.isAllowNullValues(), TypeRef.of(Object.class));
    PotteryCacheManager.Builder builder = PotteryCacheManager.builder(pottery)
        .defaults(defaults)
        .loadLock(properties.getLockLease(), properties.getLockWait())
        .ttlFunction(ttl.getIfUnique());
    for (String name : properties.getCacheNames()) {
      builder.cache(name, defaults);
    }
    for (Map.Entry<String, PotteryCacheProperties.CacheSettings> entry : properties.getCaches().entrySet()) {
      PotteryCacheProperties.CacheSettings own = entry.getValue();
      PotteryCacheSettings settings = defaults;
      if (own.getTtl() != null) {
        settings = settings.withTtl(own.getTtl());
      }
      if (own.getAllowNullValues() != null) {
        settings = settings.withAllowNullValues(own.getAllowNullValues());
      }
      if (own.getValueType() != null) {
        settings = settings.withValueType(TypeRef.of(own.getValueType()));
      }
      builder.cache(entry.getKey(), settings);
    }
    if (!properties.getCacheNames().isEmpty()) {
      builder.onlyNamedCaches();
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** Binds the caches' hit, miss, put and removal counts through Spring Boot's cache metrics. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({CacheMeterBinderProvider.class, MeterRegistry.class})
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    PotteryCacheMeterBinderProvider potteryCacheMeterBinderProvider() {
      return new PotteryCacheMeterBinderProvider();
    }
  }
}
