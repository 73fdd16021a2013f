package io.pottery.internal.collections;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import io.pottery.RedisDeque;
import io.pottery.testkit.MatrixCell;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.Queue;
import junit.extensions.TestSetup;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * guava-testlib's {@code QueueTestSuiteBuilder} (every {@code Queue} and {@code Collection} tester) against {@code
 * RedisDeque}, once per cell of {@link SuiteRedis#cells()} (every standalone cell, one codec per driver on the
 * shared cluster), on a real server; the {@code Deque}-only methods are covered by {@link RedisDequeTest}. Run by
 * junit-vintage-engine.
 *
 * <p>Features, honestly: general purpose (add, remove, iterator remove), known order (head first), any size;
 * no null elements or null queries; no fail-fast iterators (weakly consistent). No tester is suppressed.
 */
public final class RedisDequeGuavaTests {
  private RedisDequeGuavaTests() {}

  /**
   * A key of its own for every collection the suite creates. Not {@code TestKey}, whose 8 random hex digits
   * collide within a run this size (hundreds of thousands of collections, most never deleted).
   */
  private static String freshKey() {
    return "test:RedisDequeGuavaTests:" + UUID.randomUUID();
  }

  /** The suite: one {@code Queue} suite per cell, inside a setup that stops the server. */
  public static Test suite() {
    SuiteRedis redis = new SuiteRedis();
    TestSuite cells = new TestSuite("RedisDeque guava-testlib");
    List<MatrixCell> suiteCells = SuiteRedis.cells();
    for (MatrixCell cell : suiteCells) {
      cells.addTest(QueueTestSuiteBuilder
          .using(new TestStringQueueGenerator() {
            @Override
            protected Queue<String> create(String[] elements) {
              RedisDeque<String> deque = redis.pottery(cell)
                  .deque(freshKey(), String.class);
              deque.addAll(Arrays.asList(elements));
              return deque;
            }
          })
          .named("RedisDeque [" + cell + "]")
          .withFeatures(
              CollectionFeature.GENERAL_PURPOSE,
              CollectionFeature.KNOWN_ORDER,
              CollectionSize.ANY)
          .createTestSuite());
    }
    return new TestSetup(cells) {
      @Override
      protected void tearDown() {
        redis.close();
      }
    };
  }
}
