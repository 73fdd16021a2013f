package io.pottery.internal.collections;

import io.pottery.CodecException;
import io.pottery.RedisErrorException;
import io.pottery.RedisSet;
import io.pottery.TypeRef;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.KeyedStructure;
import io.pottery.internal.structures.Reply;
import io.pottery.spi.Command;
import io.pottery.spi.HashSlots;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * {@link RedisSet} over one Redis set, laid out as Python pottery's {@code RedisSet}: each element is a member
 * holding the codec's bytes of the element.
 *
 * <p>How each operation talks to Redis:
 * <ul>
 *   <li>one command: {@code add} (SADD), {@code remove} (SREM), {@code contains} (SISMEMBER), {@code size} /
 *       {@code isEmpty} (SCARD), {@code clear} (UNLINK), {@code pop} (SPOP), {@code randomElement}
 *       (SRANDMEMBER), {@code addAll} (one SADD), {@code removeAll} (one SREM), {@code containsAll} and
 *       {@code containsMany} (one SMISMEMBER; one pipeline of SISMEMBER on Redis before 6.2), {@code
 *       union}/{@code intersection}/{@code difference} and their {@code *Store} variants (SUNION … SDIFFSTORE);
 *   <li>one Lua script, atomic: {@code retainAll} of a local collection ({@code set-retain.lua}); {@code
 *       addAll}/{@code removeAll}/{@code retainAll} of another Redis set ({@code set-update-from.lua});
 *       {@code isDisjoint}/{@code isSubsetOf}/{@code isSupersetOf}/{@code equals} ({@code set-relation.lua});
 *   <li>one SSCAN per page (about {@value ScanIterator#COUNT} members): iteration, {@code hashCode}, {@code toString}.
 * </ul>
 *
 * <p>On a Redis Cluster one command or script takes keys of one hash slot only (give sets used together a shared
 * {@code {tag}}): {@code union}, {@code intersection}, {@code difference}, the {@code *Store} variants and
 * {@code isDisjoint}/{@code isSubsetOf}/{@code isSupersetOf} with a set in another slot throw
 * {@link io.pottery.CrossSlotException} before anything is sent. {@code addAll}, {@code removeAll},
 * {@code retainAll}, {@code containsAll} and {@code equals} accept any collection, so with a set in another slot
 * they read it page by page (SSCAN) as any other collection; the update is then atomic on this set only.
 *
 * @param <E> the type of elements
 */
final class RedisMemberSet<E> extends AbstractSet<E> implements RedisSet<E> {
  private static final Script RETAIN = Script.fromResource(RedisMemberSet.class, "set-retain.lua");
  private static final Script UPDATE_FROM = Script.fromResource(RedisMemberSet.class, "set-update-from.lua");
  private static final Script RELATION = Script.fromResource(RedisMemberSet.class, "set-relation.lua");

  private final KeyedStructure redis;
  private final TypeRef<E> elementType;
  /** Cleared on the first "unknown command" reply to SMISMEMBER (Redis before 6.2); never set again. */
  private volatile boolean smismember = true;

  RedisMemberSet(KeyedStructure redis, TypeRef<E> elementType) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.elementType = Objects.requireNonNull(elementType, "elementType");
  }

  @Override
  public String key() {
    return redis.key();
  }

  /** Makes {@link #containsMany} use the pipelined SISMEMBER of old servers from the start (tests). */
  RedisMemberSet<E> withoutSmismember() {
    smismember = false;
    return this;
  }

  // ---- Encoding --------------------------------------------------------------------------------------------

  private byte[] member(Object element) {
    return redis.encode(Objects.requireNonNull(element, "element"), "element");
  }

  /**
   * The member for an object given to a query ({@code contains}, {@code remove}, …), or null if the codec
   * cannot encode it: every stored member is a codec encoding, so such an object is simply not in the set.
   */
  private byte[] memberOrNull(Object element) {
    try {
      return redis.backend().codec().encode(element);
    } catch (CodecException e) {
      return null;
    }
  }

  E decode(byte[] member) {
    return redis.decode(member, elementType, "a member");
  }

  /**
   * The members of the elements that can be in the set: nulls and objects the codec cannot encode are
   * skipped ({@code removeAll} and {@code retainAll} accept them, as {@link Collection} allows).
   */
  private List<byte[]> possibleMembers(Collection<?> elements) {
    List<byte[]> members = new ArrayList<>();
    for (Object element : elements) {
      byte[] member = element == null ? null : memberOrNull(element);
      if (member != null) {
        members.add(member);
      }
    }
    return members;
  }

  /** The members of {@code elements}, encoded; NPE on a null; unencodable ones are null in the list. */
  private List<byte[]> membersOrNulls(Iterable<?> elements, String operation) {
    Objects.requireNonNull(elements, operation);
    List<byte[]> members = new ArrayList<>();
    for (Object element : elements) {
      members.add(memberOrNull(Objects.requireNonNull(element, () -> operation + ": an element is null")));
    }
    return members;
  }

  // ---- Reads -----------------------------------------------------------------------------------------------

  /** {@inheritDoc} One SCARD; a set of more than {@code Integer.MAX_VALUE} members reports that maximum. */
  @Override
  public int size() {
    return (int) Math.min(scard(), Integer.MAX_VALUE);
  }

  private long scard() {
    return redis.execute(redis.command("SCARD").idempotent().build(), Reply.LONG);
  }

  /** {@inheritDoc} One SCARD. */
  @Override
  public boolean isEmpty() {
    return scard() == 0L;
  }

  /** {@inheritDoc} One SISMEMBER. */
  @Override
  public boolean contains(Object element) {
    Objects.requireNonNull(element, "element");
    byte[] member = memberOrNull(element);
    return member != null && redis.execute(redis.command("SISMEMBER").arg(member).idempotent().build(), Reply.BOOLEAN);
  }

  @Override
  public List<Boolean> containsMany(Iterable<?> elements) {
    List<byte[]> members = membersOrNulls(elements, "containsMany");
    List<Boolean> answers = new ArrayList<>(members.size());
    List<byte[]> asked = new ArrayList<>(members.size());
    for (byte[] member : members) {
      if (member != null) {
        asked.add(member);
      }
    }
    List<Boolean> replies = areMembers(asked);
    int next = 0;
    for (byte[] member : members) {
      answers.add(member != null && replies.get(next++));
    }
    return answers;
  }

  /** Whether each member is in the set: one SMISMEMBER, or one pipeline of SISMEMBER on old servers. */
  private List<Boolean> areMembers(List<byte[]> members) {
    if (members.isEmpty()) {
      return List.of();
    }
    if (smismember) {
      Command.Builder smismember = redis.command("SMISMEMBER").idempotent();
      members.forEach(smismember::arg);
      try {
        return redis.execute(smismember.build(), Reply.BOOLEAN_LIST);
      } catch (RedisErrorException e) {
        if (!e.serverMessage().toLowerCase(java.util.Locale.ROOT).contains("unknown command")) {
          throw e;
        }
        this.smismember = false;
      }
    }
    List<Command> sismembers = new ArrayList<>(members.size());
    for (byte[] member : members) {
      sismembers.add(redis.command("SISMEMBER").arg(member).idempotent().build());
    }
    return redis.pipeline(sismembers, Reply.BOOLEAN);
  }

  /**
   * {@inheritDoc} One SMISMEMBER of every element (none for an empty collection). An element the codec cannot
   * encode is not contained.
   *
   * @throws NullPointerException if {@code elements} or any element is null
   */
  @Override
  public boolean containsAll(Collection<?> elements) {
    List<byte[]> members = membersOrNulls(elements, "containsAll");
    if (members.contains(null)) {
      return false;
    }
    return !areMembers(members).contains(Boolean.FALSE);
  }

  @Override
  public E pop() {
    byte[] reply = redis.execute(redis.command("SPOP").build(), Reply.NULLABLE_BYTES);
    if (reply == null) {
      throw new NoSuchElementException(redis.description() + " is empty: nothing to pop");
    }
    return redis.decodeTaken(reply, elementType, "the popped member", "removed it from the set");
  }

  @Override
  public E randomElement() {
    byte[] reply = redis.execute(redis.command("SRANDMEMBER").idempotent().build(), Reply.NULLABLE_BYTES);
    if (reply == null) {
      throw new NoSuchElementException(redis.description() + " is empty: no random element");
    }
    return decode(reply);
  }

  // ---- Writes ----------------------------------------------------------------------------------------------

  /** {@inheritDoc} One SADD. */
  @Override
  public boolean add(E element) {
    return redis.execute(redis.command("SADD").arg(member(element)).idempotent().build(), Reply.BOOLEAN);
  }

  /** {@inheritDoc} One SREM. */
  @Override
  public boolean remove(Object element) {
    Objects.requireNonNull(element, "element");
    byte[] member = memberOrNull(element);
    return member != null && removeMember(member);
  }

  /** SREM of one member; whether it was there. */
  boolean removeMember(byte[] member) {
    return redis.execute(redis.command("SREM").arg(member).idempotent().build(), Reply.BOOLEAN);
  }

  /**
   * {@inheritDoc} One SADD of every element, atomic; every element is checked and encoded before anything is
   * sent, so a null or unencodable element leaves the set unchanged. Another {@code RedisSet} of the same
   * {@code Pottery} is merged on the server (SUNIONSTORE in one script).
   */
  @Override
  public boolean addAll(Collection<? extends E> elements) {
    Objects.requireNonNull(elements, "addAll");
    RedisMemberSet<?> other = sameSlot(elements);
    if (other != null) {
      return updateFrom("SUNIONSTORE", other);
    }
    Command.Builder sadd = redis.command("SADD").idempotent();
    int count = 0;
    for (E element : elements) {
      sadd.arg(member(Objects.requireNonNull(element, "addAll: an element is null")));
      count++;
    }
    return count > 0 && redis.execute(sadd.build(), Reply.LONG) > 0L;
  }

  /**
   * {@inheritDoc} One SREM of every element (nulls and elements the codec cannot encode are not in the set, and
   * are skipped), or SDIFFSTORE in one script for another {@code RedisSet} of the same {@code Pottery}.
   *
   * @throws NullPointerException if {@code elements} is null
   */
  @Override
  public boolean removeAll(Collection<?> elements) {
    Objects.requireNonNull(elements, "removeAll");
    RedisMemberSet<?> other = sameSlot(elements);
    if (other != null) {
      return updateFrom("SDIFFSTORE", other);
    }
    List<byte[]> members = possibleMembers(elements);
    if (members.isEmpty()) {
      return false;
    }
    Command.Builder srem = redis.command("SREM").idempotent();
    members.forEach(srem::arg);
    return redis.execute(srem.build(), Reply.LONG) > 0L;
  }

  /**
   * {@inheritDoc} Atomic: one script that sends the encoded elements to keep and removes every other member
   * ({@code set-retain.lua}; nulls and elements the codec cannot encode are skipped), or SINTERSTORE in one
   * script for another {@code RedisSet} of the same {@code Pottery}.
   *
   * @throws NullPointerException if {@code elements} is null
   */
  @Override
  public boolean retainAll(Collection<?> elements) {
    Objects.requireNonNull(elements, "retainAll");
    RedisMemberSet<?> other = sameSlot(elements);
    if (other != null) {
      return updateFrom("SINTERSTORE", other);
    }
    return redis.eval(RETAIN, Reply.LONG, List.of(redis.keyBytes()), possibleMembers(elements)) > 0L;
  }

  private boolean updateFrom(String command, RedisMemberSet<?> other) {
    return redis.eval(UPDATE_FROM, Reply.BOOLEAN, List.of(redis.keyBytes(), other.redis.keyBytes()),
        List.of(command.getBytes(StandardCharsets.US_ASCII)));
  }

  /** {@inheritDoc} One UNLINK: the set is gone at once, Redis frees its memory in the background. */
  @Override
  public void clear() {
    redis.execute(redis.command("UNLINK").idempotent().build());
  }

  // ---- Set algebra on the server ---------------------------------------------------------------------------

  /**
   * {@code collection} as one of our sets on the same server (same {@code Pottery}), or null if it is any
   * other collection.
   */
  private RedisMemberSet<?> sameServer(Collection<?> collection) {
    if (collection instanceof RedisMemberSet) {
      RedisMemberSet<?> other = (RedisMemberSet<?>) collection;
      if (other.redis.backend() == redis.backend()) {
        return other;
      }
    }
    return null;
  }

  /**
   * {@code collection} as one of our sets that one command may take together with this set: on the same server,
   * and on a cluster in the same hash slot; else null, and the caller streams the collection as any other. For
   * the {@code java.util} methods that accept any collection, which must work across slots.
   */
  private RedisMemberSet<?> sameSlot(Collection<?> collection) {
    RedisMemberSet<?> other = sameServer(collection);
    if (other != null && redis.backend().cluster()
        && HashSlots.slot(other.redis.keyBytes()) != HashSlots.slot(redis.keyBytes())) {
      return null;
    }
    return other;
  }

  /** The keys of {@code sets}, which must be ours on the same {@code Pottery}. */
  private List<byte[]> keysOf(Collection<? extends RedisSet<?>> sets, String operation) {
    Objects.requireNonNull(sets, operation);
    List<byte[]> keys = new ArrayList<>(sets.size());
    for (RedisSet<?> set : sets) {
      Objects.requireNonNull(set, () -> operation + ": a set is null");
      RedisMemberSet<?> other = set instanceof RedisMemberSet ? sameServer((RedisMemberSet<?>) set) : null;
      if (other == null) {
        throw new IllegalArgumentException(redis.description() + ": " + operation + " runs on the server, and "
            + describe(set) + " comes from another Pottery, whose server may differ; open both sets from one "
            + "Pottery, or copy it into a local set first (new HashSet<>(set))");
      }
      keys.add(other.redis.keyBytes());
    }
    return keys;
  }

  private static String describe(RedisSet<?> set) {
    return set instanceof RedisMemberSet ? ((RedisMemberSet<?>) set).redis.description() : "RedisSet \"" + set.key() + "\"";
  }

  private Set<E> readAll(String command, Collection<? extends RedisSet<?>> others) {
    Command.Builder builder = redis.command(command).idempotent();
    keysOf(others, command.toLowerCase(java.util.Locale.ROOT)).forEach(builder::key);
    Set<E> result = new HashSet<>();
    for (byte[] member : redis.execute(builder.build(), Reply.BYTES_LIST)) {
      result.add(decode(member));
    }
    return result;
  }

  private long store(String command, RedisSet<?> destination, Collection<? extends RedisSet<?>> others) {
    Objects.requireNonNull(destination, "destination");
    byte[] destinationKey = keysOf(List.of(destination), command.toLowerCase(java.util.Locale.ROOT)).get(0);
    Command.Builder builder = Command.builder(command).key(destinationKey).key(redis.keyBytes());
    List<byte[]> sources = keysOf(others, command.toLowerCase(java.util.Locale.ROOT));
    sources.forEach(builder::key);
    // Storing over the sources again gives the same result, unless the destination is one of the other sets:
    // SDIFFSTORE b a b run twice leaves a ∩ b, not a \ b.
    if (sources.stream().noneMatch(source -> Arrays.equals(source, destinationKey))) {
      builder.idempotent();
    }
    return redis.execute(builder.build(), Reply.LONG);
  }

  @Override
  public Set<E> union(Collection<? extends RedisSet<? extends E>> others) {
    return readAll("SUNION", others);
  }

  @Override
  public Set<E> intersection(Collection<? extends RedisSet<?>> others) {
    return readAll("SINTER", others);
  }

  @Override
  public Set<E> difference(Collection<? extends RedisSet<?>> others) {
    return readAll("SDIFF", others);
  }

  @Override
  public long unionStore(RedisSet<? super E> destination, Collection<? extends RedisSet<? extends E>> others) {
    return store("SUNIONSTORE", destination, others);
  }

  @Override
  public long intersectionStore(RedisSet<? super E> destination, Collection<? extends RedisSet<?>> others) {
    return store("SINTERSTORE", destination, others);
  }

  @Override
  public long differenceStore(RedisSet<? super E> destination, Collection<? extends RedisSet<?>> others) {
    return store("SDIFFSTORE", destination, others);
  }

  @Override
  public boolean isDisjoint(Collection<?> other) {
    return relation("disjoint", other);
  }

  @Override
  public boolean isSubsetOf(Collection<?> other) {
    return relation("subset", other);
  }

  @Override
  public boolean isSupersetOf(Collection<?> other) {
    return relation("superset", other);
  }

  private boolean relation(String relation, Collection<?> other) {
    Objects.requireNonNull(other, relation);
    return relation(relation, other, sameServer(other));
  }

  /** The relation, on the server if {@code redisOther} is not null, else with {@code other}'s elements sent. */
  private boolean relation(String relation, Collection<?> other, RedisMemberSet<?> redisOther) {
    byte[] name = relation.getBytes(StandardCharsets.US_ASCII);
    if (redisOther != null) {
      return redis.eval(RELATION, Reply.BOOLEAN, List.of(redis.keyBytes(), redisOther.redis.keyBytes()), List.of(name));
    }
    List<byte[]> args = new ArrayList<>();
    args.add(name);
    for (byte[] member : membersOrNulls(other, relation)) {
      if (member != null) {
        args.add(member);
      } else if (relation.equals("superset") || relation.equals("equal")) {
        return false; // an element the codec cannot encode is in no Redis set
      }
    }
    return redis.eval(RELATION, Reply.BOOLEAN, List.of(redis.keyBytes()), args);
  }

  // ---- Iteration -------------------------------------------------------------------------------------------

  /**
   * {@inheritDoc} Pages through the set with SSCAN; weakly consistent; {@code remove()} is one SREM. See the
   * class comment.
   */
  @Override
  public Iterator<E> iterator() {
    return ScanIterator.set(redis, (member, none) -> decode(member), this::removeMember);
  }

  /** An iterator over the stored members' bytes, one SSCAN per page. */
  private Iterator<byte[]> rawIterator() {
    return ScanIterator.set(redis, (member, none) -> member, this::removeMember);
  }

  // ---- Object methods --------------------------------------------------------------------------------------

  /**
   * {@inheritDoc} One script ({@code set-relation.lua}): with another {@code RedisSet} of the same {@code
   * Pottery} it compares the two on the server; with any other set, its encoded elements are sent. False, never
   * an exception, for a set holding null.
   */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Set)) {
      return false;
    }
    Set<?> other = (Set<?>) o;
    RedisMemberSet<?> redisOther = sameServer(other);
    if (redisOther != null && redis.key().equals(redisOther.redis.key())) {
      return true;
    }
    redisOther = sameSlot(other);
    if (redisOther != null) {
      return relation("equal", other, redisOther);
    }
    for (Object element : other) {
      if (element == null) {
        return false;
      }
    }
    return relation("equal", other, null);
  }

  /**
   * {@inheritDoc} Reads the whole set, one SSCAN page per round trip, skipping any member SSCAN returns twice
   * (remembering the members seen: memory in proportion to the set).
   */
  @Override
  public int hashCode() {
    int hash = 0;
    Set<ByteBuffer> seen = new HashSet<>();
    for (Iterator<byte[]> it = rawIterator(); it.hasNext(); ) {
      byte[] member = it.next();
      if (seen.add(ByteBuffer.wrap(member))) {
        hash += decode(member).hashCode();
      }
    }
    return hash;
  }

  /**
   * {@inheritDoc} Reads the whole set like {@link #hashCode()}. After the {@code Pottery} is closed it returns
   * {@code RedisSet "key" (Pottery closed)} rather than throw, so that logs and debuggers still work.
   */
  @Override
  public String toString() {
    if (redis.backend().isClosed()) {
      return redis.description() + " (Pottery closed)";
    }
    StringBuilder sb = new StringBuilder("[");
    Set<ByteBuffer> seen = new HashSet<>();
    for (Iterator<byte[]> it = rawIterator(); it.hasNext(); ) {
      byte[] member = it.next();
      if (seen.add(ByteBuffer.wrap(member))) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(decode(member));
      }
    }
    return sb.append(']').toString();
  }
}
