package io.pottery.internal.structures;

import io.pottery.PotteryConfigurationException;
import io.pottery.RandomKey;
import io.pottery.internal.instrument.Instrumentation;
import io.pottery.spi.Codec;
import io.pottery.spi.Command;
import io.pottery.spi.HashSlots;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.StructuresContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Internal, may change: what every structure of one {@code Pottery} shares — the connections, the codec, the
 * namespace, and whether the {@code Pottery} was closed (and where).
 *
 * <p>Thread-safe. Closing is idempotent; afterwards {@link #collectionConnection(String)} and
 * {@link #connections(String)} throw {@link IllegalStateException} whose cause is an exception created inside
 * {@link #close()}, so its stack trace shows who closed the {@code Pottery}.
 */
public final class Backend {
  private static final System.Logger LOG = System.getLogger("io.pottery.Pottery");
  private static final int RANDOM_KEY_TRIES = 3;

  private final List<RedisConnection> connections;
  private final List<String> masters;
  private final String driverName;
  private final Codec codec;
  private final Duration commandTimeout;
  private final String namespace;
  private final boolean cluster;
  private final Supplier<UUID> uuids;
  private final AtomicReference<Throwable> closedAt = new AtomicReference<>();
  private final Set<Runnable> stopOnClose = ConcurrentHashMap.newKeySet();
  private final Instrumentation instrumentation;
  private final java.util.concurrent.Executor asyncExecutor;
  private final Background background = new Background(this);
  private final ConcurrentHashMap<Class<?>, Object> components = new ConcurrentHashMap<>();

  /** Takes over the connections of {@code context}; {@link #close()} closes them. */
  public Backend(StructuresContext context) {
    this(context, UUID::randomUUID);
  }

  /** As {@link #Backend(StructuresContext)}, drawing random keys from {@code uuids} (tests force collisions). */
  Backend(StructuresContext context, Supplier<UUID> uuids) {
    this.connections = context.masters();
    List<String> shown = new ArrayList<>(connections.size());
    for (RedisConnection connection : connections) {
      shown.add(connection.endpoint().redacted());
    }
    this.masters = List.copyOf(shown);
    this.driverName = context.driverName();
    this.codec = context.codec();
    this.commandTimeout = context.commandTimeout();
    this.namespace = requireNoHashTag(context.namespace());
    this.cluster = connections.get(0).endpoint().cluster();
    this.uuids = Objects.requireNonNull(uuids, "uuids");
    List<String> addresses = new ArrayList<>(connections.size());
    for (RedisConnection connection : connections) {
      RedisEndpoint endpoint = connection.endpoint();
      addresses.add(new RedisEndpoint.Node(endpoint.host(), endpoint.port()).toString());
    }
    this.instrumentation = Instrumentation.of(context.listeners(), addresses);
    // The user's executor, or the Pottery's own workers (see Pottery.Builder.asyncExecutor for why not the
    // common pool).
    this.asyncExecutor = context.asyncExecutor() != null ? context.asyncExecutor() : background.workers();
  }

  /**
   * Where async stages decode replies, translate errors and run dependent stages ({@code
   * Pottery.Builder.asyncExecutor}, else the {@code Pottery}'s own {@link Background#workers()}): never a
   * driver's I/O thread.
   */
  public java.util.concurrent.Executor asyncExecutor() {
    return asyncExecutor;
  }

  /** The listeners of this {@code Pottery}; {@link Instrumentation#NONE} when there is none. */
  public Instrumentation instrumentation() {
    return instrumentation;
  }

  /**
   * Refuses a namespace with a hash tag, on single servers too (an application should not change meaning when
   * it moves to a cluster): Redis hashes only the tag, so every key would share one slot.
   *
   * @throws PotteryConfigurationException naming the namespace, the tag, its slot and the fix
   */
  static String requireNoHashTag(String namespace) {
    if (!HashSlots.hasHashTag(namespace)) {
      return namespace;
    }
    String tag = HashSlots.tagOf(namespace);
    throw new PotteryConfigurationException("namespace \"" + namespace + "\" contains the hash tag {" + tag
        + "}: on a Redis Cluster every key would hash to slot " + HashSlots.slot(namespace)
        + " and one node would hold all the data; use a namespace without braces, e.g. \""
        + namespace.replace("{", "").replace("}", "") + "\", and put hash tags in the names of keys used together "
        + "(docs/errors.md#namespace-hash-tag)");
  }

  /** The masters as redacted URIs (no passwords), in the order the user gave them. */
  public List<String> masters() {
    return masters;
  }

  /** The redacted URI of the master that serves the collections (the first). */
  public String collectionMaster() {
    return masters.get(0);
  }

  /** The name of the driver, for messages. */
  public String driverName() {
    return driverName;
  }

  /** The codec every structure encodes with. */
  public Codec codec() {
    return codec;
  }

  /** The per-reply timeout the connections were opened with. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /**
   * Whether the collections live on a Redis Cluster: then one command or script may only take keys of one hash
   * slot, and structures fall back to client-side work for {@code java.util} methods whose other collection is
   * a structure in another slot.
   */
  public boolean cluster() {
    return cluster;
  }

  /** The prefix put before every key, or {@code ""}. */
  public String namespace() {
    return namespace;
  }

  /** The full Redis key for a key the user named: the namespace, then the name. */
  public String redisKey(String name) {
    return namespace + name;
  }

  /**
   * The connection to the first master, which holds the collections.
   *
   * @param structure who asks, e.g. {@code RedisMap "tel"}, for the message if closed
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public RedisConnection collectionConnection(String structure) {
    requireOpen(structure);
    return connections.get(0);
  }

  /**
   * Every master's connection, in order (for quorum structures).
   *
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public List<RedisConnection> connections(String structure) {
    requireOpen(structure);
    return connections;
  }

  /**
   * Throws if the {@code Pottery} was closed.
   *
   * @param structure who asks, e.g. {@code RedisMap "tel"}
   * @throws IllegalStateException whose cause was created inside {@link #close()}
   */
  public void requireOpen(String structure) {
    Throwable closed = closedAt.get();
    if (closed != null) {
      throw closedException(structure, closed);
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closedAt.get() != null;
  }

  /**
   * If the {@code Pottery} was closed, the exception to throw instead of {@code failure} (which a connection
   * closed under a running command threw); otherwise {@code failure} itself.
   */
  public RuntimeException closedOr(RuntimeException failure, String structure) {
    Throwable closed = closedAt.get();
    if (closed == null) {
      return failure;
    }
    IllegalStateException e = closedException(structure, closed);
    e.addSuppressed(failure);
    return e;
  }

  private static IllegalStateException closedException(String structure, Throwable closed) {
    return new IllegalStateException(
        structure + ": the Pottery it belongs to is closed; create structures from an open Pottery "
            + "(the cause shows where close() was called)", closed);
  }

  /**
   * A key no one uses yet: the namespace, {@code pottery:} and a random lowercase UUID, as Python pottery names
   * containers created without a key; checked with {@code EXISTS} on the first master. Logs the key at INFO.
   *
   * @param structure the structure type, e.g. {@code RedisMap}, for the log and the message
   * @throws RandomKey if three keys in a row were taken
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public String randomKey(String structure) {
    RedisConnection connection = collectionConnection(structure);
    List<String> tried = new ArrayList<>(RANDOM_KEY_TRIES);
    for (int i = 0; i < RANDOM_KEY_TRIES; i++) {
      String key = namespace + "pottery:" + uuids.get().toString().toLowerCase(java.util.Locale.ROOT);
      Object reply;
      try {
        reply = connection.execute(Command.builder("EXISTS").key(key).idempotent().build());
      } catch (IllegalStateException e) {
        throw closedOr(e, structure);
      }
      if (reply instanceof Long && (Long) reply == 0L) {
        LOG.log(Level.INFO, () -> structure + " created without a key: assigned random key \"" + key + "\" on " + collectionMaster());
        return key;
      }
      tried.add(key);
    }
    throw new RandomKey(
        structure + ": no free random key in " + RANDOM_KEY_TRIES + " tries on " + collectionMaster()
            + "; every one already existed: " + tried + ". Name the key yourself.",
        tried.get(tried.size() - 1), List.of(collectionMaster()));
  }

  /**
   * The {@code Pottery}'s background threads (watchdog renewals, {@code waitForReplicas} pipelines), made on
   * first use; {@link #close()} stops them after the work registered with {@link #stopOnClose}.
   */
  public Background background() {
    return background;
  }

  /**
   * The one component of type {@code type} of this {@code Pottery}, made by {@code factory} on first use: state
   * that all the structures of a package above this one share (the Redlock watchdogs' renewals), without this
   * package knowing their types. A component with background work registers its stop with {@link #stopOnClose}.
   */
  public <T> T component(Class<T> type, Function<Backend, T> factory) {
    Objects.requireNonNull(factory, "factory");
    return type.cast(components.computeIfAbsent(type, t -> factory.apply(this)));
  }

  /**
   * Registers background work (the Redlock watchdogs' renewals) that {@link #close()} must stop, synchronously,
   * before it closes the connections. Work registered after {@code close()} is stopped at once.
   */
  public void stopOnClose(Runnable stop) {
    stopOnClose.add(Objects.requireNonNull(stop, "stop"));
    if (isClosed() && stopOnClose.remove(stop)) {
      stop.run();
    }
  }

  /**
   * Marks the {@code Pottery} closed, stops the background work registered with {@link #stopOnClose} (so no
   * watchdog renews after {@code close()} returns), then closes every connection, then stops the background
   * threads and waits (up to the command timeout) until they have ended. Idempotent: only the first call closes
   * anything. A connection that fails to close does not stop the others; the first failure is thrown after
   * all were tried, the rest suppressed into it.
   */
  public void close() {
    Exception where = new Exception("Pottery.close() was called here, on thread \"" + Thread.currentThread().getName() + "\"");
    if (!closedAt.compareAndSet(null, where)) {
      return;
    }
    for (Runnable stop : List.copyOf(stopOnClose)) {
      if (stopOnClose.remove(stop)) {
        stop.run();
      }
    }
    RuntimeException failure = null;
    for (RedisConnection connection : connections) {
      try {
        connection.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    background.close(commandTimeout);
    if (failure != null) {
      throw failure;
    }
  }
}
