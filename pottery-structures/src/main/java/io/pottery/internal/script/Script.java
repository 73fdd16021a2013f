package io.pottery.internal.script;

import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.RedisConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal, may change: one Lua script, read once from a {@code .lua} resource next to the class that runs
 * it, and run with {@code EVALSHA}; only when the server answers {@code NOSCRIPT} (a restarted or flushed
 * script cache) is it sent again in full with {@code EVAL}, which also caches it for the next call.
 *
 * <p>A connection error never leads to {@code EVAL}: the first command may have run on the server, and
 * running the script twice could apply a write twice. The error is thrown as it came.
 *
 * <p>Every script's header declares whether running it twice has the effect of running it once, in a line
 * {@code -- Idempotent: yes, because …} or {@code -- Idempotent: no, because …}; the {@code EVALSHA} and
 * {@code EVAL} commands carry that as {@link Command#idempotent()}, so a cluster driver resends only the
 * repeatable scripts after an unknown outcome. A script without the line is not idempotent.
 *
 * <p>Declare scripts as constants of the class that runs them:
 *
 * <pre>{@code
 * private static final Script PUT = Script.fromResource(RedisHashMap.class, "map-put.lua");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Script {
  private static final Pattern IDEMPOTENT = Pattern.compile("^--\\s*Idempotent:\\s*(yes|no)\\b", Pattern.MULTILINE);

  private final String name;
  private final String text;
  private final byte[] textBytes;
  private final String sha1;
  private final byte[] sha1Bytes;
  private final boolean idempotent;

  private Script(String name, String text) {
    this.name = name;
    this.text = text;
    this.textBytes = text.getBytes(StandardCharsets.UTF_8);
    this.sha1 = sha1Hex(textBytes);
    this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
    this.idempotent = "yes".equals(declaredIdempotence(text));
  }

  /**
   * What the script's header declares in its {@code -- Idempotent: yes|no, because …} line: {@code "yes"},
   * {@code "no"}, or {@code null} if the header has no such line.
   */
  public static String declaredIdempotence(String text) {
    Matcher matcher = IDEMPOTENT.matcher(text);
    return matcher.find() ? matcher.group(1) : null;
  }

  /**
   * Reads the script {@code fileName} from the resources, relative to {@code owner}'s package (e.g.
   * {@code io/pottery/internal/collections/map-put.lua} for a class in {@code io.pottery.internal.collections}).
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the resource is missing or unreadable, or its header does not declare
   *     {@code -- Idempotent: yes|no}: the jar is broken
   */
  public static Script fromResource(Class<?> owner, String fileName) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(fileName, "fileName");
    String path = owner.getPackageName().replace('.', '/') + "/" + fileName;
    try (InputStream in = owner.getResourceAsStream(fileName)) {
      if (in == null) {
        throw new IllegalStateException("Lua script " + path + " is missing from the class path; the pottery-structures jar is incomplete");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (declaredIdempotence(text) == null) {
        throw new IllegalStateException("Lua script " + path + " does not declare \"-- Idempotent: yes|no, because …\" in its header");
      }
      return new Script(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Lua script " + path, e);
    }
  }

  /**
   * A script from its text, for tests and tools; structures use {@link #fromResource}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Script of(String name, String text) {
    return new Script(Objects.requireNonNull(name, "name"), Objects.requireNonNull(text, "text"));
  }

  private static String sha1Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no SHA-1, which every Java platform must provide", e);
    }
  }

  /** The resource path, e.g. {@code io/pottery/internal/collections/map-put.lua}. */
  public String name() {
    return name;
  }

  /** The script's text, header comment included. */
  public String text() {
    return text;
  }

  /**
   * Whether the header declares the script idempotent ({@code -- Idempotent: yes, because …}): running it twice
   * has the same effect as once, so its commands may be resent after an unknown outcome.
   */
  public boolean idempotent() {
    return idempotent;
  }

  /** The SHA-1 of the text as 40 lowercase hex digits: the name Redis caches the script under. */
  public String sha1() {
    return sha1;
  }

  /**
   * Runs the script: {@code EVALSHA}, then {@code EVAL} if and only if the reply is {@code NOSCRIPT}.
   *
   * @param keys the {@code KEYS} (marked as keys in the command, for routing)
   * @param args the {@code ARGV}
   * @return the script's reply, mapped as {@link RedisConnection} describes
   * @throws RedisErrorException if the script fails (or on any error reply but {@code NOSCRIPT})
   * @throws io.pottery.RedisConnectionException if the connection fails; never retried with {@code EVAL}
   */
  public Object run(RedisConnection connection, List<byte[]> keys, List<byte[]> args) {
    CompletableFuture<Object> reply =
        run(keys, args, command -> CompletableFuture.completedStage(connection.execute(command)), Function.identity())
            .toCompletableFuture();
    // Every stage above is complete: the blocking sends ran on this thread, and join() does not wait.
    try {
      return reply.join();
    } catch (CompletionException e) {
      throw rethrown(e);
    }
  }

  /**
   * As {@link #run(RedisConnection, List, List)}, without waiting: {@code EVALSHA} through {@link
   * RedisConnection#executeAsync}, then {@code EVAL} the same way on {@code NOSCRIPT}. The stage fails with the
   * exceptions {@code run} throws; it completes on a driver thread.
   */
  public CompletionStage<Object> runAsync(RedisConnection connection, List<byte[]> keys, List<byte[]> args) {
    return run(keys, args, connection::executeAsync, Function.identity());
  }

  /**
   * The one {@code EVALSHA}→{@code EVAL} fallback, over any way of sending (one command, asynchronously, or in a
   * pipeline with other commands): sends the {@code EVALSHA} form through {@code send}; if what came back for the
   * script is a {@code NOSCRIPT} error (thrown, or picked by {@code scriptReply} out of a pipeline's replies),
   * sends the {@code EVAL} form the same way, and its outcome is the result. Any other outcome, a connection
   * failure included, is the result as it came: {@code EVAL} never follows a command that may have run.
   *
   * @param send sends the given command (and whatever goes with it); may throw instead of failing its stage
   * @param scriptReply the script's own reply within what {@code send} returned ({@code identity} for one command)
   * @param <R> what {@code send} returns: a reply, or a pipeline's replies
   */
  public <R> CompletionStage<R> run(List<byte[]> keys, List<byte[]> args, Function<Command, CompletionStage<R>> send,
      Function<? super R, ?> scriptReply) {
    return sent(send, evalSha(keys, args)).handle((reply, failure) -> {
      Object outcome = failure != null ? unwrap(failure) : scriptReply.apply(reply);
      if (outcome instanceof RedisErrorException && isNoScript((RedisErrorException) outcome)) {
        return sent(send, eval(keys, args));
      }
      return failure != null ? CompletableFuture.<R>failedStage(unwrap(failure)) : CompletableFuture.completedStage(reply);
    }).thenCompose(Function.identity());
  }

  /** One run of a script in {@link #runPipelined}: its {@code KEYS} and {@code ARGV}. */
  public record Call(List<byte[]> keys, List<byte[]> args) {
    /**
     * Checks the call.
     *
     * @throws NullPointerException if {@code keys} or {@code args} is null
     */
    public Call {
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(args, "args");
    }
  }

  /**
   * Runs the script once per call, all in one {@link RedisConnection#pipeline} (one round trip): the same rule as
   * {@link #run(List, List, Function, Function)}, per call. Every call goes as {@code EVALSHA}; only the calls
   * whose reply is {@code NOSCRIPT} are sent again, together, as {@code EVAL} in a second pipeline (they did not
   * run). Blocking: call it on a thread that may wait for the pipeline.
   *
   * @return one outcome per call, in order: its reply; an error reply as a {@link RedisErrorException} object;
   *     for a call whose {@code EVAL} pipeline failed, the exception that pipeline threw
   * @throws io.pottery.RedisConnectionException if the first pipeline fails (nothing is sent again: any call may
   *     have run)
   * @throws IllegalStateException if the connection is closed
   */
  public List<Object> runPipelined(RedisConnection connection, List<Call> calls) {
    List<Command> shas = new ArrayList<>(calls.size());
    for (Call call : calls) {
      shas.add(evalSha(call.keys(), call.args()));
    }
    List<Object> outcomes = new ArrayList<>(connection.pipeline(shas));
    List<Integer> missing = new ArrayList<>();
    List<Command> evals = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof RedisErrorException && isNoScript((RedisErrorException) outcomes.get(i))) {
        missing.add(i);
        evals.add(eval(calls.get(i).keys(), calls.get(i).args()));
      }
    }
    if (!evals.isEmpty()) {
      List<Object> again;
      try {
        again = connection.pipeline(evals);
      } catch (RuntimeException e) {
        for (int i : missing) {
          outcomes.set(i, e);
        }
        return outcomes;
      }
      for (int j = 0; j < missing.size(); j++) {
        outcomes.set(missing.get(j), again.get(j));
      }
    }
    return outcomes;
  }

  private static <R> CompletionStage<R> sent(Function<Command, CompletionStage<R>> send, Command command) {
    try {
      return send.apply(command);
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(e);
    }
  }

  /** The exception a stage failed with, without the {@link CompletionException} wrappers of dependent stages. */
  public static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static RuntimeException rethrown(CompletionException e) {
    Throwable cause = unwrap(e);
    if (cause instanceof RuntimeException) {
      throw (RuntimeException) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    throw e;
  }

  /** Whether an error reply says the server does not have the script cached. */
  public static boolean isNoScript(RedisErrorException e) {
    return "NOSCRIPT".equals(e.errorCode());
  }

  /** The {@code EVALSHA} command for these keys and arguments (for pipelines), idempotent as the script is. */
  public Command evalSha(List<byte[]> keys, List<byte[]> args) {
    return command("EVALSHA", sha1Bytes, keys, args);
  }

  /** The {@code EVAL} command, which sends the whole text, idempotent as the script is. */
  public Command eval(List<byte[]> keys, List<byte[]> args) {
    return command("EVAL", textBytes, keys, args);
  }

  private Command command(String name, byte[] script, List<byte[]> keys, List<byte[]> args) {
    Command.Builder builder = Command.builder(name).arg(script).arg(keys.size());
    if (idempotent) {
      builder.idempotent();
    }
    for (byte[] key : keys) {
      builder.key(key);
    }
    for (byte[] arg : args) {
      builder.arg(arg);
    }
    return builder.build();
  }

  /** {@code Script{io/pottery/internal/collections/map-put.lua, sha1=…}}. */
  @Override
  public String toString() {
    return "Script{" + name + ", sha1=" + sha1 + "}";
  }
}
