package io.pottery.internal.collections;

import io.pottery.AsyncRedisMap;
import io.pottery.CodecException;
import io.pottery.RedisMap;
import io.pottery.TypeRef;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import io.pottery.spi.Command;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@link RedisMap} over one Redis hash, laid out as Python pottery's {@code RedisDict}: each entry is a hash
 * field holding the codec's bytes of the key, whose value is the codec's bytes of the value.
 *
 * <p>How each operation talks to Redis:
 * <ul>
 *   <li>one command: {@code get} (HGET), {@code containsKey} (HEXISTS), {@code size}/{@code isEmpty} (HLEN),
 *       {@code fastPut} (HSET), {@code fastRemove} (HDEL), {@code putAll} (one multi-field HSET),
 *       {@code getAll} (one HMGET), {@code clear} (UNLINK);
 *   <li>one Lua script, atomic: {@code put}, {@code putIfAbsent}, {@code remove(key)}, {@code replace(key,
 *       value)}, {@code replace(key, old, new)} and {@code remove(key, value)} (the last two compare the
 *       stored bytes with the codec's bytes of the expected value);
 *   <li>compare-and-set loops: {@code compute}, {@code computeIfPresent} and {@code merge} read the field,
 *       run the function locally, and write with HSETNX or {@code map-compare-and-set.lua} only if the field
 *       still holds what was read; otherwise they read again and call the function again. So the function
 *       may run more than once, and must have no side effects that cannot be repeated. {@code
 *       computeIfAbsent} calls its function at most once and inserts with {@code map-put-if-absent.lua};
 *   <li>one HSCAN per page (about {@value ScanIterator#COUNT} entries): iteration of the views, {@code
 *       containsValue}, {@code forEach}, {@code replaceAll} (one compare-and-set script per entry),
 *       {@code equals}, {@code hashCode}, {@code toString}.
 * </ul>
 *
 * <p>Iterators are weakly consistent: they never fail on concurrent changes and may or may not show them.
 * Redis's HSCAN may return an entry twice if the hash table shrinks during the iteration (after many
 * deletions); iterators pass such a duplicate on rather than remember every field seen, which would cost
 * memory in proportion to the map. {@code hashCode} and {@code toString}, which read everything anyway,
 * skip duplicates.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class RedisHashMap<K, V> extends AbstractMap<K, V> implements RedisMap<K, V> {
  private static final Script PUT = Script.fromResource(RedisHashMap.class, "map-put.lua");
  private static final Script PUT_IF_ABSENT = Script.fromResource(RedisHashMap.class, "map-put-if-absent.lua");
  private static final Script REMOVE = Script.fromResource(RedisHashMap.class, "map-remove.lua");
  private static final Script REPLACE = Script.fromResource(RedisHashMap.class, "map-replace.lua");
  private static final Script COMPARE_AND_SET = Script.fromResource(RedisHashMap.class, "map-compare-and-set.lua");

  private static final byte[] YES = {'1'};
  private static final byte[] NO = {'0'};
  private static final byte[] NOTHING = {};

  private final KeyedStructure redis;
  private final TypeRef<K> keyType;
  private final TypeRef<V> valueType;

  RedisHashMap(KeyedStructure redis, TypeRef<K> keyType, TypeRef<V> valueType) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  @Override
  public String key() {
    return redis.key();
  }

  @Override
  public AsyncRedisMap<K, V> async() {
    return new AsyncHashMap<>(this);
  }

  // ---- Encoding --------------------------------------------------------------------------------------------

  private byte[] field(Object key) {
    return redis.encode(key, "key");
  }

  private byte[] valueBytes(Object value) {
    return redis.encode(value, "value");
  }

  /**
   * The field for a key given to a query method ({@code get(Object)}, {@code containsKey}, …), or null if the
   * codec cannot encode it: every stored field is a codec encoding, so such a key is simply not in the map.
   */
  private byte[] fieldOrNull(Object key) {
    try {
      return redis.backend().codec().encode(key);
    } catch (CodecException e) {
      return null;
    }
  }

  private byte[] valueBytesOrNull(Object value) {
    try {
      return redis.backend().codec().encode(value);
    } catch (CodecException e) {
      return null;
    }
  }

  K decodeKey(byte[] field) {
    return redis.decode(field, keyType, "a field name");
  }

  V decodeValue(byte[] field, byte[] bytes) {
    return redis.decodeAt(field, bytes, valueType);
  }

  private V decodeValueOrNull(byte[] field, byte[] reply) {
    return reply == null ? null : decodeValue(field, reply);
  }

  /** The previous value a write returned, which the write removed or overwrote: see {@code decodeTaken}. */
  private V takenValueOrNull(byte[] field, byte[] reply, String taken) {
    return reply == null ? null : redis.decodeTakenAt(field, reply, valueType, taken);
  }

  // ---- Reads -----------------------------------------------------------------------------------------------

  /** {@inheritDoc} One HLEN; a hash of more than {@code Integer.MAX_VALUE} entries reports that maximum. */
  @Override
  public int size() {
    long size = redis.execute(redis.command("HLEN").idempotent().build(), Reply.LONG);
    return (int) Math.min(size, Integer.MAX_VALUE);
  }

  /** {@inheritDoc} One HLEN. */
  @Override
  public boolean isEmpty() {
    return redis.execute(redis.command("HLEN").idempotent().build(), Reply.LONG) == 0L;
  }

  /** {@inheritDoc} One HGET. */
  @Override
  public V get(Object key) {
    Objects.requireNonNull(key, "key");
    byte[] field = fieldOrNull(key);
    if (field == null) {
      return null;
    }
    return decodeValueOrNull(field, hget(field));
  }

  /** The async twin of {@link #get}: the same HGET and decoding. */
  CompletableFuture<V> getAsync(Object key) {
    Objects.requireNonNull(key, "key");
    byte[] field = fieldOrNull(key);
    if (field == null) {
      return CompletableFuture.completedFuture(null);
    }
    return redis.executeAsync(hgetCommand(field), Reply.NULLABLE_BYTES).thenApply(reply -> decodeValueOrNull(field, reply));
  }

  private Command hgetCommand(byte[] field) {
    return redis.command("HGET").arg(field).idempotent().build();
  }

  private byte[] hget(byte[] field) {
    return redis.execute(hgetCommand(field), Reply.NULLABLE_BYTES);
  }

  /** {@inheritDoc} One HEXISTS. */
  @Override
  public boolean containsKey(Object key) {
    Objects.requireNonNull(key, "key");
    byte[] field = fieldOrNull(key);
    return field != null && redis.execute(redis.command("HEXISTS").arg(field).idempotent().build(), Reply.BOOLEAN);
  }

  /**
   * {@inheritDoc} Streams the hash with HSCAN, one page per round trip, comparing the stored bytes with the
   * codec's bytes of {@code value} (equal values encode alike: the codec contract).
   */
  @Override
  public boolean containsValue(Object value) {
    Objects.requireNonNull(value, "value");
    byte[] wanted = valueBytesOrNull(value);
    if (wanted == null) {
      return false;
    }
    for (Iterator<byte[][]> it = rawIterator(); it.hasNext(); ) {
      if (java.util.Arrays.equals(wanted, it.next()[1])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Map<K, V> getAll(Iterable<? extends K> keys) {
    List<K> wanted = wanted(keys);
    if (wanted.isEmpty()) {
      return new LinkedHashMap<>();
    }
    List<byte[]> fields = fields(wanted);
    return found(wanted, fields, redis.execute(hmget(fields), Reply.NULLABLE_BYTES_LIST));
  }

  /** The async twin of {@link #getAll}: the same HMGET and decoding. */
  CompletableFuture<Map<K, V>> getAllAsync(Iterable<? extends K> keys) {
    List<K> wanted = wanted(keys);
    if (wanted.isEmpty()) {
      return CompletableFuture.completedFuture(new LinkedHashMap<>());
    }
    List<byte[]> fields = fields(wanted);
    return redis.executeAsync(hmget(fields), Reply.NULLABLE_BYTES_LIST).thenApply(values -> found(wanted, fields, values));
  }

  private static <K> List<K> wanted(Iterable<? extends K> keys) {
    Objects.requireNonNull(keys, "keys");
    List<K> wanted = new ArrayList<>();
    for (K key : keys) {
      wanted.add(Objects.requireNonNull(key, "keys contains null"));
    }
    return wanted;
  }

  private List<byte[]> fields(List<K> wanted) {
    List<byte[]> fields = new ArrayList<>(wanted.size());
    for (K key : wanted) {
      fields.add(field(key));
    }
    return fields;
  }

  private Command hmget(List<byte[]> fields) {
    Command.Builder hmget = redis.command("HMGET").idempotent();
    for (byte[] field : fields) {
      hmget.arg(field);
    }
    return hmget.build();
  }

  /** The present keys with their decoded values, in the order asked, duplicates collapsed. */
  private Map<K, V> found(List<K> wanted, List<byte[]> fields, List<byte[]> values) {
    Map<K, V> found = new LinkedHashMap<>();
    for (int i = 0; i < wanted.size(); i++) {
      byte[] value = values.get(i);
      if (value != null && !found.containsKey(wanted.get(i))) {
        found.put(wanted.get(i), decodeValue(fields.get(i), value));
      }
    }
    return found;
  }

  // ---- Writes ----------------------------------------------------------------------------------------------

  /**
   * {@inheritDoc} One script ({@code map-put.lua}): the write and the returned previous value are atomic.
   *
   * @throws CodecException if the previous value's bytes do not decode; the new value is written all the same,
   *     and {@link CodecException#rawValue()} holds the previous bytes, which are no longer in Redis
   */
  @Override
  public V put(K key, V value) {
    return overwrite(PUT, key, value);
  }

  /** The async twin of {@link #put}: the same script and decoding. */
  CompletableFuture<V> putAsync(K key, V value) {
    return overwriteAsync(PUT, key, value);
  }

  /**
   * Runs {@code script} ({@code map-put.lua} or {@code map-replace.lua}: write {@code value}, answer the bytes it
   * replaced) and decodes what it replaced.
   */
  private V overwrite(Script script, K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    byte[] field = field(key);
    return takenValueOrNull(field, redis.eval(script, Reply.NULLABLE_BYTES, field, valueBytes(value)), "overwrote it");
  }

  /** The async twin of {@link #overwrite}: the same script and decoding; arguments are checked at the call. */
  private CompletableFuture<V> overwriteAsync(Script script, K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    byte[] field = field(key);
    return redis.evalAsync(script, Reply.NULLABLE_BYTES, field, valueBytes(value))
        .thenApply(reply -> takenValueOrNull(field, reply, "overwrote it"));
  }

  @Override
  public boolean fastPut(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return putField(field(key), valueBytes(value));
  }

  /** The async twin of {@link #fastPut}: the same HSET. */
  CompletableFuture<Boolean> fastPutAsync(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    return redis.executeAsync(hset(field(key), valueBytes(value)), Reply.BOOLEAN);
  }

  /** HSET of one field; whether it was new. */
  boolean putField(byte[] field, byte[] value) {
    return redis.execute(hset(field, value), Reply.BOOLEAN);
  }

  private Command hset(byte[] field, byte[] value) {
    return redis.command("HSET").arg(field).arg(value).idempotent().build();
  }

  /** {@inheritDoc} One script ({@code map-put-if-absent.lua}). */
  @Override
  public V putIfAbsent(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    byte[] field = field(key);
    return decodeValueOrNull(field, redis.eval(PUT_IF_ABSENT, Reply.NULLABLE_BYTES, field, valueBytes(value)));
  }

  /** The async twin of {@link #putIfAbsent}: the same script and decoding. */
  CompletableFuture<V> putIfAbsentAsync(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    byte[] field = field(key);
    return redis.evalAsync(PUT_IF_ABSENT, Reply.NULLABLE_BYTES, field, valueBytes(value))
        .thenApply(reply -> decodeValueOrNull(field, reply));
  }

  /**
   * {@inheritDoc} One multi-field HSET: atomic, one round trip. Every key and value is checked and encoded
   * before anything is sent, so a null or unencodable entry leaves the map unchanged.
   */
  @Override
  public void putAll(Map<? extends K, ? extends V> entries) {
    Command hset = multiHset(entries);
    if (hset != null) {
      redis.execute(hset);
    }
  }

  /** The async twin of {@link #putAll}: the same HSET, everything encoded before anything is sent. */
  CompletableFuture<Void> putAllAsync(Map<? extends K, ? extends V> entries) {
    Command hset = multiHset(entries);
    if (hset == null) {
      return CompletableFuture.completedFuture(null);
    }
    return redis.executeAsync(hset, null).thenApply(ignored -> null);
  }

  /** One HSET of every entry, checked and encoded; {@code null} when there is nothing to write. */
  private Command multiHset(Map<? extends K, ? extends V> entries) {
    Objects.requireNonNull(entries, "map");
    if (entries.isEmpty()) {
      return null;
    }
    Command.Builder hset = redis.command("HSET").idempotent();
    int count = 0;
    for (Map.Entry<? extends K, ? extends V> entry : entries.entrySet()) {
      K key = Objects.requireNonNull(entry.getKey(), "putAll: a key is null");
      V value = Objects.requireNonNull(entry.getValue(), "putAll: a value is null");
      hset.arg(field(key)).arg(valueBytes(value));
      count++;
    }
    return count > 0 ? hset.build() : null;
  }

  /** {@inheritDoc} One script ({@code map-remove.lua}). */
  @Override
  public V remove(Object key) {
    Objects.requireNonNull(key, "key");
    byte[] field = fieldOrNull(key);
    if (field == null) {
      return null;
    }
    return takenValueOrNull(field, redis.eval(REMOVE, Reply.NULLABLE_BYTES, field), "removed it from the hash");
  }

  /** The async twin of {@link #remove(Object)}: the same script and decoding. */
  CompletableFuture<V> removeAsync(Object key) {
    Objects.requireNonNull(key, "key");
    byte[] field = fieldOrNull(key);
    if (field == null) {
      return CompletableFuture.completedFuture(null);
    }
    return redis.evalAsync(REMOVE, Reply.NULLABLE_BYTES, field)
        .thenApply(reply -> takenValueOrNull(field, reply, "removed it from the hash"));
  }

  @Override
  public boolean fastRemove(K key) {
    Objects.requireNonNull(key, "key");
    return removeField(field(key));
  }

  /** Removes the key given as any object (views' {@code remove}); false if it cannot be in the map. */
  boolean fastRemoveObject(Object key) {
    Objects.requireNonNull(key, "key");
    byte[] field = fieldOrNull(key);
    return field != null && removeField(field);
  }

  /** HDEL of one field; whether it was there. */
  boolean removeField(byte[] field) {
    return redis.execute(redis.command("HDEL").arg(field).idempotent().build(), Reply.BOOLEAN);
  }

  /** One HDEL of every key of {@code keys} the codec can encode (nulls skipped); whether any was there. */
  boolean removeKeys(Collection<?> keys) {
    Objects.requireNonNull(keys, "keys");
    Command.Builder hdel = redis.command("HDEL").idempotent();
    boolean any = false;
    for (Object key : keys) {
      byte[] field = key == null ? null : fieldOrNull(key);
      if (field != null) {
        hdel.arg(field);
        any = true;
      }
    }
    return any && redis.execute(hdel.build(), Reply.LONG) > 0L;
  }

  /** {@inheritDoc} One script comparing the stored bytes with the codec's bytes of {@code value}. */
  @Override
  public boolean remove(Object key, Object value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      return false;
    }
    byte[] field = fieldOrNull(key);
    byte[] expected = valueBytesOrNull(value);
    return field != null && expected != null && compareAndSet(field, expected, null);
  }

  /** {@inheritDoc} One script ({@code map-replace.lua}). */
  @Override
  public V replace(K key, V value) {
    return overwrite(REPLACE, key, value);
  }

  /** The async twin of {@link #replace(Object, Object)}: the same script and decoding. */
  CompletableFuture<V> replaceAsync(K key, V value) {
    return overwriteAsync(REPLACE, key, value);
  }

  /** {@inheritDoc} One script comparing the stored bytes with the codec's bytes of {@code oldValue}. */
  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(oldValue, "oldValue");
    Objects.requireNonNull(newValue, "newValue");
    return compareAndSet(field(key), valueBytes(oldValue), valueBytes(newValue));
  }

  /** {@inheritDoc} One UNLINK: the hash is gone at once, Redis frees its memory in the background. */
  @Override
  public void clear() {
    redis.execute(redis.command("UNLINK").idempotent().build());
  }

  /**
   * Changes a field only if it still holds {@code expected} (or, with {@code expected == null}, is still
   * absent): sets it to {@code replacement}, or deletes it if {@code replacement == null}.
   *
   * @return whether the change was made
   */
  private boolean compareAndSet(byte[] field, byte[] expected, byte[] replacement) {
    if (expected == null) {
      if (replacement == null) {
        return true;
      }
      return redis.execute(redis.command("HSETNX").arg(field).arg(replacement).idempotent().build(), Reply.BOOLEAN);
    }
    return redis.eval(COMPARE_AND_SET, Reply.BOOLEAN, field, YES, expected,
        replacement == null ? NO : YES, replacement == null ? NOTHING : replacement);
  }

  // ---- Compute family: compare-and-set loops ---------------------------------------------------------------

  /**
   * {@inheritDoc} Reads once; if absent, calls the function once and inserts its value with one script that
   * keeps a value another client inserted meanwhile (which is then returned, as {@code ConcurrentHashMap}
   * would).
   */
  @Override
  public V computeIfAbsent(K key, Function<? super K, ? extends V> mappingFunction) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mappingFunction, "mappingFunction");
    byte[] field = field(key);
    byte[] current = hget(field);
    if (current != null) {
      return decodeValue(field, current);
    }
    V value = mappingFunction.apply(key);
    if (value == null) {
      return null;
    }
    byte[] winner = redis.eval(PUT_IF_ABSENT, Reply.NULLABLE_BYTES, field, valueBytes(value));
    return winner == null ? value : decodeValue(field, winner);
  }

  /** {@inheritDoc} A compare-and-set loop: the function may run more than once under contention. */
  @Override
  public V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    byte[] field = field(key);
    while (true) {
      byte[] current = hget(field);
      if (current == null) {
        return null;
      }
      V value = remappingFunction.apply(key, decodeValue(field, current));
      if (compareAndSet(field, current, value == null ? null : valueBytes(value))) {
        return value;
      }
    }
  }

  /** {@inheritDoc} A compare-and-set loop: the function may run more than once under contention. */
  @Override
  public V compute(K key, BiFunction<? super K, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    byte[] field = field(key);
    while (true) {
      byte[] current = hget(field);
      V value = remappingFunction.apply(key, decodeValueOrNull(field, current));
      if (compareAndSet(field, current, value == null ? null : valueBytes(value))) {
        return value;
      }
    }
  }

  /** {@inheritDoc} A compare-and-set loop: the function may run more than once under contention. */
  @Override
  public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(remappingFunction, "remappingFunction");
    byte[] field = field(key);
    byte[] given = valueBytes(value);
    while (true) {
      byte[] current = hget(field);
      if (current == null) {
        if (compareAndSet(field, null, given)) {
          return value;
        }
        continue;
      }
      V merged = remappingFunction.apply(decodeValue(field, current), value);
      if (compareAndSet(field, current, merged == null ? null : valueBytes(merged))) {
        return merged;
      }
    }
  }

  /**
   * {@inheritDoc} Pages through the hash with HSCAN and replaces each entry with one compare-and-set script;
   * an entry changed meanwhile is read again and the function called again; an entry removed meanwhile is
   * skipped. Atomic per entry, not for the whole map.
   *
   * @throws NullPointerException if the function returns null (entries already replaced stay replaced)
   */
  @Override
  public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
    Objects.requireNonNull(function, "function");
    for (Iterator<byte[][]> it = rawIterator(); it.hasNext(); ) {
      byte[][] entry = it.next();
      byte[] field = entry[0];
      byte[] current = entry[1];
      K key = decodeKey(field);
      while (current != null) {
        V value = Objects.requireNonNull(function.apply(key, decodeValue(field, current)),
            "replaceAll: the function returned null");
        if (compareAndSet(field, current, valueBytes(value))) {
          break;
        }
        current = hget(field);
      }
    }
  }

  /** {@inheritDoc} Pages through the hash with HSCAN; weakly consistent. */
  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    Objects.requireNonNull(action, "action");
    for (Iterator<byte[][]> it = rawIterator(); it.hasNext(); ) {
      byte[][] entry = it.next();
      action.accept(decodeKey(entry[0]), decodeValue(entry[0], entry[1]));
    }
  }

  // ---- Views and iteration ---------------------------------------------------------------------------------

  /** {@inheritDoc} A live view; see the class comment for iteration. */
  @Override
  public Set<K> keySet() {
    return new HashKeySet<>(this);
  }

  /** {@inheritDoc} A live view; see the class comment for iteration. */
  @Override
  public Collection<V> values() {
    return new HashValues<>(this);
  }

  /** {@inheritDoc} A live view; {@code Entry.setValue} writes through with one HSET. */
  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new HashEntrySet<>(this);
  }

  /** An iterator over the stored (field, value) byte pairs, one HSCAN per page. */
  Iterator<byte[][]> rawIterator() {
    return scanIterator((field, value) -> new byte[][] {field, value});
  }

  /**
   * An iterator of the hash, one HSCAN per page, turning each stored (field, value) pair with {@code convert};
   * its {@code remove()} deletes the field with one HDEL.
   */
  <T> Iterator<T> scanIterator(BiFunction<byte[], byte[], T> convert) {
    return ScanIterator.hash(redis, convert, this::removeField);
  }

  /** An entry decoded from a stored pair, whose {@code setValue} writes through. */
  Map.Entry<K, V> entry(byte[] field, byte[] value) {
    return new HashEntry<>(this, field, decodeKey(field), decodeValue(field, value));
  }

  /** Encodes a value for {@link HashEntry#setValue}. */
  byte[] encodeValue(V value) {
    return valueBytes(value);
  }

  // ---- Object methods --------------------------------------------------------------------------------------

  /**
   * {@inheritDoc} Reads the whole hash, one HSCAN page per round trip, skipping any entry HSCAN returns twice
   * (remembering the fields seen: memory in proportion to the map).
   */
  @Override
  public int hashCode() {
    int hash = 0;
    Set<ByteBuffer> seen = new HashSet<>();
    for (Iterator<byte[][]> it = rawIterator(); it.hasNext(); ) {
      byte[][] entry = it.next();
      if (seen.add(ByteBuffer.wrap(entry[0]))) {
        hash += decodeKey(entry[0]).hashCode() ^ decodeValue(entry[0], entry[1]).hashCode();
      }
    }
    return hash;
  }

  /**
   * {@inheritDoc} Reads the whole hash like {@link #hashCode()}. After the {@code Pottery} is closed it
   * returns {@code RedisMap "key" (Pottery closed)} rather than throw, so that logs and debuggers still work.
   */
  @Override
  public String toString() {
    if (redis.backend().isClosed()) {
      return redis.description() + " (Pottery closed)";
    }
    StringBuilder sb = new StringBuilder("{");
    Set<ByteBuffer> seen = new HashSet<>();
    for (Iterator<byte[][]> it = rawIterator(); it.hasNext(); ) {
      byte[][] entry = it.next();
      if (seen.add(ByteBuffer.wrap(entry[0]))) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(decodeKey(entry[0])).append('=').append(decodeValue(entry[0], entry[1]));
      }
    }
    return sb.append('}').toString();
  }
}
