package io.pottery.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithRedis}: resolves {@link RedisServers} and {@link RedisServer}
 * parameters with servers kept in the test class's store, so they stop when the class finishes, pass or fail.
 *
 * @since 0.1
 */
public final class RedisExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

  /** Used by JUnit. */
  public RedisExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RedisServers.class || type == RedisServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RedisServers servers = servers(context);
    return parameter.getParameter().getType() == RedisServer.class ? servers.first() : servers;
  }

  /** The servers of the test class that {@code context} belongs to, started on first use. */
  public static RedisServers servers(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    int masters = AnnotationSupport.findAnnotation(classContext.getRequiredTestClass(), WithRedis.class)
        .map(WithRedis::masters).orElse(1);
    return classContext.getStore(NAMESPACE)
        .computeIfAbsent("servers", key -> RedisServers.start(masters), RedisServers.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}
