package io.pottery.spring.boot.cache;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/**
 * Lets Spring Boot's cache metrics bind {@link PotteryCacheMetrics} to every {@link PotteryCache} known at
 * startup, as it does for its own caches.
 *
 * @since 0.3
 */
public class PotteryCacheMeterBinderProvider implements CacheMeterBinderProvider<PotteryCache> {
  /** Used by Spring. */
  public PotteryCacheMeterBinderProvider() {}

  @Override
  public MeterBinder getMeterBinder(PotteryCache cache, Iterable<Tag> tags) {
    return new PotteryCacheMetrics(cache, tags);
  }
}
