package io.pottery.spring.boot;

import io.pottery.Pottery;
import io.pottery.instrumentation.PotteryListener;
import java.util.Locale;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures a {@link Pottery} bean. Off with {@code pottery.enabled=false}; a {@code Pottery} bean of the
 * application's own replaces it.
 *
 * <p>Where it connects: {@code pottery.masters} if set; else where Spring Boot's Redis connection details
 * point ({@code spring.data.redis.*}, {@code @ServiceConnection}: host, port, database, user, password, SSL
 * bundle, cluster nodes); else Pottery's default ({@code REDIS_URL}, then {@code redis://localhost:6379/0}).
 * With Lettuce, Pottery shares the application's {@code ClientResources} bean (event loops, metrics, tracing)
 * and never shuts it down. Every {@link PotteryListener} bean of the context (e.g. the {@code PotteryMetrics} of
 * {@link PotteryMetricsAutoConfiguration}) is added to the builder, in bean order.
 * {@link PotteryBuilderCustomizer} beans adjust the builder last.
 *
 * @since 0.3
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(Pottery.class)
@ConditionalOnBooleanProperty(name = "pottery.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PotteryProperties.class)
public class PotteryAutoConfiguration {
  private static final String LETTUCE_SOURCE = "io.pottery.driver.lettuce.LettuceClients";
  private static final String JEDIS_SOURCE = "io.pottery.driver.jedis.JedisClients";

  /** Used by Spring. */
  public PotteryAutoConfiguration() {}

  /**
   * The {@code Pottery}, connected at startup (a wrong host or password fails the application's start, with
   * Pottery's message) and closed with the context.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Pottery pottery(PotteryProperties properties, ObjectProvider<RedisTarget> target,
      ObjectProvider<PotteryBuilderCustomizer> customizers, ObjectProvider<PotteryListener<?>> listeners,
      ListableBeanFactory beans) {
    Pottery.Builder builder = Pottery.builder();
    if (properties.getNamespace() != null) {
      builder.namespace(properties.getNamespace());
    }
    if (properties.getCodec() != null) {
      builder.codec(properties.getCodec());
    }
    if (properties.getConnectTimeout() != null) {
      builder.connectTimeout(properties.getConnectTimeout());
    }
    if (properties.getCommandTimeout() != null) {
      builder.commandTimeout(properties.getCommandTimeout());
    }
    // Providers are looked up where the application's classes are (a restart or filtered class loader included).
    ClassLoader loader = beans instanceof ConfigurableBeanFactory configurable && configurable.getBeanClassLoader() != null
        ? configurable.getBeanClassLoader() : PotteryAutoConfiguration.class.getClassLoader();
    builder.classLoader(loader);
    String driver = properties.getDriver() == null ? null : properties.getDriver().trim().toLowerCase(Locale.ROOT);
    if (driver != null) {
      builder.driver(driver);
    }
    RedisTarget redis = properties.getMasters().isEmpty() ? target.getIfAvailable() : null;
    boolean lettucePresent = ClassUtils.isPresent(LETTUCE_SOURCE, loader);
    boolean lettuce = lettucePresent && (driver == null || driver.equals("lettuce"));
    boolean jedis = ClassUtils.isPresent(JEDIS_SOURCE, loader) && (driver == null ? !lettucePresent : driver.equals("jedis"));
    if (lettuce) {
      LettuceConnect.apply(builder, properties.getMasters(), redis, LettuceResources.of(beans));
    } else if (jedis) {
      JedisConnect.apply(builder, properties.getMasters(), redis);
    } else {
      // A third-party driver, or a chosen driver that is absent (Pottery's build() then names the artifact).
      if (!properties.getMasters().isEmpty()) {
        builder.masters(properties.getMasters().toArray(String[]::new));
      } else if (redis != null) {
        builder.masters(redis.uri());
      }
    }
    // Before the customizers, so that a customizer sees (and may add to) the complete set.
    listeners.orderedStream().forEach(builder::listener);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /** Reads Spring Boot's Redis connection details; only when spring-boot-data-redis is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
  static class DataRedisTargetConfiguration {
    @Bean
    @ConditionalOnBean(DataRedisConnectionDetails.class)
    @ConditionalOnMissingBean(Pottery.class)
    RedisTarget potteryRedisTarget(DataRedisConnectionDetails details) {
      return DataRedisTargets.from(details);
    }
  }

  /** The application's Lettuce {@code ClientResources}, looked up without loading Lettuce types eagerly. */
  static final class LettuceResources {
    private LettuceResources() {}

    static io.lettuce.core.resource.ClientResources of(ListableBeanFactory beans) {
      return beans.getBeanProvider(io.lettuce.core.resource.ClientResources.class).getIfUnique();
    }
  }
}
