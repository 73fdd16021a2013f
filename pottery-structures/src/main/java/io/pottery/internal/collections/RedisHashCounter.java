package io.pottery.internal.collections;

import io.pottery.AsyncRedisCounter;
import io.pottery.CodecException;
import io.pottery.RedisCounter;
import io.pottery.RedisErrorException;
import io.pottery.RedisMap;
import io.pottery.TypeRef;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongBinaryOperator;

/**
 * {@link RedisCounter} over one Redis hash, laid out as Python pottery's {@code RedisCounter}: each element is a
 * field holding the codec's bytes of the element, whose value is the count in plain decimal.
 *
 * <p>How each operation talks to Redis: {@code count} (HGET), {@code increment} (HINCRBY), {@code total}
 * (HVALS), {@code clear} (UNLINK), {@code mostCommon}, {@code equals}, {@code hashCode}, {@code toString} and
 * the binary arithmetic (one HGETALL snapshot each) are one command; {@code add}/{@code subtract} and the in-place
 * arithmetic are one run each of {@code counter-in-place.lua}, which validates every count it reads and computes
 * every new count before its first write, so a refused update (a stored count that is not an integer, or a
 * result beyond 64 bits) leaves the hash exactly as it was; {@code elements()} is one HSCAN per page. The map view is a {@link RedisHashMap} over the same hash with
 * {@code Long} values, which the codec writes as the same plain decimal.
 *
 * @param <E> the type of elements
 */
final class RedisHashCounter<E> implements RedisCounter<E> {
  private static final Script UPDATE = Script.fromResource(RedisHashCounter.class, "counter-in-place.lua");

  /**
   * The reply of {@code counter-in-place.lua}: an integer (how many fields it touched) when it wrote, else its
   * refusal {@code [reason, field, value]}; {@code null} for the former.
   */
  private static final Reply<Refusal> REFUSAL = Reply.of("an integer, or an array [reason, field, value] of strings",
      reply -> {
        if (reply instanceof Long) {
          return null;
        }
        List<?> array = Reply.ARRAY.from(reply);
        return new Refusal(new String(Reply.BYTES.at(array, 0), StandardCharsets.US_ASCII),
            Reply.BYTES.at(array, 1), Reply.BYTES.at(array, 2));
      });

  /** Why {@code counter-in-place.lua} wrote nothing: {@code not-a-count} or {@code overflow}, the field, its value. */
  private record Refusal(String reason, byte[] field, byte[] value) {}
  private static final TypeRef<Long> COUNT = TypeRef.of(Long.class);

  /** Most common first; equal counts by the element's bytes, unsigned, so the order never depends on the scan. */
  private static final Comparator<Stored> MOST_COMMON =
      Comparator.comparingLong((Stored s) -> s.count).reversed()
          .thenComparing((a, b) -> Arrays.compareUnsigned(a.field, b.field));

  private final KeyedStructure redis;
  private final TypeRef<E> elementType;
  private final RedisHashMap<E, Long> map;

