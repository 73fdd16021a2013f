package io.pottery.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Evaluates {@link RequiresRedis}: compares the lowest version among the class's servers with the one
 * asked for. Each annotation is judged where it stands: a class's on the class, a method's on the method.
 */
final class RequiresRedisCondition implements ExecutionCondition {

  RequiresRedisCondition() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresRedis> requires = context.getElement()
        .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresRedis.class));
    if (requires.isEmpty()) {
      return ConditionEvaluationResult.enabled("no @RequiresRedis here");
    }
    Optional<String> unmet = RedisExtension.unmet(context);
    if (unmet.isPresent()) {
      return ConditionEvaluationResult.disabled(unmet.get());
    }
    RedisVersion needed = RedisVersion.parse(requires.get().value());
    RedisServers servers = RedisExtension.servers(context);
    RedisVersion running = servers.version();
    String feature = requires.get().feature().isBlank() ? "" : " (" + requires.get().feature() + ")";
    if (running.isAtLeast(needed)) {
      return ConditionEvaluationResult.enabled("Redis " + running + " is at least " + needed + feature);
    }
    return ConditionEvaluationResult.disabled("needs Redis " + needed + " or newer" + feature + ", but the test servers"
        + " run " + running + " (" + RedisExtension.choice(context).require().description() + ")");
  }
}
