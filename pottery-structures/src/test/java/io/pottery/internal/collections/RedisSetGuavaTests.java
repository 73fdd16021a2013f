package io.pottery.internal.collections;

import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import io.pottery.RedisSet;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.TestKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import junit.extensions.TestSetup;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * guava-testlib's {@code SetTestSuiteBuilder} against {@code RedisSet}, once per cell of {@link SuiteRedis#cells()}
 * (every standalone cell, one codec per driver on the shared cluster), on a real server. Run by
 * junit-vintage-engine.
 *
 * <p>Features, honestly: general purpose (add, remove, bulk operations), iterator remove, any size; no null
 * elements or null queries (nulls throw {@link NullPointerException}); no known order (SSCAN order); no
 * fail-fast iterators (they are weakly consistent). No tester is suppressed.
 */
public final class RedisSetGuavaTests {
  private RedisSetGuavaTests() {}

  /** The suite: one {@code Set} suite per cell, inside a setup that stops the server. */
  public static Test suite() {
    SuiteRedis redis = new SuiteRedis();
    TestSuite cells = new TestSuite("RedisSet guava-testlib");
    List<MatrixCell> suiteCells = SuiteRedis.cells();
    for (MatrixCell cell : suiteCells) {
      cells.addTest(SetTestSuiteBuilder
          .using(new TestStringSetGenerator() {
            @Override
            protected Set<String> create(String[] elements) {
              RedisSet<String> set = redis.pottery(cell)
                  .set(TestKey.forTest("RedisSetGuavaTests").name(), String.class);
              set.addAll(Arrays.asList(elements));
              return set;
            }
          })
          .named("RedisSet [" + cell + "]")
          .withFeatures(
              CollectionFeature.GENERAL_PURPOSE,
              CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
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
