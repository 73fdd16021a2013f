/**
 * Internal, may change: Redis hash caches. {@link io.pottery.internal.cache.Caches} creates them:
 * {@code RedisMemoizedFunction} (Python pottery's {@code redis_cache}, with canonical argument-list fields and an
 * in-process single flight) and {@code RedisCachedOrderedMap} (Python's {@code CachedOrderedDict}). {@code Expiry}
 * is the idle timeout both renew.
 */
package io.pottery.internal.cache;
