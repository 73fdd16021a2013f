/**
 * Internal, may change: the Redis-backed {@code java.util} collections. {@link
 * io.pottery.internal.collections.RedisCollections} creates them; the implementations are package-private.
 * {@code RedisHashMap} is Python pottery's {@code RedisDict}: one Redis hash, field = codec bytes of the key,
 * value = codec bytes of the value. Its atomic operations run the Lua scripts next to it in the resources
 * ({@code map-*.lua}). {@code RedisMemberSet} is Python pottery's {@code RedisSet}: one Redis set of codec bytes
 * ({@code set-*.lua}). {@code RedisHashCounter} is Python pottery's {@code RedisCounter}: one Redis hash, field =
 * codec bytes of the element, value = the count in plain decimal ({@code counter-*.lua}); its map view is a
 * {@code RedisHashMap} over the same hash.
 */
package io.pottery.internal.collections;
