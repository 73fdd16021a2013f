package io.pottery.internal.collections;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import io.pottery.RedisMap;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.TestKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import junit.extensions.TestSetup;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * guava-testlib's {@code ConcurrentMapTestSuiteBuilder} (which includes every {@code MapTestSuiteBuilder} tester
 * and the derived key-set, values and entry-set suites) against {@code RedisMap}, once per cell of {@link
 * SuiteRedis#cells()} (every standalone cell, one codec per driver on the shared cluster), on a real server. Run by
 * junit-vintage-engine.
 *
 * <p>Features, honestly: general purpose (put, remove), iterator remove, any size; no null keys, values or
 * null queries (nulls throw {@link NullPointerException}, as in {@code ConcurrentHashMap}); no known order
 * (HSCAN order); no fail-fast iterators (they are weakly consistent). No tester is suppressed.
 */
public final class RedisMapGuavaTests {
  private RedisMapGuavaTests() {}

  /** The suite: one {@code ConcurrentMap} suite per cell, inside a setup that stops the server. */
  public static Test suite() {
    SuiteRedis redis = new SuiteRedis();
    TestSuite cells = new TestSuite("RedisMap guava-testlib");
    List<MatrixCell> suiteCells = SuiteRedis.cells();
    for (MatrixCell cell : suiteCells) {
      cells.addTest(ConcurrentMapTestSuiteBuilder
          .using(new TestStringMapGenerator() {
            @Override
            protected Map<String, String> create(Map.Entry<String, String>[] entries) {
              RedisMap<String, String> map = redis.pottery(cell)
                  .map(TestKey.forTest("RedisMapGuavaTests").name(), String.class, String.class);
              Map<String, String> contents = new LinkedHashMap<>();
              for (Map.Entry<String, String> entry : entries) {
                contents.put(entry.getKey(), entry.getValue());
              }
              map.putAll(contents);
              return map;
            }
          })
          .named("RedisMap [" + cell + "]")
          .withFeatures(
              MapFeature.GENERAL_PURPOSE,
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
