package io.pottery.spring.boot;

import io.pottery.Pottery;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configures the {@code pottery} health contributor ({@link PotteryHealthIndicator}) when Spring Boot's health
 * module is on the class path (it comes with {@code spring-boot-starter-actuator}) and a {@link Pottery} bean
 * exists, as Spring Boot configures its own Redis health indicator: one indicator for one {@code Pottery} bean, a
 * composite named by bean for several. Off with {@code management.health.pottery.enabled=false} (or {@code
 * management.health.defaults.enabled=false}, or {@code pottery.enabled=false}); a bean of the application's own
 * named {@code potteryHealthIndicator} or {@code potteryHealthContributor} replaces it.
 *
 * <p>The health module's own condition and base class are on a nested configuration: Spring reads a class's
 * conditions before its {@code @ConditionalOnClass} can skip it, and a condition class that is missing fails the
 * context, so only this outer class, whose conditions need nothing optional, is read without the module.
 *
 * @since 0.3
 */
@AutoConfiguration(after = PotteryAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, Pottery.class})
@ConditionalOnBean(Pottery.class)
@ConditionalOnBooleanProperty(name = "pottery.enabled", matchIfMissing = true)
public class PotteryHealthAutoConfiguration {

  /** Used by Spring. */
  public PotteryHealthAutoConfiguration() {}

  /** The contributor, when {@code management.health.pottery.enabled} (or the defaults) allow it. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnEnabledHealthIndicator("pottery")
  static class Contributor extends CompositeHealthContributorConfiguration<PotteryHealthIndicator, Pottery> {

    Contributor() {
      super(PotteryHealthIndicator::new);
    }

    /** Named {@code pottery} in the health endpoint: every {@code Pottery} bean's masters and quorum. */
    @Bean
    @ConditionalOnMissingBean(name = {"potteryHealthIndicator", "potteryHealthContributor"})
    HealthContributor potteryHealthContributor(ConfigurableListableBeanFactory beanFactory) {
      return createContributor(beanFactory, Pottery.class);
    }
  }
}
