package io.pottery.spring.boot;

import io.pottery.Pottery;
import net.javacrumbs.shedlock.core.LockProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures a ShedLock {@link LockProvider} over Redlock ({@link PotteryLockProvider}) when shedlock-core
 * is on the class path and a {@link Pottery} bean exists. Off with {@code pottery.shedlock.enabled=false} (or
 * {@code pottery.enabled=false}); a {@code LockProvider} bean of the application's own replaces it.
 *
 * @since 0.3
 */
@AutoConfiguration(after = PotteryAutoConfiguration.class)
@ConditionalOnClass({LockProvider.class, Pottery.class})
@ConditionalOnBean(Pottery.class)
@ConditionalOnBooleanProperty(name = "pottery.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "pottery.shedlock.enabled", matchIfMissing = true)
public class PotteryShedLockAutoConfiguration {

  /** Used by Spring. */
  public PotteryShedLockAutoConfiguration() {}

  /** The provider, over the {@code Pottery} bean's masters; its timer stops with the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(LockProvider.class)
  public PotteryLockProvider potteryLockProvider(Pottery pottery, PotteryProperties properties,
      ObjectProvider<LeaseLostListener> listeners) {
    PotteryProperties.Shedlock shedlock = properties.getShedlock();
    return new PotteryLockProvider(pottery, shedlock.getKeyPrefix(), shedlock.isKeepAlive(),
        listeners.orderedStream().toList());
  }
}
