package io.pottery;

import java.util.OptionalLong;

/**
 * Statistics of a {@link MemoizedFunction}, like Python's {@code functools} {@code CacheInfo} named tuple that
 * pottery's {@code redis_cache} returns.
 *
 * @param hits calls answered from Redis, counted in this process since creation or the last
 *     {@link MemoizedFunction#cacheClear()}
 * @param misses calls that did not find their result in Redis, counted likewise
 * @param maxSize the bound on the number of entries: always empty, the cache is unbounded (Python's
 *     {@code maxsize=None}); entries leave it only by expiry or {@code cacheClear()}
 * @param currSize the number of entries in the Redis hash now ({@code HLEN}), whoever wrote them
 * @since 0.1
 */
public record CacheInfo(long hits, long misses, OptionalLong maxSize, long currSize) {}
