package io.pottery.internal.collections;

import io.pottery.AsyncRedisCounter;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Internal, may change: {@link RedisHashCounter#async()}. Each method is its blocking twin's async form in
 * {@link RedisHashCounter}, which shares the command, script, shape and error handling with the blocking method.
 */
final class AsyncHashCounter<E> implements AsyncRedisCounter<E> {
  private final RedisHashCounter<E> counter;

  AsyncHashCounter(RedisHashCounter<E> counter) {
    this.counter = counter;
  }

  @Override
  public String key() {
    return counter.key();
  }

  @Override
  public CompletionStage<Long> count(Object element) {
    return counter.countAsync(element);
  }

  @Override
  public CompletionStage<Long> increment(E element) {
    return counter.incrementAsync(element, 1);
  }

  @Override
  public CompletionStage<Long> increment(E element, long delta) {
    return counter.incrementAsync(element, delta);
  }

  @Override
  public CompletionStage<Void> add(Iterable<? extends E> elements) {
    return counter.addAsync(elements);
  }

  @Override
  public CompletionStage<Void> add(Map<? extends E, ? extends Long> counts) {
    return counter.addAsync(counts);
  }

  /** {@code AsyncRedisCounter "hits"}. */
  @Override
  public String toString() {
    return "AsyncRedisCounter \"" + counter.key() + "\"";
  }
}
