package io.pottery.internal.structures;

import io.pottery.CodecException;
import io.pottery.PotteryException;
import io.pottery.RedisErrorException;
import io.pottery.TypeRef;
import io.pottery.WrongTypeException;
import io.pottery.internal.instrument.Instrumentation;
import io.pottery.internal.instrument.Scope;
import io.pottery.internal.script.Script;
import io.pottery.internal.text.Quoting;
import io.pottery.spi.Command;
import io.pottery.spi.RedisConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Internal, may change: the plumbing of one structure on one Redis key, written once for all structures.
 *
 * <ul>
 *   <li>Every command goes through {@link #execute}, {@link #pipeline} or {@link #eval}: they check that the
 *       {@code Pottery} is open ({@link IllegalStateException} otherwise, caused by the {@code close()} call)
 *       and turn a {@code WRONGTYPE} error reply into a {@link WrongTypeException} that says what the key
 *       holds: {@code RedisMap "tel": key holds a list, not a hash (WRONGTYPE from redis://127.0.0.1:6379/1)}.
 *       The {@code TYPE} lookup behind that message is sent only on this error path.
 *   <li>A caller that reads a reply names the {@link Reply shape} it expects where it runs the command or
 *       script; a reply of another shape throws a {@link io.pottery.PotteryException} naming the command or
 *       script, the key and the server ({@code RedisMap "tel": HLEN replied in an unexpected shape: expected an
 *       integer, got the string "3" (1 byte) (from redis://…)}), never a {@link ClassCastException}.
 *   <li>{@link #encode} and {@link #decode} call the codec and rethrow its {@link CodecException} naming the
 *       structure, key, field or element, and target type:
 *       {@code RedisMap "tel": field "jack" is not a java.lang.Integer for codec gson: "abc" (3 bytes); written
 *       by another codec?}, with all the bytes in {@link CodecException#rawValue()}.
 *   <li>Operations that remove or overwrite what they return (pops, {@code remove(index)}, {@code put},
 *       {@code remove(key)}) stay one atomic command and decode with {@link #decodeTaken}: undecodable bytes are
 *       then gone from Redis, and the exception says that {@code rawValue()} holds the only copy. Reading first
 *       and removing only what decodes would cost a second round trip and a retry loop, and one undecodable
 *       element at the head of a queue would stop every consumer for good.
 *   <li>{@link #executeAsync} and {@link #evalAsync} are the async twins of {@link #execute} and {@link #eval}:
 *       the same command or script, the same {@link Reply shape}, the same translations and messages, one round
 *       trip through {@link RedisConnection#executeAsync}. The stage they return completes on the {@code
 *       Pottery}'s {@linkplain Backend#asyncExecutor() async executor}, never on a driver thread, and fails with
 *       a {@link CompletionException} whose cause is exactly what the blocking twin throws.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyedStructure {

  private final Backend backend;
  private final String structureType;
  private final String redisType;
  private final String key;
  private final byte[] keyBytes;
  private final String description;

  /**
   * Describes a structure.
   *
   * @param structureType the Java type users see, e.g. {@code RedisMap}
   * @param redisType the Redis type the key must hold, as {@code TYPE} names it, e.g. {@code hash}
   * @param key the full Redis key, namespace included (the feature's factory adds it with {@link
   *     Backend#redisKey})
   * @throws IllegalStateException if the {@code Pottery} was closed: no structure is made from a closed one, so
   *     every feature built on this class gets the check at creation without writing it
   */
  public KeyedStructure(Backend backend, String structureType, String redisType, String key) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.structureType = Objects.requireNonNull(structureType, "structureType");
    this.redisType = Objects.requireNonNull(redisType, "redisType");
    this.key = Objects.requireNonNull(key, "key");
    this.keyBytes = key.getBytes(StandardCharsets.UTF_8);
    this.description = structureType + " \"" + key + "\"";
    backend.requireOpen(description);
  }

  /** The full Redis key. */
  public String key() {
    return key;
  }

  /** The Redis key as UTF-8 bytes; do not modify. */
  public byte[] keyBytes() {
    return keyBytes;
  }

  /** What messages call this structure: {@code RedisMap "tel"}. */
  public String description() {
    return description;
  }

  /** The shared state of the {@code Pottery} this structure came from. */
  public Backend backend() {
    return backend;
  }

  /** The name of the codec in use, for messages. */
  public String codecName() {
    return backend.codec().name();
  }

  /** Starts a command whose first argument is this structure's key. */
  public Command.Builder command(String name) {
    return Command.builder(name).key(keyBytes);
  }

  /**
   * Runs one command on the master that holds the collections, for its effect: the reply is not read.
   *
   * @throws WrongTypeException if the key holds another Redis type
   * @throws RedisErrorException on any other error reply
   * @throws io.pottery.RedisConnectionException if the connection fails
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public void execute(Command command) {
    execute(command, null);
  }

  /**
   * Runs one command on the master that holds the collections and returns its reply in the shape the caller
   * expects.
   *
   * @param shape the reply's shape, e.g. {@link Reply#LONG} for {@code HLEN}
   * @throws io.pottery.PotteryException naming the command, the key and the server if the reply has another
   *     shape
   * @throws WrongTypeException if the key holds another Redis type
   * @throws RedisErrorException on any other error reply
   * @throws io.pottery.RedisConnectionException if the connection fails
   * @throws IllegalStateException if the {@code Pottery} was closed
   */
  public <T> T execute(Command command, Reply<T> shape) {
    Instrumentation instrumentation = backend.instrumentation();
    if (!instrumentation.enabled()) {
      return executeUnobserved(command, shape);
    }
    Scope scope = instrumentation.start(structureType, command.name(), key);
    try {
      T reply = executeUnobserved(command, shape);
      scope.success();
      return reply;
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  private <T> T executeUnobserved(Command command, Reply<T> shape) {
    RedisConnection connection = backend.collectionConnection(description);
    Object reply;
    try {
      reply = connection.execute(command);
    } catch (RedisErrorException e) {
      throw translate(e);
    } catch (IllegalStateException e) {
      throw backend.closedOr(e, description);
    }
    return shaped(reply, shape, command.name());
  }

  /**
   * Runs commands in one round trip for their effects; if any reply is an error, throws the first one
   * (translated as {@link #execute} does) after all have run.
   */
  public void pipeline(List<Command> commands) {
    pipeline(commands, null);
  }

  /**
   * Runs commands in one round trip and returns their replies, each in the shape {@code shape}; if any reply is
   * an error, throws the first one (translated as {@link #execute} does) after all have run.
   *
   * @throws io.pottery.PotteryException naming the command, the key and the server if a reply has another
   *     shape
   */
  public <T> List<T> pipeline(List<Command> commands, Reply<T> shape) {
    return pipeline(commands, shape, commands.size());
  }

  /**
   * Runs commands in one round trip, as {@link #pipeline(List, Reply)} does, and returns the first command's
   * reply in the shape {@code shape}; the others are run for their effects (an error among them is thrown).
   */
  public <T> T pipelineFirst(List<Command> commands, Reply<T> shape) {
    return pipeline(commands, shape, 1).get(0);
  }

  /** Runs the pipeline and converts the replies of the first {@code shaped} commands. */
  private <T> List<T> pipeline(List<Command> commands, Reply<T> shape, int shaped) {
    Instrumentation instrumentation = backend.instrumentation();
    if (!instrumentation.enabled()) {
      return pipelineUnobserved(commands, shape, shaped);
    }
    Scope scope = instrumentation.start(structureType, pipelineName(commands), key);
    try {
      List<T> replies = pipelineUnobserved(commands, shape, shaped);
      scope.success();
      return replies;
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  /** The distinct command names in order of first use, joined by {@code +}: {@code HGET+PEXPIRE}. */
  private static String pipelineName(List<Command> commands) {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    for (Command command : commands) {
      names.add(command.name());
    }
    return String.join("+", names);
  }

  private <T> List<T> pipelineUnobserved(List<Command> commands, Reply<T> shape, int shaped) {
    RedisConnection connection = backend.collectionConnection(description);
    List<Object> replies;
    try {
      replies = connection.pipeline(commands);
    } catch (IllegalStateException e) {
      throw backend.closedOr(e, description);
    }
    for (Object reply : replies) {
      if (reply instanceof RedisErrorException) {
        throw translate((RedisErrorException) reply);
      }
    }
    if (shape == null) {
      return List.of();
    }
    List<T> converted = new ArrayList<>(shaped);
    for (int i = 0; i < shaped; i++) {
      converted.add(shaped(replies.get(i), shape, commands.get(i).name()));
    }
    return converted;
  }

  /**
   * Runs a script with this structure's key as its only {@code KEYS[1]}, for its effect; see {@link Script#run}.
   *
   * @throws WrongTypeException if the key holds another Redis type
   */
  public void eval(Script script, byte[]... args) {
    eval(script, null, List.of(keyBytes), List.of(args));
  }

  /**
   * Runs a script with this structure's key as its only {@code KEYS[1]} and returns its reply in the shape the
   * script declares; see {@link Script#run}.
   *
   * @param shape the shape of the script's reply
   * @throws io.pottery.PotteryException naming the script, the key and the server if the reply has another
   *     shape
   * @throws WrongTypeException if the key holds another Redis type
   */
  public <T> T eval(Script script, Reply<T> shape, byte[]... args) {
    return eval(script, shape, List.of(keyBytes), List.of(args));
  }

  /** Runs a script with the given keys and arguments, for its effect; see {@link Script#run}. */
  public void eval(Script script, List<byte[]> keys, List<byte[]> args) {
    eval(script, null, keys, args);
  }

  /**
   * Runs a script with the given keys and arguments and returns its reply in the shape {@code shape}, as
   * {@link #eval(Script, Reply, byte[]...)} does.
   */
  public <T> T eval(Script script, Reply<T> shape, List<byte[]> keys, List<byte[]> args) {
    Instrumentation instrumentation = backend.instrumentation();
    if (!instrumentation.enabled()) {
      return evalUnobserved(script, shape, keys, args);
    }
    String name = script.name();
    name = name.substring(name.lastIndexOf('/') + 1).replace(".lua", "");
    Scope scope = instrumentation.start(structureType, name, key);
    try {
      T reply = evalUnobserved(script, shape, keys, args);
      scope.success();
      return reply;
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  private <T> T evalUnobserved(Script script, Reply<T> shape, List<byte[]> keys, List<byte[]> args) {
    RedisConnection connection = backend.collectionConnection(description);
    Object reply;
    try {
      reply = script.run(connection, keys, args);
    } catch (RedisErrorException e) {
      throw translate(e);
    } catch (IllegalStateException e) {
      throw backend.closedOr(e, description);
    }
    return shaped(reply, shape, "script " + script.name().substring(script.name().lastIndexOf('/') + 1));
  }

  // ---- Async twins ---------------------------------------------------------------------------------------

  /**
   * The async twin of {@link #execute(Command, Reply)}: sends {@code command} without waiting and returns a stage
   * that completes, on the {@linkplain Backend#asyncExecutor() async executor}, with the reply in the shape
   * {@code shape} ({@code null} for a {@code null} shape: the reply is not read).
   *
   * <p>The stage fails with a {@link CompletionException} whose cause is what {@code execute} would throw: a
   * {@link WrongTypeException} (its {@code TYPE} lookup, on this error path only, is a blocking call on the
   * executor's thread), any other {@link RedisErrorException}, an {@link io.pottery.RedisConnectionException},
   * an {@link IllegalStateException} if the {@code Pottery} was closed, a {@link PotteryException} for a reply
   * of another shape. Nothing is thrown by this method itself. Listeners see the operation as they see {@code
   * execute}'s, stopped when the reply (or failure) has been handled.
   */
  public <T> CompletableFuture<T> executeAsync(Command command, Reply<T> shape) {
    return async(command.name(), command.name(), connection -> connection.executeAsync(command), shape);
  }

  /**
   * The async twin of {@link #eval(Script, Reply, byte[]...)}: this structure's key as {@code KEYS[1]}, the same
   * script through {@link Script#runAsync} ({@code EVALSHA}, then {@code EVAL} on {@code NOSCRIPT}), completing
   * and failing as {@link #executeAsync} does.
   */
  public <T> CompletableFuture<T> evalAsync(Script script, Reply<T> shape, byte[]... args) {
    return evalAsync(script, shape, List.of(keyBytes), List.of(args));
  }

  /** The async twin of {@link #eval(Script, Reply, List, List)}; see {@link #evalAsync(Script, Reply, byte[]...)}. */
  public <T> CompletableFuture<T> evalAsync(Script script, Reply<T> shape, List<byte[]> keys, List<byte[]> args) {
    String name = script.name();
    return async(name.substring(name.lastIndexOf('/') + 1).replace(".lua", ""),
        "script " + name.substring(name.lastIndexOf('/') + 1), connection -> script.runAsync(connection, keys, args), shape);
  }

  /**
   * Sends through {@code send} and handles the outcome on the async executor, as the blocking path handles it.
   *
   * @param operation the operation's name for listeners ({@code HGET}, {@code map-put})
   * @param what the command or script for a shape mismatch's message
   */
  private <T> CompletableFuture<T> async(String operation, String what,
      Function<RedisConnection, CompletionStage<Object>> send, Reply<T> shape) {
    Scope scope = backend.instrumentation().startDetached(structureType, operation, key);
    CompletionStage<Object> sent;
    boolean closed = false;
    try {
      RedisConnection connection = backend.collectionConnection(description);
      try {
        sent = send.apply(connection);
      } catch (RuntimeException e) {
        // A driver may throw instead of failing the stage (a closed connection does): the same outcome, later.
        sent = CompletableFuture.failedFuture(e);
      }
    } catch (IllegalStateException e) {
      // Closed before anything was sent: already the message the blocking path gives.
      sent = CompletableFuture.failedFuture(e);
      closed = true;
    }
    boolean closedBeforeSend = closed;
    return sent.handleAsync((reply, failure) -> {
      try {
        if (failure != null) {
          throw translated(Script.unwrap(failure), closedBeforeSend);
        }
        T value = shaped(reply, shape, what);
        scope.success();
        return value;
      } catch (RuntimeException | Error e) {
        scope.fail(e);
        throw e;
      }
    }, backend.asyncExecutor()).toCompletableFuture();
  }

  /** What the blocking path throws for a failure of the send: the same translations, in the same order. */
  private RuntimeException translated(Throwable failure, boolean closedBeforeSend) {
    if (failure instanceof RedisErrorException) {
      return translate((RedisErrorException) failure);
    }
    if (failure instanceof IllegalStateException) {
      return closedBeforeSend ? (IllegalStateException) failure : backend.closedOr((IllegalStateException) failure, description);
    }
    if (failure instanceof RuntimeException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return new CompletionException(failure);
  }

  /**
   * The reply in the shape the caller expects ({@code null} when {@code shape} is: the reply is not read).
   *
   * @param what the command's name or {@code script map-put.lua}, for the message
   * @throws PotteryException naming {@code what}, this structure, its key and the server, quoting the reply
   */
  private <T> T shaped(Object reply, Reply<T> shape, String what) {
    if (shape == null) {
      return null;
    }
    try {
      return shape.from(reply);
    } catch (Reply.Mismatch e) {
      String server = backend.collectionMaster();
      throw new PotteryException(description + ": " + what + " replied in an unexpected shape: " + e.getMessage()
          + " (from " + server + "); a driver, proxy or server that answers otherwise than Redis "
          + "(docs/errors.md#unexpected-reply-shape)",
          key, List.of(server), e);
    }
  }

  /**
   * The exception to throw for an error reply: a {@link WrongTypeException} for {@code WRONGTYPE} (also when a
   * script's {@code redis.call} got it), else the reply itself.
   */
  public RuntimeException translate(RedisErrorException e) {
    if (!e.serverMessage().contains("WRONGTYPE")) {
      return e;
    }
    String held = typeHeld();
    String server = e.masters().isEmpty() ? backend.collectionMaster() : e.masters().get(0);
    String message = held == null
        ? description + ": key holds another type, not " + article(redisType) + " (WRONGTYPE from " + server + ")"
        : description + ": key holds " + article(held) + ", not " + article(redisType) + " (WRONGTYPE from " + server + ")";
    return new WrongTypeException(message, key, List.of(server), e);
  }

  /** What {@code TYPE} says the key holds, or {@code null} if that cannot be found out. */
  private String typeHeld() {
    try {
      Object reply = backend.collectionConnection(description).execute(Command.builder("TYPE").key(keyBytes).idempotent().build());
      // A status reply: byte[] on every driver (RedisConnection's reply contract).
      return reply instanceof byte[] ? new String((byte[]) reply, StandardCharsets.UTF_8) : null;
    } catch (RuntimeException e) {
      // Only for a message: the WRONGTYPE error is what matters, and it is thrown either way.
      return null;
    }
  }

  private static String article(String redisType) {
    switch (redisType) {
      case "zset":
        return "a sorted set (zset)";
      case "none":
        return "nothing (it was deleted meanwhile)";
      default:
        return (redisType.matches("[aeiou].*") ? "an " : "a ") + redisType;
    }
  }

  /**
   * Encodes a value with the codec.
   *
   * @param role what the value is, for the message: {@code "key"}, {@code "value"}, {@code "element"}
   * @throws CodecException naming this structure and the value's class if the codec cannot encode it
   */
  public byte[] encode(Object value, String role) {
    try {
      return backend.codec().encode(value);
    } catch (CodecException e) {
      throw new CodecException(
          description + ": cannot encode " + role + " of type " + value.getClass().getName() + " with codec "
              + codecName() + ": " + e.getMessage(),
          key, List.of(backend.collectionMaster()), e);
    }
  }

  /**
   * Decodes stored bytes with the codec, as {@code type}. Structures reject nulls, so a stored JSON
   * {@code null} is an error too.
   *
   * @param where what the bytes are, for the message, e.g. {@code a field name} or {@code element 3}
   * @throws CodecException naming this structure, {@code where}, the type and the codec, quoting a prefix of the
   *     bytes and carrying all of them in {@link CodecException#rawValue()}, if they are not a {@code T} or
   *     decode as null
   */
  public <T> T decode(byte[] bytes, TypeRef<T> type, String where) {
    return decode(bytes, type, where, null, null);
  }

  /**
   * Decodes the value stored at a hash field, as {@link #decode(byte[], TypeRef, String)} does; the message
   * names the field: {@code field "jack" is not a java.lang.Integer …}. The field is rendered only on failure.
   */
  public <T> T decodeAt(byte[] field, byte[] bytes, TypeRef<T> type) {
    return decode(bytes, type, "field", field, null);
  }

  /**
   * Decodes bytes that the command which returned them also removed or overwrote in Redis (a pop, {@code
   * remove(index)}, a map's {@code put}, {@code remove(key)}, {@code replace}), as {@link #decode(byte[],
   * TypeRef, String)} does. Such commands stay one atomic round trip, so when the bytes do not decode they are
   * already gone from Redis; the exception then carries all of them in {@link CodecException#rawValue()}, and
   * its message says that this is the only copy left, so a caller can keep them (a dead-letter list, a log).
   *
   * @param where what the bytes were, e.g. {@code the first element}
   * @param taken what the command did to them, e.g. {@code removed it from the list}
   */
  public <T> T decodeTaken(byte[] bytes, TypeRef<T> type, String where, String taken) {
    return decode(bytes, type, where, null, Objects.requireNonNull(taken, "taken"));
  }

  /** {@link #decodeTaken} for the value that was stored at a hash field. */
  public <T> T decodeTakenAt(byte[] field, byte[] bytes, TypeRef<T> type, String taken) {
    return decode(bytes, type, "field", field, Objects.requireNonNull(taken, "taken"));
  }

  private <T> T decode(byte[] bytes, TypeRef<T> type, String where, byte[] field, String taken) {
    T value;
    try {
      value = backend.codec().decode(bytes, type);
    } catch (CodecException e) {
      throw new CodecException(
          description + ": " + where(where, field) + " is not a " + type + " for codec " + codecName() + ": "
              + quote(bytes) + " (" + bytes.length + " bytes); written by another codec?" + lost(taken, bytes),
          key, List.of(backend.collectionMaster()), e, bytes);
    }
    if (value == null) {
      throw new CodecException(
          description + ": " + where(where, field) + " holds " + quote(bytes) + " (" + bytes.length
              + " bytes), which codec " + codecName() + " decodes as null; " + structureType
              + " never returns null" + (taken == null ? ", so remove or overwrite it" : "." + lost(taken, bytes)),
          key, List.of(backend.collectionMaster()), null, bytes);
    }
    return value;
  }

  /** The part of a decoding message that says the bytes are gone from Redis, and where they still are. */
  private static String lost(String taken, byte[] bytes) {
    return taken == null ? "" : " This call " + taken + " in Redis, so CodecException.rawValue() holds the only copy ("
        + bytes.length + " bytes)";
  }

  private static String where(String where, byte[] field) {
    return field == null ? where : where + " " + show(field);
  }

  /**
   * Shows a field or element in a message: as-is when it is short printable ASCII (JSON text shows its own
   * quotes: {@code "jack"}, {@code 42}), else quoted with escapes and cut after 64 bytes.
   */
  public static String show(byte[] bytes) {
    if (bytes.length <= Quoting.SHOWN_BYTES && Quoting.printable(bytes)) {
      return new String(bytes, StandardCharsets.US_ASCII);
    }
    return quote(bytes);
  }

  /** Quotes bytes as every message of Pottery does ({@link Quoting#quote}). */
  public static String quote(byte[] bytes) {
    return Quoting.quote(bytes);
  }

  /** {@code RedisMap "tel"}. */
  @Override
  public String toString() {
    return description;
  }
}
