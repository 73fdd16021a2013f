package io.pottery;

import java.util.function.Function;

/**
 * A function whose results are cached in one Redis hash: Python pottery's {@code redis_cache}. Every process
 * that memoizes a function under the same key shares its results.
 *
 * <pre>{@code
 * MemoizedFunction<Integer, Long> fib = pottery.memoize("fib-cache", n -> slowFib(n), TypeRef.of(Long.class));
 * fib.apply(90);          // computed, then HSET fib-cache "[90]" 2880067194370816120
 * fib.apply(90);          // HGET: a hit
 * fib.cacheInfo();        // CacheInfo[hits=1, misses=1, maxSize=OptionalLong.empty, currSize=1]
 * }</pre>
 *
 * <h2>Layout</h2>
 * The hash maps a field, the codec's canonical encoding of the argument <em>list</em>, to the codec's encoding of
 * the result: with a JSON codec {@code f(1)} is the field {@code [1]}, a function of no arguments {@code []}, and
 * {@code f(1, "raj")} (see {@link Pottery#memoizeArgs}) {@code [1, "raj"]}. A null result is stored as
 * {@code null}. Python pottery's fields come from Python's per-process {@code hash()}, which no other process can
 * reproduce; these are the same in every process and language. The two kinds of field never collide (Python's
 * are bare integers), but neither library sees the other's entries.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Round trips:</b> a hit is one round trip ({@code HGET} and the expiry in one pipeline); a miss reads
 *       again once it holds this process's right to compute, then computes and stores ({@code HSET} and the
 *       expiry in one pipeline). {@link #cacheInfo} is one {@code HLEN}; {@link #cacheClear} one {@code UNLINK}.
 *   <li><b>Single flight:</b> concurrent callers of this instance with the same missing argument compute it once;
 *       the others wait for that result (or its exception). Callers in other processes may compute it too: the
 *       last write wins, which is harmless for a pure function. Share one instance per key in a process.
 *   <li><b>Expiry:</b> with a timeout (default 60 s, as Python pottery), every call — hit, miss or
 *       {@link #bypass} — resets the whole hash's time to live ({@code PEXPIRE}), so the cache disappears after
 *       being idle that long. With no timeout the hash never expires.
 *   <li><b>The function</b> must be deterministic in its arguments and should be free of side effects; it runs on
 *       the calling thread. If it throws, nothing is stored and the exception reaches the caller (and the callers
 *       waiting on it).
 *   <li><b>Errors:</b> an argument or result the codec cannot encode, or a stored value that does not decode as the
 *       declared result type, throws {@link CodecException}; a key holding another type,
 *       {@link WrongTypeException}; connection failures, {@link RedisConnectionException}.
 * </ul>
 * Instances are thread-safe.
 *
 * @param <A> the argument type (a {@code List<?>} of arguments for {@link Pottery#memoizeArgs})
 * @param <R> the result type
 * @since 0.1
 */
public interface MemoizedFunction<A, R> extends Function<A, R> {

  /** The Redis key of the hash (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * The cached result for {@code argument}, computing and storing it on a miss. Counts a hit or a miss. A null
   * argument is cached like any other ({@code [null]}).
   */
  @Override
  R apply(A argument);

  /**
   * Computes the result for {@code argument} without looking in the cache, stores it (replacing any cached one)
   * and returns it. Counts neither a hit nor a miss.
   */
  R bypass(A argument);

  /** Hits and misses of this instance, and the current number of entries in Redis ({@code HLEN}). */
  CacheInfo cacheInfo();

  /** Empties the cache ({@code UNLINK} of the key, for every process) and zeroes this instance's counters. */
  void cacheClear();

  /** The function being memoized, to call it without the cache. */
  Function<A, R> wrapped();
}
