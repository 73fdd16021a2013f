package io.pottery;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The asynchronous view of a {@link RedisCounter}, from {@link RedisCounter#async()}: its single-round-trip
 * operations, each returning a {@link CompletionStage} instead of waiting for Redis.
 *
 * <pre>{@code
 * AsyncRedisCounter<String> hits = pottery.counter("hits", String.class).async();
 * hits.increment("/home").thenAccept(count -> log.debug("/home seen {} times", count));
 * }</pre>
 *
 * <p>Each method is the twin of the {@link RedisCounter} method of the same name: the same command or script,
 * the same atomicity, one round trip, the same answer. Stages complete on the {@code Pottery}'s async executor
 * ({@link Pottery.Builder#asyncExecutor}, by default the {@code Pottery}'s own threads),
 * never on a driver's I/O thread. Failures arrive as the exception types and messages the blocking twin
 * throws ({@link ArithmeticException} for an overflow, {@link CodecException} for a stored count that is not an
 * integer, {@link WrongTypeException}, {@link RedisConnectionException}, …), wrapped one level in a {@link
 * java.util.concurrent.CompletionException}; null arguments throw {@link NullPointerException} at the call,
 * before anything is sent. Instances are thread-safe.
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface AsyncRedisCounter<E> {

  /** The Redis key of the hash (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * The count of {@code element}, 0 if it is missing (or cannot be encoded): one {@code HGET}; the twin of
   * {@link RedisCounter#count}.
   *
   * @throws NullPointerException if {@code element} is null
   */
  CompletionStage<Long> count(Object element);

  /**
   * Adds 1 to the count of {@code element} and completes with the new count: one {@code HINCRBY}, atomic; the
   * twin of {@link RedisCounter#increment(Object)}.
   *
   * @throws NullPointerException if {@code element} is null
   */
  CompletionStage<Long> increment(E element);

  /**
   * Adds {@code delta} (may be zero or negative) to the count of {@code element} and completes with the new
   * count: one {@code HINCRBY}, atomic; the twin of {@link RedisCounter#increment(Object, long)}. An overflow
   * fails the stage with {@link ArithmeticException} and leaves the count unchanged.
   *
   * @throws NullPointerException if {@code element} is null
   */
  CompletionStage<Long> increment(E element, long delta);

  /**
   * Counts each of {@code elements} once more: one Lua script, atomic, all or nothing; the twin of {@link
   * RedisCounter#add(Iterable)}.
   *
   * @throws NullPointerException if {@code elements} or any element is null; nothing is sent
   */
  CompletionStage<Void> add(Iterable<? extends E> elements);

  /**
   * Adds each count of {@code counts}: one Lua script, atomic, all or nothing; the twin of {@link
   * RedisCounter#add(Map)}.
   *
   * @throws NullPointerException if {@code counts}, a key or a count is null; nothing is sent
   */
  CompletionStage<Void> add(Map<? extends E, ? extends Long> counts);
}
