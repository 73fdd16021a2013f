package io.pottery.testkit;

import io.pottery.Pottery;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link MatrixTest}: one invocation per selected {@link MatrixCell}, named
 * {@code [jedis × jackson]} or {@code [jedis × jackson × cluster]}, each resolving a {@link Pottery} built for
 * that cell on the masters {@link RedisExtension#servers} gives it. The selection comes from the configuration
 * parameters (or system properties) {@code pottery.matrix} and {@code pottery.topology}; see {@link MatrixTest}.
 *
 * @since 0.1
 */
public final class MatrixExtension implements TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MatrixExtension.class);
  private static final String CELL = "cell";

  /** Used by JUnit. */
  public MatrixExtension() {}

  /** Supports methods annotated {@link MatrixTest}. */
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(MatrixTest.class)).orElse(false);
  }

  /**
   * One invocation per selected cell, without the cluster cells of a test that is standalone only; a single
   * skipped invocation, with the reason, if that leaves none.
   *
   * @throws IllegalArgumentException if {@code pottery.matrix} or {@code pottery.topology} is malformed or
   *     selects no cell, or {@link MatrixTest#standaloneOnlyBecause()} is blank but not empty
   */
  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    List<MatrixCell> cells = MatrixSelection.select(
        context.getConfigurationParameter(MatrixSelection.PROPERTY).orElse(null),
        context.getConfigurationParameter(MatrixSelection.TOPOLOGY_PROPERTY).orElse(null));
    Optional<String> standaloneOnly = standaloneOnlyReason(context.getRequiredTestMethod());
    if (standaloneOnly.isEmpty()) {
      return cells.stream().map(Cell::new);
    }
    List<MatrixCell> standalone = cells.stream().filter(cell -> !cell.isCluster()).toList();
    if (standalone.isEmpty()) {
      return Stream.of(new Excluded(cells, standaloneOnly.get()));
    }
    return standalone.stream().map(Cell::new);
  }

  /**
   * The reason a test gives for running on standalone servers only, if it gives one.
   *
   * @throws IllegalArgumentException if the reason is blank but not empty
   */
  static Optional<String> standaloneOnlyReason(Method method) {
    String reason = method.getAnnotation(MatrixTest.class).standaloneOnlyBecause();
    if (reason.isEmpty()) {
      return Optional.empty();
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("@MatrixTest(standaloneOnlyBecause = \"" + reason + "\") on "
          + method.getDeclaringClass().getSimpleName() + "." + method.getName()
          + " gives no reason; say why the test cannot run on a Redis Cluster, or remove the attribute");
    }
    return Optional.of(reason.trim());
  }

  /**
   * The matrix cell of the invocation {@code context} belongs to (a {@link MatrixTest} invocation, or a method
   * or {@code @BeforeEach} of one), or empty outside the matrix.
   */
  public static Optional<MatrixCell> cellOf(ExtensionContext context) {
    return Optional.ofNullable(context.getStore(NAMESPACE).get(CELL, MatrixCell.class));
  }

  private static final class Cell implements TestTemplateInvocationContext {
    private final MatrixCell cell;

    Cell(MatrixCell cell) {
      this.cell = cell;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + cell + "]";
    }

    /** Records the cell where {@link RedisExtension} finds it, before any parameter is resolved. */
    @Override
    public void prepareInvocation(ExtensionContext context) {
      context.getStore(NAMESPACE).put(CELL, cell);
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new CellResolver(cell));
    }
  }

  /** Stands for the cluster cells a standalone-only test leaves out when nothing else is selected. */
  private static final class Excluded implements TestTemplateInvocationContext {
    private final List<MatrixCell> cells;
    private final String reason;

    Excluded(List<MatrixCell> cells, String reason) {
      this.cells = cells;
      this.reason = reason;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[standalone only]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of((ExecutionCondition) context -> ConditionEvaluationResult.disabled("standalone only because "
          + reason + "; the selected cells " + cells.stream().map(cell -> "[" + cell + "]")
              .collect(Collectors.joining(", ")) + " are all cluster cells"));
    }
  }

  private static final class CellResolver implements ParameterResolver {
    private final MatrixCell cell;

    CellResolver(MatrixCell cell) {
      this.cell = cell;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      return type == Pottery.class || type == MatrixCell.class || type == TestKey.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      if (type == MatrixCell.class) {
        return cell;
      }
      if (type == TestKey.class) {
        return context.getStore(NAMESPACE).computeIfAbsent("key",
            k -> TestKey.forTest(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName()),
            TestKey.class);
      }
      return context.getStore(NAMESPACE).computeIfAbsent("pottery", k -> new ClosingPottery(open(context)), ClosingPottery.class).pottery;
    }

    private Pottery open(ExtensionContext context) {
      RedisServers servers = RedisExtension.servers(context);
      try {
        return Pottery.builder().masters(servers.uris()).driver(cell.driver()).codec(cell.codec()).build();
      } catch (RuntimeException e) {
        throw new IllegalStateException("[" + cell + "] cannot build a Pottery with driver \"" + cell.driver()
            + "\" and codec \"" + cell.codec() + "\" on " + String.join(", ", RedisServer.redacted(servers.all()))
            + ": " + e.getMessage() + ". The matrix needs io.pottery:pottery-structures, io.pottery:pottery-driver-"
            + cell.driver() + " and io.pottery:pottery-codec-" + cell.codec() + " on the test class path"
            + (cell.isCluster() ? ", and a driver that connects to redis-cluster:// URIs" : "") + "; -D"
            + MatrixSelection.PROPERTY + "=driver:codec[:topology] and -D" + MatrixSelection.TOPOLOGY_PROPERTY
            + "=standalone narrow the matrix.", e);
      }
    }
  }

  /** Lets the JUnit store close the Pottery after the invocation. */
  private static final class ClosingPottery implements AutoCloseable {
    final Pottery pottery;

    ClosingPottery(Pottery pottery) {
      this.pottery = pottery;
    }

    @Override
    public void close() {
      pottery.close();
    }
  }
}
