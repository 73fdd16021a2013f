package io.pottery.internal.probabilistic;

import io.pottery.AsyncHyperLogLog;
import io.pottery.HyperLogLog;
import io.pottery.RedisErrorException;
import io.pottery.WrongTypeException;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import io.pottery.spi.Command;
import io.pottery.spi.HashSlots;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link HyperLogLog} over one Redis HLL string, adding the codec's bytes of each element as Python pottery does.
 * Membership runs {@code hll-contains.lua} with a fresh temporary key
 * {@link HashSlots#helperKey HashSlots.helperKey(key, "pottery-probe:" + uuid)} (in the key's hash slot, e.g.
 * {@code {google}:pottery-probe:<uuid>}) that expires after {@value #PROBE_TTL_MILLIS} ms.
 *
 * @param <E> the type of elements
 */
final class RedisHyperLogLog<E> implements HyperLogLog<E> {
  static final long PROBE_TTL_MILLIS = 10_000;

  private static final Script CONTAINS = Script.fromResource(RedisHyperLogLog.class, "hll-contains.lua");

  private final KeyedStructure redis;
  private final Function<String, HyperLogLog<E>> open;

  /**
   * @param open opens another HyperLogLog of the same element type by its full Redis key (for {@link #union})
   */
  RedisHyperLogLog(KeyedStructure redis, Function<String, HyperLogLog<E>> open) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.open = Objects.requireNonNull(open, "open");
  }

  @Override
  public String key() {
    return redis.key();
  }

  private List<byte[]> encodeAll(Iterable<? extends E> elements) {
    Objects.requireNonNull(elements, "elements");
    List<byte[]> encoded = new ArrayList<>();
    for (E element : elements) {
      encoded.add(encode(element));
    }
    return encoded;
  }

  private byte[] encode(Object element) {
    Objects.requireNonNull(element, "element");
    return redis.encode(element, "element");
  }

  /**
   * Runs a call, turning Redis's {@code WRONGTYPE Key is not a valid HyperLogLog string value} (a plain string at
   * the key) into a message that says so; other type errors already say what the key holds.
   */
  private <T> T hll(Supplier<T> call) {
    try {
      return call.get();
    } catch (WrongTypeException e) {
      throw hllMessage(e);
    }
  }

  /** The exception {@link #hll} throws for a type error: the plain-string case reworded, others as they are. */
  private WrongTypeException hllMessage(WrongTypeException e) {
    if (e.getCause() instanceof RedisErrorException
        && ((RedisErrorException) e.getCause()).serverMessage().contains("HyperLogLog")) {
      return new WrongTypeException(
          redis.description() + ": key holds a string that is not a HyperLogLog (WRONGTYPE from " + e.masters().get(0) + ")",
          redis.key(), e.masters(), e.getCause());
    }
    return e;
  }

  /** The async twin of {@link #hll}: the stage fails with the exception {@code hll} would throw. */
  private <T> CompletableFuture<T> hllAsync(CompletableFuture<T> stage) {
    return stage.handle((value, failure) -> {
      if (failure == null) {
        return value;
      }
      Throwable cause = Script.unwrap(failure);
      throw cause instanceof WrongTypeException ? new CompletionException(hllMessage((WrongTypeException) cause))
          : failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(failure);
    });
  }

  @Override
  public AsyncHyperLogLog<E> async() {
    return new AsyncHyperLogLog<E>() {
      @Override
      public String key() {
        return redis.key();
      }

      @Override
      public CompletionStage<Boolean> add(E element) {
        return hllAsync(redis.executeAsync(pfadd(element), Reply.BOOLEAN));
      }

      @Override
      public CompletionStage<Boolean> contains(E element) {
        return hllAsync(probeAsync(List.of(encode(element)))).thenApply(answers -> answers.get(0));
      }

      @Override
      public CompletionStage<Long> approximateSize() {
        return hllAsync(redis.executeAsync(pfcount(), Reply.LONG));
      }

      @Override
      public String toString() {
        return "AsyncHyperLogLog \"" + redis.key() + "\"";
      }
    };
  }

  private <T> T execute(Command command, Reply<T> shape) {
    return hll(() -> redis.execute(command, shape));
  }

  private void run(Command command) {
    hll(() -> {
      redis.execute(command);
      return null;
    });
  }

  @Override
  public boolean add(E element) {
    return execute(pfadd(element), Reply.BOOLEAN);
  }

  private Command pfadd(E element) {
    return redis.command("PFADD").arg(encode(element)).idempotent().build();
  }

  private Command pfcount() {
    return redis.command("PFCOUNT").idempotent().build();
  }

  @Override
  public boolean addAll(Iterable<? extends E> elements) {
    Command.Builder pfadd = redis.command("PFADD").idempotent();
    for (byte[] encoded : encodeAll(elements)) {
      pfadd.arg(encoded);
    }
    return execute(pfadd.build(), Reply.BOOLEAN);
  }

  @Override
  public long approximateSize() {
    return execute(pfcount(), Reply.LONG);
  }

  @Override
  public boolean contains(E element) {
    return probe(List.of(encode(element))).get(0);
  }

  @Override
  public List<Boolean> containsMany(Iterable<? extends E> elements) {
    List<byte[]> encoded = encodeAll(elements);
    return encoded.isEmpty() ? List.of() : probe(encoded);
  }

  private List<Boolean> probe(List<byte[]> encoded) {
    return hll(() -> redis.eval(CONTAINS, Reply.BOOLEAN_LIST, probeKeys(), probeArgs(encoded)));
  }

  /** The async twin of {@link #probe}, without the {@link #hll} rewording (the caller adds it). */
  private CompletableFuture<List<Boolean>> probeAsync(List<byte[]> encoded) {
    return redis.evalAsync(CONTAINS, Reply.BOOLEAN_LIST, probeKeys(), probeArgs(encoded));
  }

  /** The key and a fresh probe key beside it (same slot), which the script copies into and deletes. */
  private List<byte[]> probeKeys() {
    byte[] probeKey = HashSlots.helperKey(redis.key(), "pottery-probe:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    return List.of(redis.keyBytes(), probeKey);
  }

  private static List<byte[]> probeArgs(List<byte[]> encoded) {
    List<byte[]> args = new ArrayList<>(encoded.size() + 1);
    args.add(Long.toString(PROBE_TTL_MILLIS).getBytes(StandardCharsets.US_ASCII));
    args.addAll(encoded);
    return args;
  }

  @Override
  public void merge(HyperLogLog<?>... others) {
    Command.Builder pfmerge = redis.command("PFMERGE").idempotent();
    for (HyperLogLog<?> other : Objects.requireNonNull(others, "others")) {
      pfmerge.key(Objects.requireNonNull(other, "a HyperLogLog to merge is null").key());
    }
    run(pfmerge.build());
  }

  @Override
  public HyperLogLog<E> union(String destinationKey, HyperLogLog<?>... others) {
    Objects.requireNonNull(destinationKey, "destinationKey");
    Objects.requireNonNull(others, "others");
    String destination = redis.backend().redisKey(destinationKey);
    Command.Builder pfmerge = Command.builder("PFMERGE").idempotent().key(destination).key(redis.keyBytes());
    for (HyperLogLog<?> other : others) {
      pfmerge.key(Objects.requireNonNull(other, "a HyperLogLog to merge is null").key());
    }
    run(pfmerge.build());
    return open.apply(destination);
  }

  @Override
  public void clear() {
    redis.execute(redis.command("UNLINK").idempotent().build());
  }

  /** {@code HyperLogLog{key="google"}}; sends nothing to Redis. */
  @Override
  public String toString() {
    return "HyperLogLog{key=\"" + redis.key() + "\"}";
  }
}
