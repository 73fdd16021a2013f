package io.pottery;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous view of a {@link BloomFilter}, from {@link BloomFilter#async()}: add, contains and the size estimate,
 * each returning a {@link CompletionStage} instead of waiting for Redis.
 *
 * <pre>{@code
 * AsyncBloomFilter<String> seen = pottery.bloomFilter("seen", 1_000_000, 0.01, String.class).async();
 * seen.add("alice").thenCompose(added -> seen.contains("bob")).thenAccept(maybe -> log.info("bob: {}", maybe));
 * }</pre>
 *
 * <p>Each method is the twin of the {@link BloomFilter} method of the same name: the same command or script, the
 * same atomicity, one round trip, the same answer. Stages complete on the {@code Pottery}'s async executor
 * ({@link Pottery.Builder#asyncExecutor}, by default the {@code Pottery}'s own threads),
 * never on a driver's I/O thread. Failures arrive as the exception types and messages the blocking twin throws
 * ({@link WrongTypeException}, {@link RedisConnectionException}, {@link IllegalStateException} for a closed
 * {@code Pottery}, …), wrapped one level in a {@link java.util.concurrent.CompletionException}; a null element
 * throws {@link NullPointerException} at the call, and one the codec cannot encode a {@link CodecException},
 * before anything is sent. Instances are thread-safe.
 *
 * @param <E> the type of elements
 * @since 0.1
 */
public interface AsyncBloomFilter<E> {

  /** The Redis key (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * Adds {@code element}: sets its k bits in one {@code BITFIELD}, atomic; the twin of {@link BloomFilter#add}. Completes with what {@code add} returns.
   *
   * @throws NullPointerException if {@code element} is null
   */
  CompletionStage<Boolean> add(E element);

  /**
   * Whether {@code element} may have been added: reads its k bits in one {@code BITFIELD}; the twin of {@link BloomFilter#contains}.
   *
   * @throws NullPointerException if {@code element} is null
   */
  CompletionStage<Boolean> contains(E element);

  /** The estimate of distinct elements added: one {@code BITCOUNT}, and the same estimate; the twin of {@link BloomFilter#approximateSize()}. */
  CompletionStage<Long> approximateSize();
}
