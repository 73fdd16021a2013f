package io.pottery.internal.cache;

import io.pottery.CachedOrderedMap;
import io.pottery.TypeRef;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import io.pottery.spi.Command;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * {@link CachedOrderedMap}: a {@link LinkedHashMap} of slots in the given key order, each holding a value or the
 * {@link #MISSING} placeholder of a miss (Python's {@code CachedOrderedDict} keeps a placeholder too). The map's
 * entries are the slots that hold values. Writes go to the Redis hash first, then to the slots.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
final class RedisCachedOrderedMap<K, V> extends AbstractMap<K, V> implements CachedOrderedMap<K, V> {
  private static final Object MISSING = new Object();
  private static final String TYPE = "CachedOrderedMap";
  private static final Script PUT_IF_ABSENT = Script.fromResource(RedisCachedOrderedMap.class, "cache-put-if-absent.lua");

  private final KeyedStructure redis;
  private final TypeRef<V> valueType;
  private final Expiry expiry;
  private final LinkedHashMap<K, Object> slots = new LinkedHashMap<>();
  private final EntrySet entrySet = new EntrySet();
  private int size;

  /** Looks up {@code keys} in one round trip ({@code HMGET}, then the expiry, in one pipeline). */
  RedisCachedOrderedMap(KeyedStructure redis, TypeRef<V> valueType, Iterable<? extends K> keys, Expiry expiry) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(keys, "keys");
    Set<K> wanted = new LinkedHashSet<>();
    for (K key : keys) {
      wanted.add(Objects.requireNonNull(key, "a key to look up is null"));
    }
    List<byte[]> fields = new ArrayList<>(wanted.size());
    List<Command> commands = new ArrayList<>(2);
    if (!wanted.isEmpty()) {
      Command.Builder hmget = redis.command("HMGET").idempotent();
      for (K key : wanted) {
        byte[] field = redis.encode(key, "key");
        fields.add(field);
        hmget.arg(field);
      }
      commands.add(hmget.build());
    }
    expiry.renew(redis).ifPresent(commands::add);
    if (commands.isEmpty()) {
      return;
    }
    List<byte[]> values;
    if (wanted.isEmpty()) {
      redis.pipeline(commands);
      values = List.of();
    } else {
      values = redis.pipelineFirst(commands, Reply.NULLABLE_BYTES_LIST);
    }
    int i = 0;
    for (K key : wanted) {
      byte[] stored = values.get(i);
      if (stored == null) {
        slots.put(key, MISSING);
      } else {
        slots.put(key, redis.decodeAt(fields.get(i), stored, valueType));
        size++;
      }
      i++;
    }
    if (redis.backend().instrumentation().enabled()) {
      redis.backend().instrumentation().event(PotteryEvent.Kind.CACHE_HIT, TYPE, redis.key(), size, 0);
      redis.backend().instrumentation().event(PotteryEvent.Kind.CACHE_MISS, TYPE, redis.key(), wanted.size() - size, 0);
    }
  }

  private void reportPuts(int count) {
    redis.backend().instrumentation().event(PotteryEvent.Kind.CACHE_PUT, TYPE, redis.key(), count, 0);
  }

  @Override
  public String key() {
    return redis.key();
  }

  @Override
  public List<K> misses() {
    List<K> misses = new ArrayList<>();
    slots.forEach((key, value) -> {
      if (value == MISSING) {
        misses.add(key);
      }
    });
    return misses;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(Object key) {
    Object value = slots.get(key);
    return value != null && value != MISSING;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    Object value = slots.get(key);
    return value == MISSING ? null : (V) value;
  }

  @Override
  public V put(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    write(redis.command("HSET").idempotent().arg(redis.encode(key, "key")).arg(redis.encode(value, "value")));
    reportPuts(1);
    return local(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    Objects.requireNonNull(map, "map");
    if (map.isEmpty()) {
      return;
    }
    Command.Builder hset = redis.command("HSET").idempotent();
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      hset.arg(redis.encode(Objects.requireNonNull(entry.getKey(), "key"), "key"))
          .arg(redis.encode(Objects.requireNonNull(entry.getValue(), "value"), "value"));
    }
    write(hset);
    reportPuts(map.size());
    map.forEach(this::local);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    V present = get(key);
    if (present != null) {
      return present;
    }
    byte[] field = redis.encode(key, "key");
    byte[] stored = redis.eval(PUT_IF_ABSENT, Reply.NULLABLE_BYTES, field, redis.encode(value, "value"), expiry.argument());
    if (stored == null) {
      reportPuts(1);
      local(key, value);
      return null;
    }
    V adopted = redis.decodeAt(field, stored, valueType);
    local(key, adopted);
    return adopted;
  }

  private void write(Command.Builder command) {
    List<Command> commands = new ArrayList<>(2);
    commands.add(command.build());
    expiry.renew(redis).ifPresent(commands::add);
    redis.pipeline(commands);
  }

  /** Stores in the slots (keeping a given key's position) and returns the previous value, or null. */
  @SuppressWarnings("unchecked")
  private V local(K key, V value) {
    Object previous = slots.put(key, value);
    if (previous == null || previous == MISSING) {
      size++;
      return null;
    }
    return (V) previous;
  }

  /** Always throws: entries of a shared cache are not removed one by one; they expire. */
  @Override
  public V remove(Object key) {
    throw noRemoval();
  }

  /** Always throws: entries of a shared cache are not removed one by one; they expire. */
  @Override
  public void clear() {
    throw noRemoval();
  }

  private UnsupportedOperationException noRemoval() {
    return new UnsupportedOperationException(
        "CachedOrderedMap \"" + redis.key() + "\": entries of the shared cache cannot be removed; they expire with "
            + "the hash (copy the map to drop entries locally)");
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return entrySet;
  }

  private final class EntrySet extends AbstractSet<Map.Entry<K, V>> {
    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      Iterator<Map.Entry<K, Object>> slotIterator = slots.entrySet().iterator();
      return new Iterator<>() {
        private Map.Entry<K, V> next = advance();

        @SuppressWarnings("unchecked")
        private Map.Entry<K, V> advance() {
          while (slotIterator.hasNext()) {
            Map.Entry<K, Object> slot = slotIterator.next();
            if (slot.getValue() != MISSING) {
              return new SimpleImmutableEntry<>(slot.getKey(), (V) slot.getValue());
            }
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Map.Entry<K, V> next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          Map.Entry<K, V> current = next;
          next = advance();
          return current;
        }
      };
    }
  }
}
