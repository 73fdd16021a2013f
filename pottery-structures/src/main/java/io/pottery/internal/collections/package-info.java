/**
 * Internal, may change: the Redis-backed {@code java.util} collections. {@link
 * io.pottery.internal.collections.RedisCollections} creates them; the implementations are package-private.
 * {@code RedisHashMap} is Python pottery's {@code RedisDict}: one Redis hash, field = codec bytes of the key,
 * value = codec bytes of the value. Its atomic operations run the Lua scripts next to it in the resources
 * ({@code map-*.lua}). {@code RedisBackedList} and {@code RedisBackedDeque} are Python pottery's {@code
 * RedisList} and {@code RedisDeque}: one Redis list of codec bytes, index 0 = head; both talk to Redis through
 * {@code RedisListStore}, which runs the {@code list-*.lua} and {@code deque-*.lua} scripts, and iterate with
 * {@code ListPageIterator} (LRANGE pages).
 * {@code RedisMemberSet} is Python pottery's {@code RedisSet}: one Redis set of codec bytes
 * ({@code set-*.lua}). {@code RedisHashCounter} is Python pottery's {@code RedisCounter}: one Redis hash, field =
 * codec bytes of the element, value = the count in plain decimal ({@code counter-*.lua}); its map view is a
 * {@code RedisHashMap} over the same hash.
 */
package io.pottery.internal.collections;
