package io.pottery.internal.probabilistic;

import io.pottery.AsyncBloomFilter;
import io.pottery.BloomFilter;
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
import java.util.concurrent.CompletionStage;

/**
 * {@link BloomFilter} over one Redis string, with Python pottery's sizing and bit offsets (see the interface).
 *
 * <p>A few elements go as one pipeline of {@code BITFIELD} commands ({@code SET u1 o 1} or {@code GET u1 o} per
 * bit), each holding whole elements and at most {@value #OPS_PER_COMMAND} bit operations. Once the bit operations
 * would cost more bytes than the bitmap itself ({@link #wholeBitmap}), bulk operations move the bitmap instead:
 * {@code containsMany} reads it with one {@code GET} and tests the bits locally; {@code addAll} sends the bits to
 * set as a bitmap to {@code bloom-add-bitmap.lua}, which ORs it in ({@code BITOP}) through a temporary key in the
 * same hash slot. Both are still one round trip; with 100,000 elements they are many times faster.
 *
 * @param <E> the type of elements
 */
final class RedisBloomFilter<E> implements BloomFilter<E> {
  /** Bit operations per {@code BITFIELD} command (three arguments each). */
  static final int OPS_PER_COMMAND = 30_000;

  private static final byte[] U1 = "u1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ONE = {'1'};
  private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);
  private static final long TEMPORARY_TTL_MILLIS = 10_000;
  private static final Script ADD_BITMAP = Script.fromResource(RedisBloomFilter.class, "bloom-add-bitmap.lua");

  private final KeyedStructure redis;
  private final long numElements;
  private final double falsePositives;
  private final BloomSizing sizing;

  RedisBloomFilter(KeyedStructure redis, long numElements, double falsePositives) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.sizing = BloomSizing.of(numElements, falsePositives);
    this.numElements = numElements;
    this.falsePositives = falsePositives;
  }

  @Override
  public String key() {
    return redis.key();
  }

  @Override
  public long numElements() {
    return numElements;
  }

  @Override
  public double falsePositives() {
    return falsePositives;
  }

  @Override
  public long bitSize() {
    return sizing.bits();
  }

  @Override
  public int hashCount() {
    return sizing.hashes();
  }

  /** The bit offsets of an element's encoded bytes: for seed 0 … k−1, floorMod(murmur3(bytes, seed), m). */
  static long[] offsets(byte[] encoded, BloomSizing sizing) {
    long[] offsets = new long[sizing.hashes()];
    for (int seed = 0; seed < offsets.length; seed++) {
      offsets[seed] = Math.floorMod((long) MurmurHash3.x86_32(encoded, seed), sizing.bits());
    }
    return offsets;
  }

  private long[] offsetsOf(Object element) {
    Objects.requireNonNull(element, "element");
    return offsets(redis.encode(element, "element"), sizing);
  }

  private List<long[]> offsetsOfAll(Iterable<? extends E> elements) {
    Objects.requireNonNull(elements, "elements");
    List<long[]> all = new ArrayList<>();
    for (E element : elements) {
      all.add(offsetsOf(element));
    }
    return all;
  }

  @Override
  public boolean add(E element) {
    return setBits(List.of(offsetsOf(element)));
  }

  @Override
  public AsyncBloomFilter<E> async() {
    return new AsyncBloomFilter<E>() {
      @Override
      public String key() {
        return redis.key();
      }

      @Override
      public CompletionStage<Boolean> add(E element) {
        return addAsync(element);
      }

      @Override
      public CompletionStage<Boolean> contains(E element) {
        return containsAsync(element);
      }

      @Override
      public CompletionStage<Long> approximateSize() {
        return approximateSizeAsync();
      }

      @Override
      public String toString() {
        return "AsyncBloomFilter \"" + redis.key() + "\"";
      }
    };
  }

  /**
   * The one {@code BITFIELD} of a single element (k is at most about 1,100 bits even for the smallest false
   * positive rate a double can hold, far below {@link #OPS_PER_COMMAND}), for the async twins.
   */
  private Command single(Object element, byte[] operation) {
    return commands(List.of(offsetsOf(element)), operation).get(0);
  }

  /** The async twin of {@link #add}: the same BITFIELD, the same answer. */
  CompletableFuture<Boolean> addAsync(E element) {
    return redis.executeAsync(single(element, SET), Reply.LONG_LIST).thenApply(olds -> olds.contains(0L));
  }

  /** The async twin of {@link #contains}: the same BITFIELD, the same answer. */
  CompletableFuture<Boolean> containsAsync(E element) {
    return redis.executeAsync(single(element, GET), Reply.BOOLEAN_LIST).thenApply(bits -> !bits.contains(false));
  }

  /** The async twin of {@link #approximateSize()}: the same BITCOUNT and estimate. */
  CompletableFuture<Long> approximateSizeAsync() {
    return redis.executeAsync(bitcount(), Reply.LONG).thenApply(setBits -> approximateSize(setBits, sizing));
  }

  private Command bitcount() {
    return redis.command("BITCOUNT").idempotent().build();
  }

  @Override
  public boolean addAll(Iterable<? extends E> elements) {
    List<long[]> all = offsetsOfAll(elements);
    if (all.isEmpty()) {
      return false;
    }
    return wholeBitmap(all) ? orBitmap(all) : setBits(all);
  }

  @Override
  public boolean contains(E element) {
    return getBits(List.of(offsetsOf(element))).get(0);
  }

  @Override
  public List<Boolean> containsMany(Iterable<? extends E> elements) {
    List<long[]> all = offsetsOfAll(elements);
    if (all.isEmpty()) {
      return List.of();
    }
    return wholeBitmap(all) ? testBitmap(all) : getBits(all);
  }

  /**
   * Whether moving the bitmap (m / 8 bytes) is cheaper than a {@code BITFIELD} operation per bit (about 16 bytes
   * each on the wire, and as many objects on the server).
   */
  boolean wholeBitmap(List<long[]> elements) {
    long operations = (long) elements.size() * sizing.hashes();
    return operations >= 1024 && operations * 16 > sizing.bits() / 8;
  }

  /** ORs the elements' bits into the filter in one script; whether any bit changed. */
  private boolean orBitmap(List<long[]> elements) {
    long highest = 0;
    for (long[] offsets : elements) {
      for (long offset : offsets) {
        highest = Math.max(highest, offset);
      }
    }
    byte[] bitmap = new byte[(int) (highest >> 3) + 1];
    for (long[] offsets : elements) {
      for (long offset : offsets) {
        bitmap[(int) (offset >> 3)] |= (byte) (0x80 >>> (offset & 7));
      }
    }
    byte[] temporary = HashSlots.helperKey(redis.key(), "pottery-bits:" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    return redis.eval(ADD_BITMAP, Reply.BOOLEAN, List.of(redis.keyBytes(), temporary),
        List.of(bitmap, Long.toString(TEMPORARY_TTL_MILLIS).getBytes(StandardCharsets.US_ASCII)));
  }

  /** Reads the whole bitmap with one {@code GET} and answers per element locally. */
  private List<Boolean> testBitmap(List<long[]> elements) {
    byte[] bitmap = redis.execute(redis.command("GET").idempotent().build(), Reply.NULLABLE_BYTES);
    List<Boolean> answers = new ArrayList<>(elements.size());
    for (long[] offsets : elements) {
      boolean all = bitmap != null;
      for (int i = 0; all && i < offsets.length; i++) {
        long offset = offsets[i];
        int at = (int) (offset >> 3);
        all = at < bitmap.length && (bitmap[at] & (0x80 >>> (offset & 7))) != 0;
      }
      answers.add(all);
    }
    return answers;
  }

  /** Sets every bit in one pipeline; whether any was clear before. */
  private boolean setBits(List<long[]> elements) {
    boolean changed = false;
    for (List<Long> reply : redis.pipeline(commands(elements, SET), Reply.LONG_LIST)) {
      for (long old : reply) {
        changed |= old == 0L;
      }
    }
    return changed;
  }

  /** Reads every element's bits in one pipeline; per element, whether all were set. */
  private List<Boolean> getBits(List<long[]> elements) {
    List<Boolean> answers = new ArrayList<>(elements.size());
    int element = 0;
    int bit = 0;
    boolean all = true;
    for (List<Boolean> reply : redis.pipeline(commands(elements, GET), Reply.BOOLEAN_LIST)) {
      for (boolean value : reply) {
        all &= value;
        if (++bit == elements.get(element).length) {
          answers.add(all);
          element++;
          bit = 0;
          all = true;
        }
      }
    }
    return answers;
  }

  private List<Command> commands(List<long[]> elements, byte[] operation) {
    List<Command> commands = new ArrayList<>();
    Command.Builder command = null;
    int ops = 0;
    for (long[] offsets : elements) {
      if (command == null || ops + offsets.length > OPS_PER_COMMAND) {
        if (command != null) {
          commands.add(command.build());
        }
        command = redis.command("BITFIELD").idempotent();
        ops = 0;
      }
      for (long offset : offsets) {
        command.arg(operation).arg(U1).arg(offset);
        if (operation == SET) {
          command.arg(ONE);
        }
      }
      ops += offsets.length;
    }
    commands.add(command.build());
    return commands;
  }

  @Override
  public long approximateSize() {
    long setBits = redis.execute(bitcount(), Reply.LONG);
    return approximateSize(setBits, sizing);
  }

  /** floor((−m / k)·ln(1 − X / m)), in Python pottery's order; {@link Long#MAX_VALUE} once every bit is set. */
  static long approximateSize(long setBits, BloomSizing sizing) {
    double m = sizing.bits();
    if (setBits >= sizing.bits()) {
      return Long.MAX_VALUE;
    }
    double estimate = Math.floor(-(m / sizing.hashes()) * Math.log(1 - setBits / m));
    return estimate >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) estimate;
  }

  @Override
  public void clear() {
    redis.execute(redis.command("UNLINK").idempotent().build());
  }

  /** {@code BloomFilter{key="dilberts", n=100, p=0.01, m=959, k=7}}; sends nothing to Redis. */
  @Override
  public String toString() {
    return "BloomFilter{key=\"" + redis.key() + "\", n=" + numElements + ", p=" + falsePositives + ", m="
        + sizing.bits() + ", k=" + sizing.hashes() + "}";
  }
}
