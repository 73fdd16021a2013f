package io.pottery.testkit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithRedis}: resolves {@link RedisServers} and {@link RedisServer}
 * parameters with servers started on first use and kept in the test class's store, which closes them when
 * the class finishes, pass or fail. In a {@link MatrixTest} cluster cell the first of them is the JVM's shared
 * Redis Cluster instead ({@link RedisServer#isCluster()}), so a test that inspects Redis through
 * {@code server.client()} reaches the keys its {@code Pottery} wrote. A {@link RedisCluster} parameter is the
 * shared cluster ({@link RedisClusters#shared()}) wherever it is asked for. As a condition, it skips a class whose {@link WithRedis} asks for what the
 * source cannot give (servers it may control, or more masters than external URLs), with the reason.
 *
 * <p>The source is chosen from the JUnit configuration parameter {@code pottery.test.redis}, which JUnit
 * also reads from system properties; see {@link RedisSource}.
 *
 * @since 0.1
 */
public final class RedisExtension implements ParameterResolver, ExecutionCondition {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

  /** Used by JUnit. */
  public RedisExtension() {}

  /**
   * Disables the test class, with the reason, when the chosen source cannot give what its {@link WithRedis}
   * asks for; enabled otherwise (and when there is no source at all, so that the tests fail with the message
   * saying how to install Redis instead of being skipped).
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return unmet(context)
        .map(ConditionEvaluationResult::disabled)
        .orElseGet(() -> ConditionEvaluationResult.enabled("the Redis servers can be what the test asks for"));
  }

  /** Supports parameters of type {@link RedisServers}, {@link RedisServer} and {@link RedisCluster}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RedisServers.class || type == RedisServer.class || type == RedisCluster.class;
  }

  /** The servers as the test sees them (see {@link #servers}), the first of them, or the shared cluster. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == RedisCluster.class) {
      return RedisClusters.shared();
    }
    RedisServers servers = servers(context);
    return type == RedisServer.class ? servers.first() : servers;
  }

  /**
   * The servers a test sees: those of its class, started on first use as its {@link WithRedis} says (one
   * server by default). In a {@link MatrixTest} cluster cell the first is replaced by the JVM's shared Redis
   * Cluster ({@link RedisServer#isCluster()}; its {@code uri()} is the {@code redis-cluster://} seed URI) and
   * the others are the class's servers 2 to N, so {@code uris()} are the masters the cell's {@code Pottery}
   * uses.
   *
   * @throws IllegalStateException if no source of servers is available (the message says how to install
   *     Redis), or the shared cluster cannot start
   */
  public static RedisServers servers(ExtensionContext context) {
    Optional<MatrixCell> cell = MatrixExtension.cellOf(context);
    if (cell.isEmpty() || !cell.get().isCluster()) {
      return classServers(context);
    }
    RedisCluster cluster = RedisClusters.shared();
    List<RedisServer> servers = new ArrayList<>();
    servers.add(new RedisServer(cluster.source(), new SharedClusterNode(cluster, cell.get().toString())));
    if (needs(classContext(context)).masters > 1) {
      RedisServers standalone = classServers(context);
      servers.addAll(standalone.all().subList(1, standalone.size()));
    }
    return new RedisServers(servers, cluster.source());
  }

  /** The standalone servers of the test class, started on first use. */
  private static RedisServers classServers(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    Needs needs = needs(classContext);
    ServerSupply supply = choice(context).require();
    return classContext.getStore(NAMESPACE).computeIfAbsent(
        "servers:" + needs.masters + ":" + supply.source(), key -> supply.start(needs.masters), RedisServers.class);
  }

  /** Why the class's servers cannot be what it asks for, if they cannot. */
  static Optional<String> unmet(ExtensionContext context) {
    SourceChoice choice = choice(context);
    if (choice.supply() == null) {
      return Optional.empty();
    }
    Needs needs = needs(classContext(context));
    return choice.supply().gap(needs.masters, needs.controllable).map(gap -> needs.annotation + " " + gap);
  }

  static SourceChoice choice(ExtensionContext context) {
    return SourceSelection.configured(context.getConfigurationParameter(SourceSelection.PROPERTY).orElse(null));
  }

  private record Needs(int masters, boolean controllable, String annotation) {}

  private static Needs needs(ExtensionContext classContext) {
    Optional<WithRedis> annotation = Optional.empty();
    // A @Nested (inner) class inherits the annotation of the class around it; a static nested class does not.
    for (Class<?> type = classContext.getTestClass().orElse(null); type != null && annotation.isEmpty();
        type = Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass()) {
      annotation = AnnotationSupport.findAnnotation((AnnotatedElement) type, WithRedis.class);
    }
    return annotation
        .map(with -> new Needs(Math.max(1, with.masters()), with.controllable(),
            "@WithRedis(masters = " + with.masters() + ", controllable = " + with.controllable() + ")"))
        .orElse(new Needs(1, false, "@WithRedis"));
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}
