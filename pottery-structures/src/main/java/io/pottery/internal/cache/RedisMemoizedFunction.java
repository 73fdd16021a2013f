package io.pottery.internal.cache;

import io.pottery.CacheInfo;
import io.pottery.MemoizedFunction;
import io.pottery.TypeRef;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.internal.instrument.Instrumentation;
import io.pottery.internal.instrument.Scope;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import io.pottery.spi.Command;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@link MemoizedFunction} over one Redis hash: field = the codec's bytes of the argument list, value = the codec's
 * bytes of the result ({@code null} for a null result). A miss takes this instance's in-flight slot for the field
 * before computing; callers that find the slot taken wait for its result instead of computing again.
 *
 * @param <A> the argument type
 * @param <R> the result type
 */
final class RedisMemoizedFunction<A, R> implements MemoizedFunction<A, R> {
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final String TYPE = "MemoizedFunction";

  private final KeyedStructure redis;
  private final Function<A, R> function;
  private final Function<A, List<?>> argumentList;
  private final TypeRef<R> resultType;
  private final Expiry expiry;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final ConcurrentMap<ByteBuffer, CompletableFuture<R>> inFlight = new ConcurrentHashMap<>();

  /**
   * @param argumentList turns the argument into the list whose encoding is the field
   */
  RedisMemoizedFunction(
      KeyedStructure redis, Function<A, R> function, Function<A, List<?>> argumentList, TypeRef<R> resultType, Expiry expiry) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.function = Objects.requireNonNull(function, "function");
    this.argumentList = Objects.requireNonNull(argumentList, "argumentList");
    this.resultType = Objects.requireNonNull(resultType, "resultType");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
  }

  @Override
  public String key() {
    return redis.key();
  }

  private byte[] field(A argument) {
    List<?> arguments = argumentList.apply(argument);
    Objects.requireNonNull(arguments, "arguments");
    return redis.encode(arguments, "argument list");
  }

  @Override
  public R apply(A argument) {
    Instrumentation instrumentation = redis.backend().instrumentation();
    if (!instrumentation.enabled()) {
      return applyBody(argument, instrumentation);
    }
    Scope scope = instrumentation.start(TYPE, "apply", redis.key());
    try {
      R result = applyBody(argument, instrumentation);
      scope.success();
      return result;
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  private void report(Instrumentation instrumentation, PotteryEvent.Kind kind) {
    instrumentation.event(kind, TYPE, redis.key(), 1, 0);
  }

  /** The body of {@link #apply}; reports hits, misses and puts (nothing when there is no listener). */
  private R applyBody(A argument, Instrumentation instrumentation) {
    byte[] field = field(argument);
    ByteBuffer slot = ByteBuffer.wrap(field);
    CompletableFuture<R> running = inFlight.get(slot);
    if (running != null) {
      misses.incrementAndGet();
      report(instrumentation, PotteryEvent.Kind.CACHE_MISS);
      return join(running);
    }
    Lookup<R> cached = lookup(field);
    if (cached.found()) {
      hits.incrementAndGet();
      report(instrumentation, PotteryEvent.Kind.CACHE_HIT);
      return cached.value();
    }
    misses.incrementAndGet();
    report(instrumentation, PotteryEvent.Kind.CACHE_MISS);
    CompletableFuture<R> mine = new CompletableFuture<>();
    running = inFlight.putIfAbsent(slot, mine);
    if (running != null) {
      return join(running);
    }
    try {
      // Another caller of this instance may have stored it between our read and taking the slot.
      Lookup<R> again = lookup(field);
      R result = again.found() ? again.value() : computeAndStore(argument, field);
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(slot, mine);
    }
  }

  @Override
  public R bypass(A argument) {
    return computeAndStore(argument, field(argument));
  }

  private R computeAndStore(A argument, byte[] field) {
    R result = function.apply(argument);
    byte[] value = result == null ? NULL : redis.encode(result, "result");
    List<Command> commands = new ArrayList<>(2);
    commands.add(redis.command("HSET").arg(field).arg(value).idempotent().build());
    expiry.renew(redis).ifPresent(commands::add);
    redis.pipeline(commands);
    redis.backend().instrumentation().event(PotteryEvent.Kind.CACHE_PUT, TYPE, redis.key(), 1, 0);
    return result;
  }

  private Lookup<R> lookup(byte[] field) {
    List<Command> commands = new ArrayList<>(2);
    commands.add(redis.command("HGET").arg(field).idempotent().build());
    expiry.renew(redis).ifPresent(commands::add);
    byte[] stored = redis.pipelineFirst(commands, Reply.NULLABLE_BYTES);
    if (stored == null) {
      return new Lookup<>(false, null);
    }
    if (Arrays.equals(stored, NULL)) {
      return new Lookup<>(true, null);
    }
    return new Lookup<>(true, redis.decodeAt(field, stored, resultType));
  }

  private record Lookup<R>(boolean found, R value) {}

  private static <R> R join(CompletableFuture<R> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  @Override
  public CacheInfo cacheInfo() {
    long size = redis.execute(redis.command("HLEN").idempotent().build(), Reply.LONG);
    return new CacheInfo(hits.get(), misses.get(), OptionalLong.empty(), size);
  }

  @Override
  public void cacheClear() {
    Instrumentation instrumentation = redis.backend().instrumentation();
    if (instrumentation.enabled()) {
      // Count what is evicted for the listeners, in the same round trip.
      Scope scope = instrumentation.start(TYPE, "clear", redis.key());
      try {
        long size = redis.pipelineFirst(List.of(redis.command("HLEN").idempotent().build(),
            redis.command("UNLINK").idempotent().build()), Reply.LONG);
        instrumentation.event(PotteryEvent.Kind.CACHE_EVICT, TYPE, redis.key(), size, 0);
        scope.success();
      } catch (RuntimeException | Error e) {
        scope.fail(e);
        throw e;
      }
    } else {
      redis.execute(redis.command("UNLINK").idempotent().build());
    }
    hits.set(0);
    misses.set(0);
  }

  @Override
  public Function<A, R> wrapped() {
    return function;
  }

  /** {@code MemoizedFunction{key="fib-cache", hits=1, misses=1}}; sends nothing to Redis. */
  @Override
  public String toString() {
    return "MemoizedFunction{key=\"" + redis.key() + "\", hits=" + hits.get() + ", misses=" + misses.get() + "}";
  }
}
