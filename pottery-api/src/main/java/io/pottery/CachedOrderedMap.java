package io.pottery;

import java.util.List;
import java.util.Map;

/**
 * An ordered, local map of the entries found for a given list of keys in a Redis hash cache that many processes
 * share: Python pottery's {@code CachedOrderedDict}. Look up the keys you need in one round trip, compute only
 * {@link #misses()}, and {@code put} them, which writes them through to the cache for everyone.
 *
 * <pre>{@code
 * CachedOrderedMap<Integer, String> names =
 *     pottery.cachedOrderedMap("user-names", Integer.class, String.class, List.of(7, 3, 9));   // one HMGET
 * for (Integer id : names.misses()) {
 *   names.put(id, database.nameOf(id));                                                     // HSET + PEXPIRE
 * }
 * names.values();   // the names of 7, 3 and 9, in that order
 * }</pre>
 *
 * <h2>Layout</h2>
 * The hash maps the codec's bytes of each key to the codec's bytes of its value: field {@code JSON(key)} →
 * {@code JSON(value)}, as Python pottery's {@code CachedOrderedDict} and {@code RedisDict}, so Java and Python share
 * the same cache entries.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Construction</b> reads every given key in one {@code HMGET}; duplicate keys collapse. Keys found are
 *       entries of this map; keys not found are {@link #misses()} and not (yet) entries.
 *   <li><b>Order:</b> iteration follows the order the keys were given; a put of a key that was not given comes
 *       after them, in put order.
 *   <li><b>Reads are local</b> ({@code get}, {@code containsKey}, iteration): the map is a snapshot plus this
 *       instance's writes, not a live view of the hash.
 *   <li><b>Writes go through:</b> {@code put} is one {@code HSET} and {@code putAll} one multi-field {@code HSET}
 *       (each followed by the expiry, in the same pipeline), and they remove the keys from the misses.
 *       {@code putIfAbsent} is one {@code HSETNX}: if another process stored the key meanwhile, this map adopts the
 *       stored value and returns it (Python's {@code setdefault} overwrites it instead).
 *   <li><b>No removal:</b> {@code remove}, {@code clear} and the views' removal methods throw
 *       {@link UnsupportedOperationException}: the entries belong to a shared cache, and expire on their own.
 *   <li><b>Expiry:</b> with a timeout (default 60 s, as Python pottery) the whole hash's time to live is reset
 *       after construction and after every write; with none it never expires.
 *   <li><b>Nulls</b> are rejected with {@link NullPointerException}.
 * </ul>
 * Not thread-safe, like {@link java.util.LinkedHashMap}: use one instance per thread (they may share the key).
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 * @since 0.1
 */
public interface CachedOrderedMap<K, V> extends Map<K, V> {

  /** The Redis key of the hash (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * The given keys that were not in the cache and have not been put since, in the order given. A snapshot: later
   * puts do not change the returned list.
   */
  List<K> misses();
}
