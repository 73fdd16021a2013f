package io.pottery;

import io.pottery.instrumentation.PotteryListener;
import io.pottery.internal.discovery.PotteryAssembly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entry point: a connection to one or more Redis masters, and the factory of every Pottery structure on
 * them.
 *
 * <pre>{@code
 * try (Pottery pottery = Pottery.connect("redis://localhost:6379/1")) {
 *   RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
 *   tel.put("jack", 4098);
 * }
 * }</pre>
 *
 * <p>{@code connect} and {@link #builder()} find, with {@link java.util.ServiceLoader}, the structures
 * implementation (artifact {@code io.pottery:pottery-structures}), a driver ({@code pottery-driver-lettuce}
 * or {@code pottery-driver-jedis}) and a codec ({@code pottery-codec-jackson} or {@code pottery-codec-gson}).
 * With several drivers or codecs on the class path, the builder's {@link Builder#driver} / {@link
 * Builder#codec} choose, else the system properties {@code pottery.driver} / {@code pottery.codec}, else the
 * highest priority (Lettuce, Jackson).
 *
 * <p>Collections live on the first master; Redlock, NextId and synchronize use all masters with a quorum.
 * A {@code Pottery} is thread-safe, and should be shared: it owns the connections it opened and closes them
 * in {@link #close()}. Structures created from it are light views, valid until it is closed.
 *
 * @since 0.1
 */
public interface Pottery extends AutoCloseable {

  /**
   * Connects to the given masters with default settings; see {@link Builder#masters(String...)}. With no
   * URI, connects to {@code REDIS_URL} from the environment, else {@code redis://localhost:6379/0}, as Python
   * pottery does.
   *
   * @throws PotteryConfigurationException if a URI is malformed or a provider is missing or ambiguous
   * @throws RedisConnectionException if a master cannot be reached
   */
  static Pottery connect(String... uris) {
    Builder builder = builder();
    if (uris.length > 0) {
      builder.masters(uris);
    }
    return builder.build();
  }

  /** A builder for settings beyond the defaults. */
  static Builder builder() {
    return new Builder();
  }

  // Every factory of a structure that holds typed values comes in two forms with the same overloads: a
  // TypeRef form, which implementations provide, and a Class form, a default method over it. For each structure
  // the Javadoc of the TypeRef form is the contract; the Class form is that contract for a plain class.

  // ---- RedisMap (Redis hash) ---------------------------------------------------------------------------------

  /**
   * A map stored in the Redis hash {@code key}; see {@link RedisMap}. Creating it sends nothing to Redis: it
   * attaches to whatever the key holds (so Java opens the maps Python pottery wrote).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <K, V> RedisMap<K, V> map(String key, Class<K> keyType, Class<V> valueType) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return map(key, TypeRef.of(keyType), TypeRef.of(valueType));
  }

  /**
   * A map stored in the Redis hash {@code key}, with generic key or value types, e.g.
   * {@code pottery.map("docs", TypeRef.of(String.class), new TypeRef<List<Integer>>() {})}. Sends nothing to
   * Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <K, V> RedisMap<K, V> map(String key, TypeRef<K> keyType, TypeRef<V> valueType);

  /**
   * A map under a fresh random key ({@code pottery:} + a random UUID, checked to be unused), as Python
   * pottery names a container created without a key. {@link RedisMap#key()} tells the key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <K, V> RedisMap<K, V> map(Class<K> keyType, Class<V> valueType) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return map(TypeRef.of(keyType), TypeRef.of(valueType));
  }

  /**
   * As {@link #map(Class, Class)}, with generic key or value types: a map under a fresh random key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <K, V> RedisMap<K, V> map(TypeRef<K> keyType, TypeRef<V> valueType);

  // ---- Quorum primitives: Redlock, synchronize, NextId (all masters, quorum n/2 + 1) ----

  /**
   * A distributed lock named {@code key} over all masters, with the default settings (auto-release 10 s, 3
   * extensions, {@link Redlock#hold()} waits forever, no watchdog). Its Redis key is {@code redlock:<key>}, as
   * Python pottery's; see {@link Redlock}. Sends nothing to Redis.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  Redlock redlock(String key);

  /**
   * Settings for a lock named {@code key}: {@code pottery.redlockBuilder("printer").autoRelease(Duration.ofSeconds(30))
   * .build()}.
   *
   * @throws NullPointerException if {@code key} is null
   */
  Redlock.Builder redlockBuilder(String key);

  /**
   * Runs {@code body} under a fresh {@link Redlock} on {@code key} with the default settings (Python pottery's
   * {@code @synchronize(key=...)}): waits for the lock, runs, releases.
   *
   * @return what {@code body} returned
   * @throws ReleaseUnlockedLock if the lease expired while {@code body} ran
   * @throws NullPointerException if an argument is null
   */
  <T> T synchronize(String key, java.util.function.Supplier<T> body);

  /** As {@link #synchronize(String, java.util.function.Supplier)}, for a body without result. */
  void synchronize(String key, Runnable body);

  /**
   * The id generator {@code nextid:<key>} over all masters; see {@link NextId}. Sends nothing to Redis.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  NextId nextId(String key);

  /** The id generator with Python pottery's default key, {@code current} ({@code nextid:current}). */
  NextId nextId();

  /**
   * Settings for the id generator {@code nextid:<key>}: {@code pottery.nextIdBuilder("tweet-ids")
   * .waitForReplicas(1, Duration.ofMillis(100)).build()}. Sends nothing to Redis.
   *
   * @throws NullPointerException if {@code key} is null
   */
  NextId.Builder nextIdBuilder(String key);

  // ---- RedisList and RedisDeque (Redis lists) ----------------------------------------------------------------

  /**
   * A list stored in the Redis list {@code key}; see {@link RedisList}. Creating it sends nothing to Redis: it
   * attaches to whatever the key holds (so Java opens the lists Python pottery wrote).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisList<E> list(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return list(key, TypeRef.of(elementType));
  }

  /**
   * A list stored in the Redis list {@code key}, with a generic element type, e.g.
   * {@code pottery.list("docs", new TypeRef<Map<String, Integer>>() {})}. Sends nothing to Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisList<E> list(String key, TypeRef<E> elementType);

  /**
   * A list under a fresh random key ({@code pottery:} + a random UUID, checked to be unused), as Python
   * pottery names a container created without a key. {@link RedisList#key()} tells the key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisList<E> list(Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return list(TypeRef.of(elementType));
  }

  /**
   * As {@link #list(Class)}, with a generic element type: a list under a fresh random key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisList<E> list(TypeRef<E> elementType);

  /**
   * An unbounded deque stored in the Redis list {@code key}; see {@link RedisDeque}. Sends nothing to Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisDeque<E> deque(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return deque(key, TypeRef.of(elementType));
  }

  /**
   * An unbounded deque stored in the Redis list {@code key}, with a generic element type. Sends nothing.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisDeque<E> deque(String key, TypeRef<E> elementType);

  /**
   * A deque of at most {@code maxlen} elements stored in the Redis list {@code key}, as Python's
   * {@code RedisDeque(key=key, maxlen=maxlen)}: adding at one end drops elements from the other. Checks the
   * stored length once ({@code LLEN}).
   *
   * @throws IllegalArgumentException if {@code maxlen} is negative, or the key already holds a list longer
   *     than {@code maxlen} (Python raises IndexError there)
   * @throws WrongTypeException if the key holds another Redis type
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisDeque<E> deque(String key, Class<E> elementType, int maxlen) {
    Objects.requireNonNull(elementType, "elementType");
    return deque(key, TypeRef.of(elementType), maxlen);
  }

  /**
   * As {@link #deque(String, Class, int)}, with a generic element type: a deque of at most {@code maxlen}
   * elements. Checks the stored length once ({@code LLEN}).
   *
   * @throws IllegalArgumentException if {@code maxlen} is negative or the stored list is longer
   * @throws WrongTypeException if the key holds another Redis type
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisDeque<E> deque(String key, TypeRef<E> elementType, int maxlen);

  /**
   * An unbounded deque under a fresh random key ({@code pottery:} + a random UUID, checked to be unused).
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisDeque<E> deque(Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return deque(TypeRef.of(elementType));
  }

  /**
   * As {@link #deque(Class)}, with a generic element type: an unbounded deque under a fresh random key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisDeque<E> deque(TypeRef<E> elementType);

  // ---- RedisSet (Redis set) and RedisCounter (Redis hash) ----------------------------------------------------

  /**
   * A set stored in the Redis set {@code key}; see {@link RedisSet}. Creating it sends nothing to Redis: it
   * attaches to whatever the key holds (so Java opens the sets Python pottery wrote).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisSet<E> set(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return set(key, TypeRef.of(elementType));
  }

  /**
   * A set stored in the Redis set {@code key}, with a generic element type, e.g.
   * {@code pottery.set("pairs", new TypeRef<List<Integer>>() {})}. Sends nothing to Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisSet<E> set(String key, TypeRef<E> elementType);

  /**
   * A set under a fresh random key ({@code pottery:} + a random UUID, checked to be unused); {@link
   * RedisSet#key()} tells the key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisSet<E> set(Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return set(TypeRef.of(elementType));
  }

  /**
   * As {@link #set(Class)}, with a generic element type: a set under a fresh random key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisSet<E> set(TypeRef<E> elementType);

  /**
   * A counter stored in the Redis hash {@code key}; see {@link RedisCounter}. Creating it sends nothing to
   * Redis: it attaches to whatever the key holds (so Java opens the counters Python pottery wrote).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisCounter<E> counter(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return counter(key, TypeRef.of(elementType));
  }

  /**
   * A counter stored in the Redis hash {@code key}, with a generic element type. Sends nothing to Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisCounter<E> counter(String key, TypeRef<E> elementType);

  /**
   * A counter under a fresh random key ({@code pottery:} + a random UUID, checked to be unused); {@link
   * RedisCounter#key()} tells the key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> RedisCounter<E> counter(Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return counter(TypeRef.of(elementType));
  }

  /**
   * As {@link #counter(Class)}, with a generic element type: a counter under a fresh random key.
   *
   * @throws RandomKey if no unused key was found in three tries
   * @throws NullPointerException if {@code elementType} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> RedisCounter<E> counter(TypeRef<E> elementType);

  // ---- Probabilistic structures and caches (BloomFilter, HyperLogLog, memoize, CachedOrderedMap) -----------

  /**
   * A Bloom filter in the Redis string {@code key}, sized for {@code numElements} elements at a false-positive
   * rate of {@code falsePositives}; see {@link BloomFilter}. Sends nothing to Redis: it attaches to the bits the
   * key holds, so Java and Python pottery share a filter when both use the same two numbers.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code numElements} is not positive or {@code falsePositives} is not
   *     strictly between 0 and 1
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> BloomFilter<E> bloomFilter(String key, long numElements, double falsePositives, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return bloomFilter(key, numElements, falsePositives, TypeRef.of(elementType));
  }

  /**
   * As {@link #bloomFilter(String, long, double, Class)}, for a generic element type. Sends nothing to Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code numElements} is not positive or {@code falsePositives} is not
   *     strictly between 0 and 1
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> BloomFilter<E> bloomFilter(String key, long numElements, double falsePositives, TypeRef<E> elementType);

  /**
   * A HyperLogLog in the Redis key {@code key}; see {@link HyperLogLog}. Sends nothing to Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <E> HyperLogLog<E> hyperLogLog(String key, Class<E> elementType) {
    Objects.requireNonNull(elementType, "elementType");
    return hyperLogLog(key, TypeRef.of(elementType));
  }

  /**
   * As {@link #hyperLogLog(String, Class)}, for a generic element type. Sends nothing to Redis.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <E> HyperLogLog<E> hyperLogLog(String key, TypeRef<E> elementType);

  /**
   * Memoizes a function of one argument in the Redis hash {@code key}, expiring after 60 s without a call (Python
   * pottery's default); see {@link MemoizedFunction}. The field of {@code f(a)} is the encoding of the list
   * {@code [a]}. Sends nothing to Redis.
   *
   * @param resultType how stored results are decoded
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <A, R> MemoizedFunction<A, R> memoize(String key, java.util.function.Function<A, R> function, Class<R> resultType) {
    Objects.requireNonNull(resultType, "resultType");
    return memoize(key, function, TypeRef.of(resultType));
  }

  /**
   * As {@link #memoize(String, java.util.function.Function, Class)}, for a generic result type, e.g. {@code new
   * TypeRef<List<String>>() {}}: expires after 60 s without a call. Sends nothing to Redis.
   *
   * @param resultType how stored results are decoded
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <A, R> MemoizedFunction<A, R> memoize(String key, java.util.function.Function<A, R> function, TypeRef<R> resultType);

  /**
   * As {@link #memoize(String, java.util.function.Function, Class)}, with the idle timeout after which the whole
   * cache expires; {@code null} or {@link Duration#ZERO} for none.
   *
   * @throws IllegalArgumentException if the timeout is negative
   * @throws NullPointerException if an argument other than {@code timeout} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <A, R> MemoizedFunction<A, R> memoize(
      String key, java.util.function.Function<A, R> function, Class<R> resultType, Duration timeout) {
    Objects.requireNonNull(resultType, "resultType");
    return memoize(key, function, TypeRef.of(resultType), timeout);
  }

  /**
   * As {@link #memoize(String, java.util.function.Function, TypeRef)}, with the idle timeout after which the whole
   * cache expires; {@code null} or {@link Duration#ZERO} for none.
   *
   * @throws IllegalArgumentException if the timeout is negative
   * @throws NullPointerException if an argument other than {@code timeout} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <A, R> MemoizedFunction<A, R> memoize(
      String key, java.util.function.Function<A, R> function, TypeRef<R> resultType, Duration timeout);

  /**
   * Memoizes a function of any number of arguments, given to it as a list: {@code f.apply(List.of(1, "raj"))} is
   * cached under the field {@code [1, "raj"]}, {@code f.apply(List.of())} under {@code []}. Elements may be null.
   * Expires after 60 s without a call; otherwise as {@link #memoize(String, java.util.function.Function, Class)}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <R> MemoizedFunction<List<?>, R> memoizeArgs(
      String key, java.util.function.Function<List<?>, R> function, Class<R> resultType) {
    Objects.requireNonNull(resultType, "resultType");
    return memoizeArgs(key, function, TypeRef.of(resultType));
  }

  /**
   * As {@link #memoizeArgs(String, java.util.function.Function, Class)}, for a generic result type: expires after
   * 60 s without a call.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <R> MemoizedFunction<List<?>, R> memoizeArgs(
      String key, java.util.function.Function<List<?>, R> function, TypeRef<R> resultType);

  /**
   * As {@link #memoizeArgs(String, java.util.function.Function, Class)}, with the idle timeout after which the
   * whole cache expires; {@code null} or {@link Duration#ZERO} for none.
   *
   * @throws IllegalArgumentException if the timeout is negative
   * @throws NullPointerException if an argument other than {@code timeout} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <R> MemoizedFunction<List<?>, R> memoizeArgs(
      String key, java.util.function.Function<List<?>, R> function, Class<R> resultType, Duration timeout) {
    Objects.requireNonNull(resultType, "resultType");
    return memoizeArgs(key, function, TypeRef.of(resultType), timeout);
  }

  /**
   * Memoizes a function of any number of arguments, given to it as a list: {@code f.apply(List.of(1, "raj"))} is
   * cached under the field {@code [1, "raj"]}, {@code f.apply(List.of())} under {@code []}. Elements may be null.
   * Otherwise as {@link #memoize(String, java.util.function.Function, TypeRef, Duration)}.
   *
   * @throws IllegalArgumentException if the timeout is negative
   * @throws NullPointerException if an argument other than {@code timeout} is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <R> MemoizedFunction<List<?>, R> memoizeArgs(
      String key, java.util.function.Function<List<?>, R> function, TypeRef<R> resultType, Duration timeout);

  /**
   * Looks up {@code keys} in the Redis hash cache {@code key} in one {@code HMGET}, expiring after 60 s without a
   * write (Python pottery's default); see {@link CachedOrderedMap}.
   *
   * @throws NullPointerException if an argument or a key is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, Class<K> keyType, Class<V> valueType, Iterable<? extends K> keys) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return cachedOrderedMap(key, TypeRef.of(keyType), TypeRef.of(valueType), keys);
  }

  /**
   * As {@link #cachedOrderedMap(String, Class, Class, Iterable)}, for generic types: one {@code HMGET}, expiring
   * after 60 s without a write.
   *
   * @throws NullPointerException if an argument or a key is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, TypeRef<K> keyType, TypeRef<V> valueType, Iterable<? extends K> keys);

  /**
   * As {@link #cachedOrderedMap(String, Class, Class, Iterable)}, with the idle timeout after which the whole cache
   * expires; {@code null} or {@link Duration#ZERO} for none.
   *
   * @throws IllegalArgumentException if the timeout is negative
   * @throws NullPointerException if an argument other than {@code timeout}, or a key, is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  default <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, Class<K> keyType, Class<V> valueType, Iterable<? extends K> keys, Duration timeout) {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    return cachedOrderedMap(key, TypeRef.of(keyType), TypeRef.of(valueType), keys, timeout);
  }

  /**
   * As {@link #cachedOrderedMap(String, TypeRef, TypeRef, Iterable)}, with the idle timeout after which the whole
   * cache expires; {@code null} or {@link Duration#ZERO} for none.
   *
   * @throws IllegalArgumentException if the timeout is negative
   * @throws NullPointerException if an argument other than {@code timeout}, or a key, is null
   * @throws IllegalStateException if this {@code Pottery} is closed
   */
  <K, V> CachedOrderedMap<K, V> cachedOrderedMap(
      String key, TypeRef<K> keyType, TypeRef<V> valueType, Iterable<? extends K> keys, Duration timeout);

  /**
   * A cache of entries with a time to live each, enforced by Redis, under the keys {@code cache:{name}:...} (after
   * the namespace); see {@link ExpiringCache}. Sends nothing to Redis.
   *
   * @param name the cache name; it becomes the hash tag of every key of the cache
   * @throws IllegalArgumentException if the name is empty or contains a brace
   * @throws NullPointerException if the name is null
   * @since 0.1
   */
  ExpiringCache expiringCache(String name);

  /** The masters, as redacted URIs (no passwords), in the order given. */
  List<String> masters();

  /** The name of the driver in use, e.g. {@code "lettuce"}. */
  String driverName();

  /** The name of the codec in use, e.g. {@code "jackson"}. */
  String codecName();

  /**
   * Asks every master, at once, whether it is up: one round trip per master, all sent in parallel, each bounded by
   * the command timeout, so the call returns within about one command timeout however many masters are frozen.
   * For health checks (the Spring Boot starter's health indicator uses it); structures are not involved.
   *
   * <p>A single server gets {@code INFO server}. A {@code redis-cluster://} master is one entry, as it is one
   * Redlock master: it gets {@code INFO server} and {@code CLUSTER INFO}, sent together to the node owning slot 0,
   * and is down when that node does not answer or the cluster reports {@code cluster_state:fail} (it refuses
   * commands then). Its other nodes are not probed one by one: the cluster's own failure detection speaks for
   * them. See {@link MasterStatus} for what counts as up.
   *
   * <p>Never throws for a master's failure; it is in that master's status. The commands are idempotent and read
   * nothing but the server's own state; listeners see no event for them.
   *
   * @return one status per master, in the order of {@link #masters()}
   * @throws IllegalStateException if this {@code Pottery} is closed
   * @since 0.3
   */
  List<MasterStatus> probe();

  /**
   * Closes every connection this {@code Pottery} opened. Idempotent. Afterwards every structure created from
   * it throws {@link IllegalStateException}, whose cause shows where {@code close()} was called.
   */
  @Override
  void close();

  /**
   * Settings for a {@link Pottery}. Each setting may be given once; a second call fails and quotes the first
   * value. Not thread-safe; {@link #build()} may be called more than once, each time connecting anew.
   */
  final class Builder {
    private List<String> masters;
    private String driver;
    private String codec;
    private Duration connectTimeout;
    private Duration commandTimeout;
    private String namespace;
    private ClassLoader classLoader;
    private final List<PotteryListener<?>> listeners = new ArrayList<>();
    private io.pottery.spi.ClientSource client;
    private java.util.concurrent.Executor asyncExecutor;

    Builder() {}

    /**
     * The Redis masters, as {@code redis://} or {@code rediss://} URIs:
     * {@code redis[s]://[[user]:password@]host[:port][/database]}. Give one for collections, or an odd number
     * (commonly 3 or 5) of independent masters for Redlock and NextId quorums. Default: {@code REDIS_URL}
     * from the environment, else {@code redis://localhost:6379/0}.
     *
     * @throws NullPointerException if an URI is null
     * @throws IllegalArgumentException if none is given or one repeats
     * @throws IllegalStateException if the masters were already set
     */
    public Builder masters(String... uris) {
      if (masters != null) {
        throw new IllegalStateException("masters was already set to " + redactedMasters());
      }
      if (uris.length == 0) {
        throw new IllegalArgumentException("masters: give at least one redis:// URI");
      }
      List<String> list = new ArrayList<>(uris.length);
      for (String uri : uris) {
        Objects.requireNonNull(uri, "masters: a URI is null");
        if (list.contains(uri)) {
          throw new IllegalArgumentException("masters: \"" + PotteryAssembly.redact(uri)
              + "\" is given twice; a quorum needs distinct masters");
        }
        list.add(uri);
      }
      this.masters = List.copyOf(list);
      return this;
    }

    /**
     * Chooses the driver by name ({@code "jedis"}, {@code "lettuce"}) when several are on the class path.
     * Overrides the system property {@code pottery.driver}.
     */
    public Builder driver(String name) {
      requireUnset("driver", driver);
      this.driver = requireName("driver", name);
      return this;
    }

    /**
     * Chooses the codec by name ({@code "jackson"}, {@code "gson"}) when several are on the class path.
     * Overrides the system property {@code pottery.codec}.
     */
    public Builder codec(String name) {
      requireUnset("codec", codec);
      this.codec = requireName("codec", name);
      return this;
    }

    /** How long to wait for each master to accept a connection. Default 2 s. */
    public Builder connectTimeout(Duration timeout) {
      requireUnset("connectTimeout", connectTimeout);
      this.connectTimeout = requirePositive("connectTimeout", timeout);
      return this;
    }

    /**
     * How long to wait for any one reply before failing with {@link RedisConnectionException}; quorum
     * operations also use it as the deadline for gathering the masters' answers. Default 2 s.
     */
    public Builder commandTimeout(Duration timeout) {
      requireUnset("commandTimeout", commandTimeout);
      this.commandTimeout = requirePositive("commandTimeout", timeout);
      return this;
    }

    /**
     * A prefix put in front of every Redis key this {@code Pottery} uses, e.g. {@code "billing:"}, so that
     * several applications can share one database. Off by default, which keeps keys identical to Python
     * pottery's; a Python process sees prefixed keys only under their full name.
     *
     * @throws IllegalArgumentException if the prefix is empty
     */
    public Builder namespace(String prefix) {
      requireUnset("namespace", namespace);
      Objects.requireNonNull(prefix, "namespace");
      if (prefix.isEmpty()) {
        throw new IllegalArgumentException("namespace is empty; leave it unset for no prefix");
      }
      this.namespace = prefix;
      return this;
    }

    /**
     * The class loader providers are looked up in. Default: the thread's context class loader, else the one
     * that loaded Pottery.
     */
    public Builder classLoader(ClassLoader loader) {
      requireUnset("classLoader", classLoader);
      this.classLoader = Objects.requireNonNull(loader, "classLoader");
      return this;
    }

    /**
     * Adds an instrumentation listener, e.g. Micrometer's: {@code .listener(PotteryMetrics.of(meterRegistry))}
     * (artifact {@code io.pottery:pottery-micrometer}). Unlike the other settings it may be called several
     * times: every listener is called, in the order added, then those found with {@link java.util.ServiceLoader}.
     * See {@link PotteryListener}.
     *
     * @throws NullPointerException if {@code listener} is null
     * @throws IllegalArgumentException if this same listener was already added
     */
    public Builder listener(PotteryListener<?> listener) {
      Objects.requireNonNull(listener, "listener");
      for (PotteryListener<?> added : listeners) {
        if (added == listener) {
          throw new IllegalArgumentException("listener " + listener + " was already added; it would see every event twice");
        }
      }
      listeners.add(listener);
      return this;
    }

    /**
     * Connects through the application's own client instead of building one from URIs ("bring your own
     * client"): the source comes from the driver module's typed factory, e.g.
     * {@code LettuceClients.of(redisClient, redisUri)} (shares the application's Lettuce event loops, metrics
     * and tracing) or {@code JedisClients.of(jedisClientConfig, hostAndPort)} (its TLS socket factory,
     * credentials provider, pool limits). That driver is used; Pottery never closes what the source wraps.
     *
     * <p>A source that names its servers replaces {@link #masters}: giving both is an error at {@link #build()}.
     * A source that names none (e.g. {@code LettuceClients.of(clientResources)}) connects to the masters' URIs.
     *
     * @throws NullPointerException if {@code source} is null
     * @throws IllegalStateException if a client was already set
     * @since 0.3
     */
    public Builder client(io.pottery.spi.ClientSource source) {
      requireUnset("client", client);
      this.client = Objects.requireNonNull(source, "client");
      return this;
    }

    /**
     * Where the stages of the async views ({@link RedisMap#async()}, {@link RedisCounter#async()},
     * {@link NextId#nextAsync()}, {@link Redlock#tryAcquireAsync}, …) complete: replies are decoded, errors
     * translated and dependent stages run there, never on a driver's I/O thread (a Lettuce event loop, a
     * Jedis caller's pool thread). Default: the {@code Pottery}'s own daemon threads ({@code
     * pottery-<id>-worker-<n>}, the ones its watchdogs use), made when first needed, reused while busy, ended after
     * 30 s idle and stopped by {@link Pottery#close()}; a new one starts only when every existing one is busy, so a
     * continuation that blocks never starves the others. Not the common pool: it is the application's CPU pool,
     * and on a machine with 2 CPUs or fewer {@code CompletableFuture} replaces it by a new thread per task (which
     * halved async throughput on such a machine). Give an executor of your own to bound or name the threads,
     * e.g. a fixed pool, or {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+. Pottery never shuts
     * down an executor it was given.
     *
     * <p>The executor must not run tasks on the submitting thread ({@code Runnable::run}): a continuation
     * would then run on the driver thread that completed the command. On a bounded executor of your own, a
     * continuation that blocks on Pottery's async work ({@code join()} on one of its stages, or a blocking call on a
     * {@code Redlock} instance whose async attempt is in flight) may wait for a task queued behind it on the same
     * threads; the default workers add a thread instead. ({@code NextId} is safe either way: a blocking caller leads
     * a round whose leader task has not started.)
     *
     * @throws NullPointerException if {@code executor} is null
     * @throws IllegalStateException if the executor was already set
     * @since 0.1
     */
    public Builder asyncExecutor(java.util.concurrent.Executor executor) {
      requireUnset("asyncExecutor", asyncExecutor);
      this.asyncExecutor = Objects.requireNonNull(executor, "asyncExecutor");
      return this;
    }

    /**
     * Finds the providers, connects to every master and returns a ready {@code Pottery}. On failure, closes
     * whatever it had opened.
     *
     * @throws PotteryConfigurationException if a URI is malformed, two masters are one server (the same
     *     {@code run_id}, whatever their host names or databases) or one cluster, a single-server URI reaches a
     *     cluster node, or a provider is missing, broken, ambiguous or built for another SPI version; the
     *     message names the artifact to add or the setting to change, and never the password
     * @throws RedisConnectionException if a master cannot be reached
     */
    public Pottery build() {
      ClassLoader loader = classLoader;
      if (loader == null) {
        loader = Thread.currentThread().getContextClassLoader();
      }
      if (loader == null) {
        loader = Pottery.class.getClassLoader();
      }
      boolean clientNamesServers = client != null && !client.endpoints().isEmpty();
      if (clientNamesServers && masters != null) {
        List<String> shown = new ArrayList<>();
        for (String uri : masters) {
          shown.add(PotteryAssembly.redact(uri));
        }
        throw new PotteryConfigurationException("Connection settings given twice: masters " + shown + " and client "
            + client + "; give the masters either as URIs or through the client, not both"
            + " (docs/errors.md#client-and-masters)");
      }
      return new PotteryAssembly(
              masters == null ? (clientNamesServers ? List.of() : List.of(defaultUri())) : masters,
              driver,
              codec,
              connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout,
              commandTimeout == null ? Duration.ofSeconds(2) : commandTimeout,
              namespace == null ? "" : namespace,
              loader,
              listeners)
          .withClient(client)
          .withAsyncExecutor(asyncExecutor)
          .assemble();
    }

    private static String defaultUri() {
      String env = System.getenv("REDIS_URL");
      return env == null || env.isBlank() ? "redis://localhost:6379/0" : env.trim();
    }

    private static void requireUnset(String setting, Object value) {
      if (value != null) {
        throw new IllegalStateException(setting + " was already set to " + value);
      }
    }

    private static String requireName(String setting, String name) {
      Objects.requireNonNull(name, setting);
      if (name.isBlank()) {
        throw new IllegalArgumentException(setting + " name is blank");
      }
      return name.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static Duration requirePositive(String setting, Duration timeout) {
      Objects.requireNonNull(timeout, setting);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(setting + " must be positive, was " + timeout);
      }
      return timeout;
    }

    /** The masters as given, each with its password hidden. */
    private List<String> redactedMasters() {
      List<String> shown = new ArrayList<>(masters.size());
      for (String uri : masters) {
        shown.add(PotteryAssembly.redact(uri));
      }
      return shown;
    }

    /** Lists only the settings given, with passwords redacted. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("Pottery.Builder{");
      String sep = "";
      if (masters != null) {
        sb.append("masters=").append(redactedMasters());
        sep = ", ";
      }
      if (driver != null) { sb.append(sep).append("driver=").append(driver); sep = ", "; }
      if (codec != null) { sb.append(sep).append("codec=").append(codec); sep = ", "; }
      if (connectTimeout != null) { sb.append(sep).append("connectTimeout=").append(connectTimeout); sep = ", "; }
      if (commandTimeout != null) { sb.append(sep).append("commandTimeout=").append(commandTimeout); sep = ", "; }
      if (namespace != null) { sb.append(sep).append("namespace=").append(namespace); sep = ", "; }
      if (!listeners.isEmpty()) { sb.append(sep).append("listeners=").append(listeners.size()); }
      if (client != null) { sb.append(sep).append("client=").append(client); sep = ", "; }
      if (asyncExecutor != null) { sb.append(sep).append("asyncExecutor=").append(asyncExecutor); }
      return sb.append('}').toString();
    }
  }
}
