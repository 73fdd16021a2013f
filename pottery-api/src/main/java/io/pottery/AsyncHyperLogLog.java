package io.pottery;

import java.util.concurrent.CompletionStage;

/**
 * The asynchronous view of a {@link HyperLogLog}, from {@link HyperLogLog#async()}: add, contains and the size estimate,
 * each returning a {@link CompletionStage} instead of waiting for Redis.
 *
 * <pre>{@code
 * AsyncHyperLogLog<String> visitors = pottery.hyperLogLog("visitors", String.class).async();
 * visitors.add("alice").thenCompose(added -> visitors.contains("bob")).thenAccept(maybe -> log.info("bob: {}", maybe));
 * }</pre>
 *
 * <p>Each method is the twin of the {@link HyperLogLog} method of the same name: the same command or script, the
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
public interface AsyncHyperLogLog<E> {

  /** The Redis key (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * Adds {@code element}: one {@code PFADD}; the twin of {@link HyperLogLog#add}. Completes with what {@code add} returns.
   *
   * @throws NullPointerException if {@code element} is null
   */
  CompletionStage<Boolean> add(E element);

  /**
   * Whether {@code element} may have been added: one script that probes a copy, as the blocking twin does; the twin of {@link HyperLogLog#contains}.
   *
   * @throws NullPointerException if {@code element} is null
   */
  CompletionStage<Boolean> contains(E element);

  /** The estimate of distinct elements added: one {@code PFCOUNT}; the twin of {@link HyperLogLog#approximateSize()}. */
  CompletionStage<Long> approximateSize();
}