  RedisHashCounter(KeyedStructure redis, TypeRef<E> elementType) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.elementType = Objects.requireNonNull(elementType, "elementType");
    this.map = new RedisHashMap<>(redis, elementType, COUNT);
  }

  /** One field as read: its bytes and its count. */
  private static final class Stored {
    final byte[] field;
    final long count;

    Stored(byte[] field, long count) {
      this.field = field;
      this.count = count;
    }
  }

  @Override
  public String key() {
    return redis.key();
  }

  @Override
  public RedisMap<E, Long> asMap() {
    return map;
  }

  // ---- Encoding --------------------------------------------------------------------------------------------

  private byte[] field(Object element) {
    return redis.encode(element, "element");
  }

  private E decode(byte[] field) {
    return redis.decode(field, elementType, "a field name");
  }

  /**
   * A stored count: plain decimal, as HINCRBY and Python write it.
   *
   * @throws CodecException naming the key and field if it is not a 64-bit decimal integer
   */
  private long count(byte[] field, byte[] value) {
    try {
      return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw notACount(field, value, "", e);
    }
  }

  /** A stored count that is not one, naming the field; {@code after} is appended to the message. */
  private CodecException notACount(byte[] field, byte[] value, String after, Throwable cause) {
    return new CodecException(
        redis.description() + ": " + (field == null ? "a count" : "field " + KeyedStructure.show(field))
            + " holds " + KeyedStructure.quote(value) + " (" + value.length + " bytes), which is not a count "
            + "(a 64-bit decimal integer); fix or remove it with the map view (asMap())" + after,
        redis.key(), List.of(redis.backend().collectionMaster()), cause, value);
  }

  /**
   * The script's arguments for a map of counts: the operation, then field and count per entry, every key and
   * count checked and encoded before anything is sent. Keys that encode alike stay separate pairs: the script
   * adds them up exactly (two counts near {@code Long.MAX_VALUE} may still sum to a count in range with a third).
   */
  private List<byte[]> pairs(String operation, Map<? extends E, ? extends Long> counts, String method) {
    Objects.requireNonNull(counts, method);
    List<byte[]> args = new ArrayList<>(counts.size() * 2 + 1);
    args.add(operation.getBytes(StandardCharsets.US_ASCII));
    for (Map.Entry<? extends E, ? extends Long> entry : counts.entrySet()) {
      E element = Objects.requireNonNull(entry.getKey(), () -> method + ": an element is null");
      Long count = Objects.requireNonNull(entry.getValue(), () -> method + ": the count of " + element + " is null");
      args.add(field(element));
      args.add(Long.toString(count).getBytes(StandardCharsets.US_ASCII));
    }
    return args;
  }

  /** The script's arguments for an iterable: each distinct element once, with how often it occurs. */
  private List<byte[]> pairs(String operation, Iterable<? extends E> elements, String method) {
    Objects.requireNonNull(elements, method);
    Map<ByteBuffer, Long> occurrences = new LinkedHashMap<>();
    for (E element : elements) {
      occurrences.merge(ByteBuffer.wrap(field(Objects.requireNonNull(element, () -> method + ": an element is null"))),
          1L, Long::sum);
    }
    List<byte[]> args = new ArrayList<>(occurrences.size() * 2 + 1);
    args.add(operation.getBytes(StandardCharsets.US_ASCII));
    occurrences.forEach((field, count) -> {
      args.add(field.array());
      args.add(Long.toString(count).getBytes(StandardCharsets.US_ASCII));
    });
    return args;
  }

  // ---- Single elements -------------------------------------------------------------------------------------

  @Override
  public AsyncRedisCounter<E> async() {
    return new AsyncHashCounter<>(this);
  }

  @Override
  public long count(Object element) {
    Objects.requireNonNull(element, "element");
    byte[] field;
    try {
      field = redis.backend().codec().encode(element);
    } catch (CodecException e) {
      return 0; // every stored field is a codec encoding: this object was never counted
    }
    byte[] reply = redis.execute(redis.command("HGET").arg(field).idempotent().build(), Reply.NULLABLE_BYTES);
    return reply == null ? 0 : count(field, reply);
  }

  /** The async twin of {@link #count(Object)}: the same HGET and decoding. */
  CompletableFuture<Long> countAsync(Object element) {
    Objects.requireNonNull(element, "element");
    byte[] field;
    try {
      field = redis.backend().codec().encode(element);
    } catch (CodecException e) {
      return CompletableFuture.completedFuture(0L); // never counted, as count(Object) says
    }
    return redis.executeAsync(redis.command("HGET").arg(field).idempotent().build(), Reply.NULLABLE_BYTES)
        .thenApply(reply -> reply == null ? 0L : count(field, reply));
  }

  @Override
  public long increment(E element) {
    return increment(element, 1);
  }

  /**
   * {@inheritDoc} HINCRBY checks and writes in one command, so a refusal leaves the count as it was; its error
   * is rethrown naming the field.
   */
  @Override
  public long increment(E element, long delta) {
    Objects.requireNonNull(element, "element");
    byte[] field = field(element);
    try {
      return redis.execute(redis.command("HINCRBY").arg(field).arg(delta).build(), Reply.LONG);
    } catch (RedisErrorException e) {
      throw incrementRefused(field, delta, e);
    }
  }

  /** The async twin of {@link #increment(Object, long)}: the same HINCRBY, refusals turned into the same exceptions. */
  CompletableFuture<Long> incrementAsync(E element, long delta) {
    Objects.requireNonNull(element, "element");
    byte[] field = field(element);
    return redis.executeAsync(redis.command("HINCRBY").arg(field).arg(delta).build(), Reply.LONG)
        .handle((count, failure) -> {
          if (failure == null) {
            return count;
          }
          Throwable cause = Script.unwrap(failure);
          // On the async executor's thread (the stage above completes there): its HGET below may block it.
          throw cause instanceof RedisErrorException
              ? incrementRefused(field, delta, (RedisErrorException) cause)
              : failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(failure);
        });
  }

  /**
   * What {@code increment} throws for an error reply to its HINCRBY: an overflow, a stored count that is not an
   * integer (read back with one HGET, on this error path only), else the reply itself.
   */
  private RuntimeException incrementRefused(byte[] field, long delta, RedisErrorException e) {
    if (e.serverMessage().contains("overflow")) {
      ArithmeticException overflow = new ArithmeticException(redis.description() + ": increment by " + delta
          + " would take the count of field " + KeyedStructure.show(field) + " beyond a signed 64-bit integer ("
          + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "); the count is unchanged");
      overflow.initCause(e);
      return overflow;
    }
    if (e.serverMessage().contains("not an integer")) {
      byte[] stored = redis.execute(redis.command("HGET").arg(field).idempotent().build(), Reply.NULLABLE_BYTES);
      if (stored != null) {
        return notACount(field, stored, "; increment wrote nothing", e);
      }
    }
    return e;
  }

  // ---- Bulk updates: one script each -----------------------------------------------------------------------

  @Override
  public void add(Iterable<? extends E> elements) {
    update("add", pairs("add", elements, "add"));
  }

  @Override
  public void add(Map<? extends E, ? extends Long> counts) {
    update("add", pairs("add", counts, "add"));
  }

  @Override
  public void subtract(Iterable<? extends E> elements) {
    update("subtract", pairs("subtract", elements, "subtract"));
  }

  @Override
  public void subtract(Map<? extends E, ? extends Long> counts) {
    update("subtract", pairs("subtract", counts, "subtract"));
  }

  /**
   * Runs {@code counter-in-place.lua} (one round trip, atomic) unless there is nothing to update, and turns its
   * refusal into an exception; a refused update wrote nothing.
   *
   * @param method the public method, for messages ({@code add}, {@code plusInPlace}, …)
   * @param args the operation, then field and count pairs
   * @throws CodecException if a count the update reads is not a 64-bit decimal integer
   * @throws ArithmeticException if a new count would not fit a signed 64-bit integer
   */
  private void update(String method, List<byte[]> args) {
    if (args.size() == 1 && (method.equals("add") || method.equals("subtract"))) {
      return;
    }
    refused(method, redis.eval(UPDATE, REFUSAL, List.of(redis.keyBytes()), args));
  }

  /** The async twin of {@link #add(Iterable)}: the same script and refusals. */
  CompletableFuture<Void> addAsync(Iterable<? extends E> elements) {
    return updateAsync("add", pairs("add", elements, "add"));
  }

  /** The async twin of {@link #add(Map)}: the same script and refusals. */
  CompletableFuture<Void> addAsync(Map<? extends E, ? extends Long> counts) {
    return updateAsync("add", pairs("add", counts, "add"));
  }

  /** The async twin of {@link #update}. */
  private CompletableFuture<Void> updateAsync(String method, List<byte[]> args) {
    if (args.size() == 1 && (method.equals("add") || method.equals("subtract"))) {
      return CompletableFuture.completedFuture(null);
    }
    return redis.evalAsync(UPDATE, REFUSAL, List.of(redis.keyBytes()), args).thenApply(refusal -> {
      refused(method, refusal);
      return null;
    });
  }

  /** Throws what a refused update means; does nothing for {@code null} (the update was applied). */
  private void refused(String method, Refusal refusal) {
    if (refusal == null) {
      return;
    }
    byte[] field = refusal.field();
    byte[] value = refusal.value();
    if (refusal.reason().equals("not-a-count")) {
      throw notACount(field, value, "; " + method + " wrote nothing", null);
    }
    throw new ArithmeticException(redis.description() + ": " + method + " would make the count of field "
        + KeyedStructure.show(field) + " " + new String(value, StandardCharsets.US_ASCII)
        + ", beyond a signed 64-bit integer (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "); " + method
        + " wrote nothing");
  }

  @Override
  public void clear() {
    redis.execute(redis.command("UNLINK").idempotent().build());
  }

  // ---- Whole-counter reads ---------------------------------------------------------------------------------

  /** Every field and count, from one HGETALL: a consistent snapshot. */
  private List<Stored> snapshot() {
    List<byte[]> flat = redis.execute(redis.command("HGETALL").idempotent().build(), Reply.BYTES_LIST);
    List<Stored> stored = new ArrayList<>(flat.size() / 2);
    for (int i = 0; i < flat.size(); i += 2) {
      byte[] field = flat.get(i);
      stored.add(new Stored(field, count(field, flat.get(i + 1))));
    }
    return stored;
  }

  /** The snapshot decoded, in the hash's order. */
  private Map<E, Long> decodedSnapshot() {
    Map<E, Long> counts = new LinkedHashMap<>();
    for (Stored s : snapshot()) {
      counts.put(decode(s.field), s.count);
    }
    return counts;
  }

  @Override
  public List<Map.Entry<E, Long>> mostCommon() {
    return mostCommon(Integer.MAX_VALUE);
  }

  @Override
  public List<Map.Entry<E, Long>> mostCommon(int n) {
    if (n < 0) {
      throw new IllegalArgumentException(redis.description() + ": mostCommon(n) needs n >= 0, was " + n);
    }
    List<Stored> stored = snapshot();
    stored.sort(MOST_COMMON);
    List<Map.Entry<E, Long>> result = new ArrayList<>(Math.min(n, stored.size()));
    for (Stored s : stored.subList(0, Math.min(n, stored.size()))) {
      result.add(Map.entry(decode(s.field), s.count));
    }
    return result;
  }

  @Override
  public Iterator<E> elements() {
    Iterator<byte[][]> scan = map.rawIterator();
    return new Iterator<>() {
      private E element;
      private long remaining;

      @Override
      public boolean hasNext() {
        while (remaining <= 0) {
          if (!scan.hasNext()) {
            return false;
          }
          byte[][] entry = scan.next();
          remaining = count(entry[0], entry[1]);
          element = remaining > 0 ? decode(entry[0]) : null;
        }
        return true;
      }

      @Override
      public E next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more elements in " + redis.description());
        }
        remaining--;
        return element;
      }
    };
  }

  /**
   * {@inheritDoc}
   *
   * @throws ArithmeticException if the sum overflows a signed 64-bit integer
   */
  @Override
  public long total() {
    long total = 0;
    for (byte[] value : redis.execute(redis.command("HVALS").idempotent().build(), Reply.BYTES_LIST)) {
      total = Math.addExact(total, count(null, value));
    }
    return total;
  }

  // ---- Arithmetic ------------------------------------------------------------------------------------------

  private Map<E, Long> operand(Map<? extends E, ? extends Long> other, String operation) {
    Objects.requireNonNull(other, operation);
    Map<E, Long> copy = new LinkedHashMap<>();
    for (Map.Entry<? extends E, ? extends Long> entry : other.entrySet()) {
      E element = Objects.requireNonNull(entry.getKey(), () -> operation + ": an element is null");
      copy.put(element, Objects.requireNonNull(entry.getValue(), () -> operation + ": the count of " + element + " is null"));
    }
    return copy;
  }

  @Override
  public Map<E, Long> plus(Map<? extends E, ? extends Long> other) {
    return combine(other, "plus", Math::addExact);
  }

  @Override
  public Map<E, Long> minus(Map<? extends E, ? extends Long> other) {
    return combine(other, "minus", Math::subtractExact);
  }

  @Override
  public Map<E, Long> union(Map<? extends E, ? extends Long> other) {
    return combine(other, "union", Math::max);
  }

  @Override
  public Map<E, Long> intersection(Map<? extends E, ? extends Long> other) {
    return combine(other, "intersection", Math::min);
  }

  /**
   * Python's binary Counter operators: {@code operator(mine, theirs)} for every element of either side (a
   * missing count is 0), keeping only positive results, in a local map: this counter's elements first, in
   * snapshot order, then the other's new ones.
   */
  private Map<E, Long> combine(Map<? extends E, ? extends Long> other, String operation, LongBinaryOperator operator) {
    Map<E, Long> theirs = operand(other, operation);
    Map<E, Long> mine = decodedSnapshot();
    Map<E, Long> result = new LinkedHashMap<>();
    mine.forEach((element, count) ->
        keepPositive(result, element, operator.applyAsLong(count, theirs.getOrDefault(element, 0L))));
    theirs.forEach((element, count) -> {
      if (!mine.containsKey(element)) {
        keepPositive(result, element, operator.applyAsLong(0L, count));
      }
    });
    return result;
  }

  private static <E> void keepPositive(Map<E, Long> result, E element, long count) {
    if (count > 0) {
      result.put(element, count);
    }
  }

  @Override
  public void plusInPlace(Map<? extends E, ? extends Long> other) {
    inPlace("plus", other);
  }

  @Override
  public void minusInPlace(Map<? extends E, ? extends Long> other) {
    inPlace("minus", other);
  }

  @Override
  public void unionInPlace(Map<? extends E, ? extends Long> other) {
    inPlace("union", other);
  }

  @Override
  public void intersectionInPlace(Map<? extends E, ? extends Long> other) {
    inPlace("intersection", other);
  }

  private void inPlace(String operation, Map<? extends E, ? extends Long> other) {
    // The map, not a sum: for union and intersection two keys encoding alike would be ambiguous, and for
    // plus/minus the script sums them anyway.
    update(operation + "InPlace", pairs(operation, other, operation + "InPlace"));
  }

  // ---- Object methods --------------------------------------------------------------------------------------

  /** The non-zero counts, for equality: Python 3.10 counts a missing element and a zero count alike. */
  private Map<E, Long> nonZero() {
    Map<E, Long> counts = decodedSnapshot();
    counts.values().removeIf(count -> count == 0L);
    return counts;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof RedisCounter)) {
      return false;
    }
    Map<Object, Long> theirs = new LinkedHashMap<>();
    for (Map.Entry<?, Long> entry : ((RedisCounter<?>) o).mostCommon()) {
      if (entry.getValue() != 0L) {
        theirs.put(entry.getKey(), entry.getValue());
      }
    }
    return nonZero().equals(theirs);
  }

  @Override
  public int hashCode() {
    int hash = 0;
    for (Map.Entry<E, Long> entry : nonZero().entrySet()) {
      hash += entry.getKey().hashCode() ^ Long.hashCode(entry.getValue());
    }
    return hash;
  }

  /**
   * The counts, most common first, e.g. {@code {a=3, b=1}}: one HGETALL. After the {@code Pottery} is closed it
   * returns {@code RedisCounter "key" (Pottery closed)} rather than throw.
   */
  @Override
  public String toString() {
    if (redis.backend().isClosed()) {
      return redis.description() + " (Pottery closed)";
    }
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<E, Long> entry : mostCommon()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(entry.getKey()).append('=').append(entry.getValue());
    }
    return sb.append('}').toString();
  }
}
