package io.pottery.internal.cache;

import io.pottery.CachedOrderedMap;
import io.pottery.MemoizedFunction;
import io.pottery.TypeRef;
import io.pottery.internal.structures.Backend;
import io.pottery.internal.structures.KeyedStructure;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Internal, may change: creates the caches of this package for {@code Pottery}; the implementations stay
 * package-private. As every feature's entry point, it takes the name the user gave and adds the namespace itself;
 * {@link KeyedStructure} refuses a closed {@code Pottery} (docs/design-notes.md, "Who adds the namespace and
 * checks that Pottery is open").
 */
public final class Caches {
  /** The name messages give a {@link MemoizedFunction}. */
  public static final String MEMOIZED_FUNCTION = "MemoizedFunction";
  /** The name messages give a {@link CachedOrderedMap}. */
  public static final String CACHED_ORDERED_MAP = "CachedOrderedMap";
  /** The name messages give an {@link io.pottery.ExpiringCache}. */
  public static final String EXPIRING_CACHE = "ExpiringCache";
  /** Python pottery's default idle timeout, 60 s. */
  public static final Duration DEFAULT_TIMEOUT = Expiry.DEFAULT;

  private Caches() {}

  /**
   * Memoizes a function of one argument in the hash named {@code name} (the namespace is added): the field of
   * {@code f(a)} is the encoding of {@code [a]}. Sends nothing to Redis.
   *
   * @throws IllegalArgumentException if the timeout is negative
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public static <A, R> MemoizedFunction<A, R> memoize(
      Backend backend, String name, Function<A, R> function, TypeRef<R> resultType, Duration timeout) {
    return new RedisMemoizedFunction<>(
        new KeyedStructure(backend, MEMOIZED_FUNCTION, "hash", backend.redisKey(name)), function, Collections::singletonList,
        resultType, Expiry.of(timeout));
  }

  /**
   * Memoizes a function of an argument list in the hash named {@code name} (the namespace is added): the field is
   * the encoding of the list itself. Sends nothing to Redis.
   */
  public static <R> MemoizedFunction<List<?>, R> memoizeArgs(
      Backend backend, String name, Function<List<?>, R> function, TypeRef<R> resultType, Duration timeout) {
    return new RedisMemoizedFunction<List<?>, R>(
        new KeyedStructure(backend, MEMOIZED_FUNCTION, "hash", backend.redisKey(name)), function,
        arguments -> Objects.requireNonNull(arguments, "the argument list is null; pass List.of() for no arguments"),
        resultType, Expiry.of(timeout));
  }

  /** Looks up {@code keys} in the cache hash named {@code name} (the namespace is added) in one round trip. */
  public static <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      Backend backend, String name, TypeRef<K> keyType, TypeRef<V> valueType, Iterable<? extends K> keys,
      Duration timeout) {
    Objects.requireNonNull(keyType, "keyType");
    return new RedisCachedOrderedMap<>(
        new KeyedStructure(backend, CACHED_ORDERED_MAP, "hash", backend.redisKey(name)), valueType, keys, Expiry.of(timeout));
  }

  /**
   * An expiring cache named {@code name}, on the keys {@code <namespace>cache:{name}...}. Sends nothing to Redis.
   *
   * @throws IllegalArgumentException if the name is empty or contains a brace
   */
  public static io.pottery.ExpiringCache expiringCache(Backend backend, String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
      throw new IllegalArgumentException("ExpiringCache name \"" + name + "\": give a non-empty name without braces;"
          + " it becomes the hash tag {name} that keeps every key of the cache in one slot");
    }
    String redisKey = backend.redisKey("cache:{" + name + "}");
    return new RedisExpiringCache(new KeyedStructure(backend, EXPIRING_CACHE, "zset", redisKey), name,
        Duration.ofSeconds(30), Duration.ofSeconds(60));
  }
}
