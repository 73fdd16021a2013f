package io.pottery;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous view of a {@link RedisMap}, from {@link RedisMap#async()}: the map's single-round-trip
 * operations, each returning a {@link CompletionStage} instead of waiting for Redis.
 *
 * <pre>{@code
 * AsyncRedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class).async();
 * tel.put("jack", 4098)
 *    .thenCompose(previous -> tel.get("sape"))
 *    .thenAccept(sape -> log.info("sape: {}", sape));
 * }</pre>
 *
 * <h2>Contract</h2>
 * Each method is the twin of the {@link RedisMap} method of the same name: the same command or Lua script, the
 * same atomicity, one round trip, the same answer. Only the waiting differs.
 * <ul>
 *   <li><b>Completion:</b> the stage completes on the {@code Pottery}'s async executor ({@link
 *       Pottery.Builder#asyncExecutor}, by default the {@code Pottery}'s own threads),
 *       where the reply is decoded; dependent stages added without an executor run there too (or on the
 *       caller's thread if the stage is already complete), never on a driver's I/O thread.
 *   <li><b>Errors</b> arrive as the same exception types, with the same messages, as the blocking twin throws
 *       ({@link WrongTypeException}, {@link CodecException}, {@link RedisConnectionException}, {@link
 *       IllegalStateException} for a closed {@code Pottery}, …), wrapped one level in a {@link
 *       java.util.concurrent.CompletionException} as {@link java.util.concurrent.CompletableFuture} does:
 *       {@code join()} throws the wrapper, {@code exceptionally}/{@code handle} see it, {@code get()} throws an
 *       {@link java.util.concurrent.ExecutionException} with the same cause. Argument errors ({@link
 *       NullPointerException} for a null key or value, a {@link CodecException} for one the codec cannot
 *       encode) are thrown by the call itself, before anything is sent.
 *   <li><b>Absent values</b> complete the stage with {@code null}, as the blocking twin returns {@code null}.
 *   <li><b>Order:</b> stages started one after another from one thread are sent in that order over each
 *       driver's connection, but may complete in any order; chain them to order their effects.
 * </ul>
 * Instances are thread-safe and cheap: a view holds no state beyond its map.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 * @since 0.1
 */
public interface AsyncRedisMap<K, V> {

  /** The Redis key of the hash (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * The value of {@code key}, or {@code null} if absent (also for a key the codec cannot encode, which cannot be
   * in the map): one {@code HGET}; the twin of {@link RedisMap#get}.
   *
   * @throws NullPointerException if {@code key} is null
   */
  CompletionStage<V> get(Object key);

  /**
   * Associates {@code value} with {@code key} and completes with the previous value or {@code null}: one Lua
   * script, atomic; the twin of {@link RedisMap#put}. A previous value that does not decode fails the stage
   * with a {@link CodecException} holding its bytes, which are no longer in Redis.
   *
   * @throws NullPointerException if the key or value is null
   */
  CompletionStage<V> put(K key, V value);

  /**
   * Associates {@code value} with {@code key} without reading the previous value: one {@code HSET}; completes
   * with {@code true} if the key was new. The twin of {@link RedisMap#fastPut}.
   *
   * @throws NullPointerException if the key or value is null
   */
  CompletionStage<Boolean> fastPut(K key, V value);

  /**
   * Removes {@code key} and completes with its value, or {@code null} if it was absent: one Lua script, atomic;
   * the twin of {@link RedisMap#remove(Object)}.
   *
   * @throws NullPointerException if {@code key} is null
   */
  CompletionStage<V> remove(Object key);

  /**
   * Associates {@code value} with {@code key} only if it is absent; completes with the value that stopped it,
   * or {@code null} if the write happened: one Lua script, atomic; the twin of {@link RedisMap#putIfAbsent}.
   *
   * @throws NullPointerException if the key or value is null
   */
  CompletionStage<V> putIfAbsent(K key, V value);

  /**
   * Replaces the value of {@code key} only if it is present; completes with the previous value, or {@code null}
   * if nothing was written: one Lua script, atomic; the twin of {@link RedisMap#replace(Object, Object)}.
   *
   * @throws NullPointerException if the key or value is null
   */
  CompletionStage<V> replace(K key, V value);

  /**
   * The values of many keys, in one {@code HMGET}: completes with the keys that are present, with their values,
   * in the order of {@code keys}; the twin of {@link RedisMap#getAll}.
   *
   * @throws NullPointerException if {@code keys} or any of its elements is null
   */
  CompletionStage<Map<K, V>> getAll(Iterable<? extends K> keys);

  /**
   * Writes every entry in one multi-field {@code HSET}: atomic, one round trip (none for an empty map); the
   * twin of {@link RedisMap#putAll}. Every key and value is encoded before anything is sent.
   *
   * @throws NullPointerException if {@code entries}, a key or a value is null; nothing is sent
   */
  CompletionStage<Void> putAll(Map<? extends K, ? extends V> entries);
}
