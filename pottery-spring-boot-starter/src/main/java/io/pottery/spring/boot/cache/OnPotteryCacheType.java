package io.pottery.spring.boot.cache;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code spring.cache.type} is unset or {@code pottery} (any case). Spring Boot reads that property
 * as its own {@code CacheType} enum, which has no {@code pottery}; so it is read here as text, and Pottery's
 * cache manager, ordered before Boot's cache auto-configuration, makes Boot's back off before Boot ever binds it.
 * Any other value ({@code redis}, {@code caffeine}, {@code none}, ...) leaves the choice to Spring Boot.
 */
class OnPotteryCacheType extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    ConditionMessage.Builder message = ConditionMessage.forCondition("Pottery cache type");
    String type = context.getEnvironment().getProperty("spring.cache.type");
    if (type == null || type.isBlank()) {
      return ConditionOutcome.match(message.because("spring.cache.type is unset"));
    }
    if (type.trim().equalsIgnoreCase("pottery")) {
      return ConditionOutcome.match(message.because("spring.cache.type is pottery"));
    }
    return ConditionOutcome.noMatch(message.because("spring.cache.type is " + type));
  }
}
