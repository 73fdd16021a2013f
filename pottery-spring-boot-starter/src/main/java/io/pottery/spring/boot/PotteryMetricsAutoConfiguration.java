package io.pottery.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.pottery.Pottery;
import io.pottery.micrometer.PotteryMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures {@link PotteryMetrics} over the application's {@link MeterRegistry} (and its
 * {@link ObservationRegistry}, when there is one) when pottery-micrometer is on the class path; the
 * {@code Pottery} bean of {@link PotteryAutoConfiguration} then reports to it, as it does to every
 * {@code PotteryListener} bean. Off with {@code pottery.metrics.enabled=false} (or {@code pottery.enabled=false});
 * a {@code PotteryMetrics} bean of the application's own replaces it. {@code pottery.metrics.key-names-as-tags}
 * turns on the {@code key} tag.
 *
 * <p>Runs after Spring Boot's registries exist (its metrics and observation auto-configurations, from
 * spring-boot-micrometer-metrics and spring-boot-micrometer-observation, named here so that neither is a
 * dependency) and before the {@code Pottery} bean is defined.
 *
 * @since 0.3
 */
@AutoConfiguration(
    afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"},
    before = PotteryAutoConfiguration.class)
@ConditionalOnClass({Pottery.class, PotteryMetrics.class, MeterRegistry.class, ObservationRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "pottery.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "pottery.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PotteryProperties.class)
public class PotteryMetricsAutoConfiguration {

  /** Used by Spring. */
  public PotteryMetricsAutoConfiguration() {}

  /**
   * The listener: meters in the {@code MeterRegistry} bean and, if there is a unique {@code ObservationRegistry}
   * bean, one {@code pottery.operation} observation per operation in it.
   */
  @Bean
  @ConditionalOnMissingBean
  public PotteryMetrics potteryMetrics(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations,
      PotteryProperties properties) {
    PotteryMetrics.Builder builder = PotteryMetrics.builder(meters)
        .keyNamesAsTags(properties.getMetrics().isKeyNamesAsTags());
    observations.ifUnique(builder::observationRegistry);
    return builder.build();
  }
}
