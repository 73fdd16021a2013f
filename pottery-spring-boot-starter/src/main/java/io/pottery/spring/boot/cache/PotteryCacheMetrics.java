package io.pottery.spring.boot.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;

/**
 * Micrometer's cache meters for a {@link PotteryCache}: {@code cache.gets{result=hit|miss}}, {@code cache.puts}
 * and {@code cache.removals}, counted in this JVM. There is no size or eviction count: entries leave by their
 * time to live in Redis, which no client sees.
 *
 * @since 0.3
 */
public class PotteryCacheMetrics extends CacheMeterBinder<PotteryCache> {
  private final PotteryCache cache;

  /** Meters for {@code cache}, with {@code tags} added to its {@code cache} tag. */
  public PotteryCacheMetrics(PotteryCache cache, Iterable<Tag> tags) {
    super(cache, cache.getName(), tags);
    this.cache = cache;
  }

  @Override
  protected Long size() {
    return null;
  }

  @Override
  protected long hitCount() {
    return cache.hitCount();
  }

  @Override
  protected Long missCount() {
    return cache.missCount();
  }

  @Override
  protected Long evictionCount() {
    return null;
  }

  @Override
  protected long putCount() {
    return cache.putCount();
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    FunctionCounter.builder("cache.removals", cache, PotteryCache::removalCount)
        .tags(getTagsWithCacheName())
        .description("Cache removals")
        .register(registry);
  }
}
