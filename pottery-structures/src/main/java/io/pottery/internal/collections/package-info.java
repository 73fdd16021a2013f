/**
 * Internal, may change: the Redis-backed {@code java.util} collections. {@link
 * io.pottery.internal.collections.RedisCollections} creates them; the implementations are package-private.
 * {@code RedisHashMap} is Python pottery's {@code RedisDict}: one Redis hash, field = codec bytes of the key,
 * value = codec bytes of the value. Its atomic operations run the Lua scripts next to it in the resources
 * ({@code map-*.lua}). {@code RedisBackedList} and {@code RedisBackedDeque} are Python pottery's {@code
 * RedisList} and {@code RedisDeque}: one Redis list of codec bytes, index 0 = head; both talk to Redis through
 * {@code RedisListStore}, which runs the {@code list-*.lua} and {@code deque-*.lua} scripts, and iterate with
 * {@code ListPageIterator} (LRANGE pages).
 */
package io.pottery.internal.collections;
