package io.pottery.internal.collections;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import com.google.common.collect.testing.testers.ListListIteratorTester;
import io.pottery.RedisList;
import io.pottery.testkit.MatrixCell;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.UUID;
import java.util.List;
import junit.extensions.TestSetup;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * guava-testlib's {@code ListTestSuiteBuilder} (every {@code List} and {@code Collection} tester, the list iterator
 * tester, and the derived sub-list suites) against {@code RedisList}, once per cell of {@link SuiteRedis#cells()}
 * (every standalone cell, one codec per driver on the shared cluster), on a real server. Run by
 * junit-vintage-engine.
 *
 * <p>Features, honestly: general purpose (add, remove, set, add and remove at an index), iterator remove,
 * known order, any size; no null elements or null queries (NPE, as {@code RedisList} rejects nulls); no
 * fail-fast iterators (they are weakly consistent, by index).
 *
 * <p>One suppression, for time only: {@code ListListIteratorTester.testListIterator_fullyModifiable} replays
 * thousands of stimulus sequences, each on a new list checked element by element (about 10 s per cell, three
 * quarters of the suite). It runs on the first cell only; the iterator code is the same on every cell, and
 * every other tester (iteration included) runs on every cell.
 */
public final class RedisListGuavaTests {
  private static final Method LIST_ITERATOR_REPLAY = listIteratorReplay();

  private RedisListGuavaTests() {}

  private static Method listIteratorReplay() {
    try {
      return ListListIteratorTester.class.getMethod("testListIterator_fullyModifiable");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("guava-testlib renamed the list iterator tester; update the suppression", e);
    }
  }

  /**
   * A key of its own for every collection the suite creates. Not {@code TestKey}, whose 8 random hex digits
   * collide within a run this size (hundreds of thousands of collections, most never deleted).
   */
  private static String freshKey() {
    return "test:RedisListGuavaTests:" + UUID.randomUUID();
  }

  /** The suite: one {@code List} suite per cell, inside a setup that stops the server. */
  public static Test suite() {
    SuiteRedis redis = new SuiteRedis();
    TestSuite cells = new TestSuite("RedisList guava-testlib");
    List<MatrixCell> suiteCells = SuiteRedis.cells();
    for (MatrixCell cell : suiteCells) {
      cells.addTest(ListTestSuiteBuilder
          .using(new TestStringListGenerator() {
            @Override
            protected List<String> create(String[] elements) {
              RedisList<String> list = redis.pottery(cell)
                  .list(freshKey(), String.class);
              list.addAll(Arrays.asList(elements));
              return list;
            }
          })
          .named("RedisList [" + cell + "]")
          .withFeatures(
              ListFeature.GENERAL_PURPOSE,
              CollectionFeature.KNOWN_ORDER,
              CollectionSize.ANY)
          .suppressing(cell.equals(suiteCells.get(0)) ? List.of() : List.of(LIST_ITERATOR_REPLAY))
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
