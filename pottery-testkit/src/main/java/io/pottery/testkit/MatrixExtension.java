package io.pottery.testkit;

import io.pottery.Pottery;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link MatrixTest}: one invocation per {@link MatrixCell}, named
 * {@code [jedis × jackson]}, each resolving a {@link Pottery} built for that cell on the class's servers.
 * The JUnit configuration parameter (or system property) {@code pottery.matrix} narrows the cells for local
 * iteration, e.g. {@code -Dpottery.matrix=lettuce:gson}; see {@link MatrixTest}.
 *
 * @since 0.1
 */
public final class MatrixExtension implements TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MatrixExtension.class);

  /** Used by JUnit. */
  public MatrixExtension() {}

  /** Supports methods annotated {@link MatrixTest}. */
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(MatrixTest.class)).orElse(false);
  }

  /**
   * One invocation per selected cell.
   *
   * @throws IllegalArgumentException if {@code pottery.matrix} selects no cell
   */
  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    List<MatrixCell> cells = MatrixSelection.select(context.getConfigurationParameter(MatrixSelection.PROPERTY).orElse(null));
    return cells.stream().map(Cell::new);
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

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new CellResolver(cell));
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
            + "\" and codec \"" + cell.codec() + "\" on " + RedisServer.redacted(servers.all()).stream()
                .collect(Collectors.joining(", ")) + ": " + e.getMessage()
            + ". The matrix needs io.pottery:pottery-structures, io.pottery:pottery-driver-" + cell.driver()
            + " and io.pottery:pottery-codec-" + cell.codec() + " on the test class path; -D" + MatrixSelection.PROPERTY
            + "=driver:codec narrows the matrix.", e);
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
