package io.pottery;

import java.util.Map;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ConcurrentMap} stored in one Redis hash: Python pottery's {@code RedisDict}. Each entry is a hash
 * field, the codec's encoding of the key, holding the codec's encoding of the value; with a JSON codec the
 * bytes are exactly Python pottery's, so both libraries read and write the same map.
 *
 * <pre>{@code
 * RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
 * tel.put("jack", 4098);          // one script: HGET then HSET tel "\"jack\"" 4098; returns the old value
 * tel.putIfAbsent("sape", 4139);  // one script: HSET only if the field is absent; returns what blocked it
 * tel.fastPut("raj", 4127);       // HSET alone, when the old value is not wanted
 * }</pre>
 *
 * <p>{@code put} and {@code putIfAbsent} each run one Lua script (not a bare {@code HSET} or {@code HSETNX}),
 * because each must return, atomically, the value it replaced or the value that stopped it: an {@code HSETNX}
 * that loses cannot say which value won. {@link #fastPut} is the single {@code HSET} for when that value is
 * not needed.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Nulls</b> are rejected, as by {@link java.util.concurrent.ConcurrentHashMap}: a null key or value
 *       throws {@link NullPointerException}; {@code get(null)} and {@code containsKey(null)} too.
 *   <li><b>Atomicity:</b> every single-key operation, including {@code putIfAbsent}, {@code replace},
 *       {@code remove(key, value)}, {@code compute*} and {@code merge}, is atomic in Redis (one command or one
 *       Lua script; the functions of {@code compute*}/{@code merge} run locally, in a compare-and-set loop).
 *       Bulk operations ({@code putAll}, {@link #getAll}, {@code clear}) are one round trip each.
 *   <li><b>Views</b> ({@code keySet}, {@code values}, {@code entrySet}) are live and write through; their
 *       iterators page through the hash with {@code HSCAN}, are weakly consistent (as
 *       {@code ConcurrentHashMap}'s: they never throw {@code ConcurrentModificationException}, and may or may
 *       not show changes made during iteration) and support {@code remove()}. Like HSCAN, an iterator may
 *       return an entry twice if Redis shrinks the hash table meanwhile (after many deletions): it does not
 *       remember the keys seen, so that iterating millions of entries takes constant memory.
 *   <li><b>{@code equals} and {@code hashCode}</b> follow {@link Map}: equal to any map with the same
 *       entries. Both read the whole hash.
 *   <li><b>Errors:</b> if the key holds another Redis type, operations throw {@link WrongTypeException};
 *       stored bytes that do not decode as the declared types throw {@link CodecException}; both name the
 *       key. {@code put}, {@code remove(key)} and {@code replace(key, value)} stay one atomic script, so an old
 *       value that does not decode is removed or overwritten all the same: the exception's {@link
 *       CodecException#rawValue()} then holds all its bytes, the only copy left. Connection failures throw
 *       {@link RedisConnectionException}.
 * </ul>
 * Instances are thread-safe.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 * @since 0.1
 */
public interface RedisMap<K, V> extends ConcurrentMap<K, V> {

  /** The Redis key of the hash (including the {@code Pottery} namespace, if one is set). */
  String key();

  /**
   * Associates {@code value} with {@code key} without reading the previous value: one {@code HSET}, cheaper
   * than {@link #put}, which must return the old value.
   *
   * @return {@code true} if the key was not in the map before
   * @throws NullPointerException if the key or value is null
   */
  boolean fastPut(K key, V value);

  /**
   * Removes the mapping for {@code key} without reading its value: one {@code HDEL}.
   *
   * @return {@code true} if a mapping was removed
   * @throws NullPointerException if the key is null
   */
  boolean fastRemove(K key);

  /**
   * Reads the values of many keys in one round trip ({@code HMGET}).
   *
   * @return the keys that are present, with their values, in the order of {@code keys}; duplicates collapse
   * @throws NullPointerException if {@code keys} or any of its elements is null
   */
  Map<K, V> getAll(Iterable<? extends K> keys);

  /**
   * The asynchronous view of this map: its single-round-trip operations (get, put, fastPut, remove,
   * putIfAbsent, replace, getAll, putAll) returning {@link java.util.concurrent.CompletionStage}s, with the
   * same commands, atomicity and errors. Sends nothing; the view is cheap and may be kept or made per call.
   *
   * @since 0.1
   */
  AsyncRedisMap<K, V> async();
}
