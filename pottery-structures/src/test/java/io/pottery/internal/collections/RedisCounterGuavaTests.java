package io.pottery.internal.collections;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.TestMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import io.pottery.RedisCounter;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.TestKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import junit.extensions.TestSetup;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * guava-testlib's {@code MapTestSuiteBuilder} (with its derived key-set, values and entry-set suites) against
 * {@code RedisCounter.asMap()}, the {@code Map<E, Long>} view of a counter, once per cell of {@link
 * SuiteRedis#cells()} (every standalone cell, one codec per driver on the shared cluster), on a real server. The
 * generator fills the counter through the counter API ({@code add(Map)}, HINCRBY in one script), so the map view is
 * tested on what the counter wrote. Run by junit-vintage-engine.
 *
 * <p>Features, honestly: general purpose (put, remove), iterator remove, any size; no null keys, values or null
 * queries; no known order (HSCAN order); no fail-fast iterators. No tester is suppressed.
 */
public final class RedisCounterGuavaTests {
  private RedisCounterGuavaTests() {}

  /** The suite: one {@code Map} suite per cell, inside a setup that stops the server. */
  public static Test suite() {
    SuiteRedis redis = new SuiteRedis();
    TestSuite cells = new TestSuite("RedisCounter.asMap() guava-testlib");
    List<MatrixCell> suiteCells = SuiteRedis.cells();
    for (MatrixCell cell : suiteCells) {
      cells.addTest(MapTestSuiteBuilder
          .using(new CountsGenerator(redis, cell))
          .named("RedisCounter asMap [" + cell + "]")
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

  /** Maps of String elements to Long counts, stored in a fresh counter. */
  private static final class CountsGenerator implements TestMapGenerator<String, Long> {
    private final SuiteRedis redis;
    private final MatrixCell cell;

    CountsGenerator(SuiteRedis redis, MatrixCell cell) {
      this.redis = redis;
      this.cell = cell;
    }

    @Override
    public SampleElements<Map.Entry<String, Long>> samples() {
      return new SampleElements<>(
          Map.entry("one", 1L), Map.entry("two", 2L), Map.entry("three", -3L), Map.entry("four", 0L),
          Map.entry("five", 5_000_000_000L));
    }

    @Override
    public Map<String, Long> create(Object... entries) {
      RedisCounter<String> counter = redis.pottery(cell).counter(TestKey.forTest("RedisCounterGuavaTests").name(), String.class);
      Map<String, Long> contents = new LinkedHashMap<>();
      for (Object entry : entries) {
        @SuppressWarnings("unchecked")
        Map.Entry<String, Long> e = (Map.Entry<String, Long>) entry;
        contents.put(e.getKey(), e.getValue());
      }
      counter.add(contents);
      return counter.asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map.Entry<String, Long>[] createArray(int length) {
      return new Map.Entry[length];
    }

    @Override
    public Iterable<Map.Entry<String, Long>> order(List<Map.Entry<String, Long>> insertionOrder) {
      return insertionOrder;
    }

    @Override
    public String[] createKeyArray(int length) {
      return new String[length];
    }

    @Override
    public Long[] createValueArray(int length) {
      return new Long[length];
    }
  }
}
