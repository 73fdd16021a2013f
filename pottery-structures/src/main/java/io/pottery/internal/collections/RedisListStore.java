package io.pottery.internal.collections;

import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import io.pottery.spi.Command;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The Redis list behind a {@link RedisBackedList} and a {@link RedisBackedDeque}: every command and script
 * they send, and the encoding of elements. Python pottery's layout: element {@code i} is Redis index {@code i},
 * each the codec's bytes of the value.
 *
 * <p>Scripts that remove by index mark the slot with {@link #marker()}: {@code 0xff} followed by a random
 * UUID. No codec writes {@code 0xff} (they write UTF-8 JSON), and the marker is removed in the same script, so
 * it never collides with an element and is never seen.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <E> the type of elements
 */
final class RedisListStore<E> {
  /** Elements per LRANGE page when iterating. */
  static final int PAGE = 1000;
  /** How many times {@link #rewrite} reads again when another client changed the list meanwhile. */
  static final int REWRITE_TRIES = 10;
  /** {@code maxlen} argument meaning "unbounded". */
  static final int UNBOUNDED = -1;

  private static final Script SET = Script.fromResource(RedisListStore.class, "list-set.lua");
  private static final Script INSERT = Script.fromResource(RedisListStore.class, "list-insert.lua");
  private static final Script REMOVE_AT = Script.fromResource(RedisListStore.class, "list-remove-at.lua");
  private static final Script REMOVE_RANGE = Script.fromResource(RedisListStore.class, "list-remove-range.lua");
  private static final Script REMOVE_ALL = Script.fromResource(RedisListStore.class, "list-remove-all.lua");
  private static final Script RETAIN_ALL = Script.fromResource(RedisListStore.class, "list-retain-all.lua");
  private static final Script REPLACE_IF_UNCHANGED =
      Script.fromResource(RedisListStore.class, "list-replace-if-unchanged.lua");
  private static final Script PUSH_BOUNDED = Script.fromResource(RedisListStore.class, "deque-push.lua");
  private static final Script ROTATE = Script.fromResource(RedisListStore.class, "deque-rotate.lua");

  /**
   * The reply of {@code list-set.lua} and {@code list-remove-at.lua}: the element they replaced or removed, or,
   * if the index was out of bounds, the list's size.
   */
  private static final Reply<ElementOrSize> ELEMENT_OR_SIZE = Reply.of("a string (the element), or an integer "
      + "(the size, if out of bounds)", reply -> reply instanceof Long size
          ? new ElementOrSize(null, size)
          : new ElementOrSize(Reply.BYTES.from(reply), -1));

  /** The reply of {@code list-insert.lua}: {@code [status, size]}, status 0 (done), 1 (out of bounds) or 2 (full). */
  private static final Reply<Inserted> INSERTED = Reply.of("an array [status, size] of integers", reply -> {
    List<?> array = Reply.ARRAY.from(reply);
    return new Inserted(Reply.LONG.at(array, 0), Reply.LONG.at(array, 1));
  });

  /** What {@link #ELEMENT_OR_SIZE} holds: the element's bytes, or null and the list's size. */
  private record ElementOrSize(byte[] element, long size) {}

  /** What {@link #INSERTED} holds. */
  private record Inserted(long status, long size) {}

  private final KeyedStructure redis;
  private final TypeRef<E> type;
  private final int maxlen;

  /**
   * @param maxlen the bound of a bounded deque, or {@link #UNBOUNDED}
   */
  RedisListStore(KeyedStructure redis, TypeRef<E> type, int maxlen) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.type = Objects.requireNonNull(type, "type");
    this.maxlen = maxlen;
  }

  KeyedStructure redis() {
    return redis;
  }

  String key() {
    return redis.key();
  }

  int maxlen() {
    return maxlen;
  }

  boolean bounded() {
    return maxlen != UNBOUNDED;
  }

  // ---- Encoding --------------------------------------------------------------------------------------------

  byte[] encode(Object element) {
    Objects.requireNonNull(element, "element");
    return redis.encode(element, "element");
  }

  /** Encodes every element before anything is sent; a null element throws NPE naming the operation. */
  List<byte[]> encodeAll(Iterable<?> elements, String operation) {
    Objects.requireNonNull(elements, operation);
    List<byte[]> encoded = elements instanceof Collection ? new ArrayList<>(((Collection<?>) elements).size()) : new ArrayList<>();
    for (Object element : elements) {
      encoded.add(encode(Objects.requireNonNull(element, () -> operation + ": an element is null")));
    }
    return encoded;
  }

  /**
   * The bytes of an element given to a query ({@code contains}, {@code indexOf}, {@code remove(Object)}), or
   * null if the codec cannot encode it: every stored element is a codec encoding, so it is not in the list.
   */
  byte[] encodeOrNull(Object element) {
    Objects.requireNonNull(element, "element");
    try {
      return redis.backend().codec().encode(element);
    } catch (CodecException e) {
      return null;
    }
  }

  E decode(byte[] bytes, long index) {
    return redis.decode(bytes, type, "element " + index);
  }

  /** Decodes an element this call removed or overwrote: see {@link KeyedStructure#decodeTaken}. */
  private E decodeTaken(byte[] bytes, String where, String taken) {
    return redis.decodeTaken(bytes, type, where, taken);
  }

  /** A marker for scripts that remove by index; see the class comment. */
  static byte[] marker() {
    byte[] uuid = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    byte[] marker = new byte[uuid.length + 1];
    marker[0] = (byte) 0xff;
    System.arraycopy(uuid, 0, marker, 1, uuid.length);
    return marker;
  }

  // ---- Errors ----------------------------------------------------------------------------------------------

  IndexOutOfBoundsException outOfBounds(long index, long size) {
    return new IndexOutOfBoundsException(
        redis.description() + ": index " + index + " out of bounds for size " + size);
  }

  private IllegalStateException full(long size, int adding) {
    return new IllegalStateException(redis.description() + ": cannot insert " + adding + " element"
        + (adding == 1 ? "" : "s") + " into a full bounded deque (size " + size + ", maxlen " + maxlen
        + "); add at an end of the RedisDeque, which drops from the other end");
  }

  // ---- Reads -----------------------------------------------------------------------------------------------

  long size() {
    return redis.execute(redis.command("LLEN").idempotent().build(), Reply.LONG);
  }

  /** LINDEX; {@code null} if there is no element at {@code index} (negative counts from the right). */
  E indexOrNull(long index) {
    byte[] reply = redis.execute(redis.command("LINDEX").arg(index).idempotent().build(), Reply.NULLABLE_BYTES);
    return reply == null ? null : decode(reply, index);
  }

  /** The element at {@code index >= 0}: one LINDEX (and one LLEN for the message if out of bounds). */
  E get(int index) {
    if (index < 0) {
      throw outOfBounds(index, size());
    }
    byte[] reply = redis.execute(redis.command("LINDEX").arg(index).idempotent().build(), Reply.NULLABLE_BYTES);
    if (reply == null) {
      throw outOfBounds(index, size());
    }
    return decode(reply, index);
  }

  /** LRANGE {@code first..last} inclusive (Redis semantics, negatives from the right), as raw bytes. */
  List<byte[]> range(long first, long last) {
    return redis.execute(redis.command("LRANGE").arg(first).arg(last).idempotent().build(), Reply.BYTES_LIST);
  }

  /** LPOS: the first (or, with {@code fromRight}, the last) index of the bytes, or -1. */
  long position(byte[] element, boolean fromRight) {
    Command.Builder lpos = redis.command("LPOS").idempotent().arg(element);
    if (fromRight) {
      lpos.arg("RANK").arg(-1);
    }
    Long reply = redis.execute(lpos.build(), Reply.NULLABLE_LONG);
    return reply == null ? -1 : reply;
  }

  // ---- Writes by index ---------------------------------------------------------------------------------------

  /**
   * Replaces the element at {@code index} in one script and returns the one it replaced.
   *
   * @throws io.pottery.CodecException if the replaced element does not decode; the new one is written all the
   *     same, and the exception holds the old bytes
   */
  E set(int index, E element) {
    return decodeTaken(setRaw(index, encode(element)), "element " + index, "overwrote it");
  }

  /** Replaces the element at {@code index} with encoded bytes in one script; the old bytes, undecoded. */
  byte[] setRaw(int index, byte[] bytes) {
    if (index < 0) {
      throw outOfBounds(index, size());
    }
    return taken(redis.eval(SET, ELEMENT_OR_SIZE, Long.toString(index).getBytes(StandardCharsets.US_ASCII), bytes), index);
  }

  /** Inserts encoded elements at the end in one script, failing if a bounded list would overflow. */
  boolean append(List<byte[]> elements) {
    return !elements.isEmpty() && insert(ascii("end"), -1, elements);
  }

  /** Inserts encoded elements before {@code index} in one script; false if there was nothing to insert. */
  boolean insert(int index, List<byte[]> elements) {
    if (index < 0) {
      throw outOfBounds(index, size());
    }
    if (elements.isEmpty()) {
      long size = size();
      if (index > size) {
        throw outOfBounds(index, size);
      }
      return false;
    }
    return insert(ascii(index), index, elements);
  }

  private boolean insert(byte[] where, long index, List<byte[]> elements) {
    List<byte[]> args = new ArrayList<>(elements.size() + 2);
    args.add(where);
    args.add(ascii(maxlen));
    args.addAll(elements);
    Inserted reply = redis.eval(INSERT, INSERTED, List.of(redis.keyBytes()), args);
    long status = reply.status();
    long size = reply.size();
    if (status == 1) {
      throw outOfBounds(index, size);
    }
    if (status == 2) {
      throw full(size, elements.size());
    }
    return true;
  }

  /**
   * Removes the element at {@code index} (negative: from the right) in one script and returns it.
   *
   * @throws io.pottery.CodecException if it does not decode; it is removed all the same, and the exception
   *     holds its bytes
   */
  E removeAt(long index) {
    return decodeTaken(removeAtRaw(index), "element " + index, "removed it from the list");
  }

  /** Removes the element at {@code index} in one script and returns its bytes, undecoded (an iterator's remove). */
  byte[] removeAtRaw(long index) {
    return taken(redis.eval(REMOVE_AT, ELEMENT_OR_SIZE, ascii(index), marker()), index);
  }

  /** The element a script replaced or removed at {@code index}, or the exception if it was out of bounds. */
  private byte[] taken(ElementOrSize reply, long index) {
    if (reply.element() == null) {
      throw outOfBounds(index, reply.size());
    }
    return reply.element();
  }

  /** Removes indexes {@code from <= i < to} in one script. */
  void removeRange(int from, int to) {
    if (from < to) {
      redis.eval(REMOVE_RANGE, ascii(from), ascii(to), marker());
    }
  }

  // ---- Writes by value ---------------------------------------------------------------------------------------

  /** RPUSH (unbounded) or the push-and-trim script (bounded); false if there was nothing to push. */
  boolean push(boolean left, List<byte[]> elements) {
    if (elements.isEmpty()) {
      return false;
    }
    String command = left ? "LPUSH" : "RPUSH";
    if (!bounded()) {
      Command.Builder push = redis.command(command);
      for (byte[] element : elements) {
        push.arg(element);
      }
      redis.execute(push.build());
      return true;
    }
    List<byte[]> args = new ArrayList<>(elements.size() + 2);
    args.add(ascii(command));
    args.add(ascii(maxlen));
    args.addAll(elements);
    redis.eval(PUSH_BOUNDED, List.of(redis.keyBytes()), args);
    return true;
  }

  /**
   * LPOP or RPOP; null if empty.
   *
   * @throws io.pottery.CodecException if the popped element does not decode; it is removed all the same (one
   *     command, as a queue needs), and the exception holds its bytes
   */
  E pop(boolean left) {
    byte[] reply = redis.execute(redis.command(left ? "LPOP" : "RPOP").build(), Reply.NULLABLE_BYTES);
    return reply == null ? null
        : decodeTaken(reply, left ? "the first element" : "the last element", "removed it from the list");
  }

  /** LREM with {@code count} (1: first occurrence, -1: last, 0: all); whether anything was removed. */
  boolean removeOccurrence(Object element, int count) {
    byte[] bytes = encodeOrNull(element);
    return bytes != null && redis.execute(redis.command("LREM").arg(count).arg(bytes).build(), Reply.LONG) > 0;
  }

  /** Removes every occurrence of each element the codec can encode, in one script. */
  boolean removeAll(Collection<?> elements) {
    List<byte[]> args = possibleElements(elements, new ArrayList<>());
    return !args.isEmpty() && redis.eval(REMOVE_ALL, Reply.LONG, List.of(redis.keyBytes()), args) > 0;
  }

  /** Keeps only the elements equal to one of {@code elements}, in one script. */
  boolean retainAll(Collection<?> elements) {
    List<byte[]> args = new ArrayList<>();
    args.add(marker());
    return redis.eval(RETAIN_ALL, Reply.LONG, List.of(redis.keyBytes()), possibleElements(elements, args)) > 0;
  }

  /**
   * Adds to {@code into} the bytes of each element that can be in the list: nulls and objects the codec cannot
   * encode are skipped ({@code removeAll} and {@code retainAll} accept them, as {@link Collection} allows).
   *
   * @return {@code into}
   */
  private List<byte[]> possibleElements(Collection<?> elements, List<byte[]> into) {
    Objects.requireNonNull(elements, "elements");
    for (Object element : elements) {
      byte[] bytes = element == null ? null : encodeOrNull(element);
      if (bytes != null) {
        into.add(bytes);
      }
    }
    return into;
  }

  /** One UNLINK. */
  void clear() {
    redis.execute(redis.command("UNLINK").idempotent().build());
  }

  /**
   * Reads the whole list, computes its new contents with {@code change}, and writes them only if the list is
   * unchanged (length and digest, checked in one script); tries {@value #REWRITE_TRIES} times, with a growing
   * random pause between tries.
   */
  void rewrite(Function<List<E>, List<E>> change, String operation) {
    for (int attempt = 0; attempt < REWRITE_TRIES; attempt++) {
      List<byte[]> stored = range(0, -1);
      List<E> elements = new ArrayList<>(stored.size());
      for (int i = 0; i < stored.size(); i++) {
        elements.add(decode(stored.get(i), i));
      }
      List<E> changed = change.apply(elements);
      List<byte[]> args = new ArrayList<>(changed.size() + 2);
      args.add(ascii(stored.size()));
      args.add(ascii(digest(stored)));
      for (E element : changed) {
        args.add(encode(Objects.requireNonNull(element, () -> operation + ": the function returned null")));
      }
      if (stored.isEmpty() || redis.eval(REPLACE_IF_UNCHANGED, Reply.BOOLEAN, List.of(redis.keyBytes()), args)) {
        return;
      }
      // Another client wrote between our read and our write. Trying again at once tends to meet the same burst
      // of writers (a read and a rewrite of a long list take longer than their single pushes), so the tries are
      // spread out: a random pause of up to 1, 2, 4 … 64 ms, about 130 ms in all before giving up.
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000L << Math.min(attempt, 6)) + 1);
    }
    throw new ConcurrentModificationException(redis.description() + ": " + operation + " gave up after "
        + REWRITE_TRIES + " tries: other clients changed the list between each read and write");
  }

  /** What {@code list-replace-if-unchanged.lua} compares: SHA-1 of each element as length ':' bytes. */
  static String digest(List<byte[]> elements) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (byte[] element : elements) {
        sha1.update((element.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha1.update(element);
      }
      return HexFormat.of().formatHex(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-1, which every Java platform must provide", e);
    }
  }

  /** Rotates right by {@code n} modulo the length, in one script. */
  void rotate(long n) {
    String digits = n == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(n));
    redis.eval(ROTATE, ascii(digits), ascii(n < 0 ? "-" : "+"));
  }

  private static byte[] ascii(long number) {
    return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
