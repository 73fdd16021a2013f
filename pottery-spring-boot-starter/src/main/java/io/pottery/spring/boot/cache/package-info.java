/**
 * A Spring {@code CacheManager} on Pottery: {@code @Cacheable} entries as Redis strings of Python-readable JSON,
 * with a time to live per cache and per entry kept by Redis, {@code clear()} without {@code KEYS}, and
 * {@code sync = true} honoured across JVMs. See {@link io.pottery.spring.boot.cache.PotteryCacheManager}.
 */
package io.pottery.spring.boot.cache;
