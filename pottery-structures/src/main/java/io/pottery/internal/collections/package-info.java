/**
 * Internal, may change: the Redis-backed {@code java.util} collections. {@link
 * io.pottery.internal.collections.RedisCollections} creates them; the implementations are package-private.
 * {@code RedisHashMap} is Python pottery's {@code RedisDict}: one Redis hash, field = codec bytes of the key,
 * value = codec bytes of the value. Its atomic operations run the Lua scripts next to it in the resources
 * ({@code map-*.lua}).
 */
package io.pottery.internal.collections;
