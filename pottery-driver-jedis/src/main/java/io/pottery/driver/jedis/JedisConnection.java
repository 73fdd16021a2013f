package io.pottery.driver.jedis;

import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@link RedisConnection} over a pool of Jedis connections to one server. Each command borrows a connection
 * for its round trip and runs on the calling thread, the fastest way with a blocking client; a pipeline sends all
 * its commands on one borrowed connection, then reads all the replies. {@link #executeAsync} runs the command on a
 * small executor this connection owns.
 *
 * <p>When a command fails because its connection broke, the idle connections are dropped too (they most likely
 * broke the same way, e.g. the server restarted), so the next commands open fresh ones. An idempotent command
 * (or a pipeline of idempotent commands) that met a broken connection is sent once more on a fresh one, unless
 * it timed out; a command that is not idempotent is never resent, as it may have run: sent on a connection that
 * then broke, it fails with "outcome unknown" ({@code ConnectionFailures.outcomeUnknown}), the
 * same words as the Lettuce driver's.
 */
final class JedisConnection implements RedisConnection {
  /** How many sockets one connection may open at most; threads beyond that wait up to the command timeout. */
  static final int POOL_SIZE = 16;

  /** How many threads run {@link #executeAsync} commands at once (each on its own pooled socket). */

  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final JedisFailures failures;
  private final ConnectionPool pool;
  private final AsyncLane async;

  private JedisConnection(RedisEndpoint endpoint, ConnectionSettings settings, JedisFailures failures, ConnectionPool pool) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.failures = failures;
    this.pool = pool;
    this.async = new AsyncLane("pottery-jedis-" + hostAndPort(endpoint));
  }

  /**
   * Opens the pool and one connection through it, so that a wrong host, port, password or database fails here.
   *
   * @throws io.pottery.RedisConnectionException if that first connection cannot be made
   */
  static JedisConnection open(RedisEndpoint endpoint, ConnectionSettings settings, ConnectionPool pool) {
    JedisFailures failures = new JedisFailures(endpoint, settings);
    try {
      pool.getResource().close();
    } catch (JedisException | IllegalStateException e) {
      pool.close();
      throw failures.connectFailed(e);
    }
    return new JedisConnection(endpoint, settings, failures, pool);
  }

  /** How the pool behaves: bounded, no background evictor thread, a borrower waits at most the command timeout. */
  static ConnectionPoolConfig poolConfig(ConnectionSettings settings) {
    ConnectionPoolConfig config = new ConnectionPoolConfig();
    config.setMaxTotal(POOL_SIZE);
    config.setMaxIdle(POOL_SIZE);
    config.setMinIdle(0);
    config.setBlockWhenExhausted(true);
    config.setMaxWait(settings.commandTimeout());
    config.setTestOnBorrow(false);
    config.setTestOnReturn(false);
    config.setTestWhileIdle(false);
    config.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
    config.setJmxEnabled(false);
    return config;
  }

  /** {@code host:port} of the endpoint, an IPv6 literal in brackets ({@link RedisEndpoint.Node#toString()}). */
  static String hostAndPort(RedisEndpoint endpoint) {
    return new RedisEndpoint.Node(endpoint.host(), endpoint.port()).toString();
  }

  @Override
  public RedisEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Object execute(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    return unwrap(run(command));
  }

  @Override
  public CompletionStage<Object> executeAsync(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    try {
      return async.run(() -> unwrap(run(command)));
    } catch (RejectedExecutionException e) {
      requireOpen(); // closed meanwhile: say so the same way as before
      throw e;
    }
  }

  @Override
  public List<Object> pipeline(List<Command> commands) {
    Objects.requireNonNull(commands, "commands");
    requireOpen();
    if (commands.isEmpty()) {
      return new ArrayList<>(0);
    }
    List<CommandArguments> args = new ArrayList<>(commands.size());
    List<Function<String, RedisErrorException>> errors = new ArrayList<>(commands.size());
    for (Command command : commands) {
      args.add(arguments(Objects.requireNonNull(command, "command in pipeline")));
      errors.add(errorReplies(command));
    }
    boolean idempotent = commands.stream().allMatch(Command::idempotent);
    for (int attempt = 0; ; attempt++) {
      Connection connection = borrow(commands.get(0));
      try {
        return RawCalls.callAll(connection, args, errors);
      } catch (RuntimeException e) {
        pool.clear();
        if (resendable(attempt, idempotent, e)) {
          continue;
        }
        throw failures.commandFailed(subjectOf(commands), e);
      } finally {
        giveBack(connection, async.executor());
      }
    }
  }

  /**
   * The command a failed pipeline is reported under: its first one that is not idempotent, whose outcome is then
   * unknown (it may have run, and it is not resent), else its first.
   */
  private static Command subjectOf(List<Command> commands) {
    for (Command command : commands) {
      if (!command.idempotent()) {
        return command;
      }
    }
    return commands.get(0);
  }

  private Object run(Command command) {
    CommandArguments args = arguments(command);
    for (int attempt = 0; ; attempt++) {
      Connection connection = borrow(command);
      try {
        return RawCalls.call(connection, args, errorReplies(command));
      } catch (RuntimeException e) { // Jedis's exceptions, or a reply that was not RESP2 (the socket is broken then)
        pool.clear();
        if (resendable(attempt, command.idempotent(), e)) {
          continue;
        }
        throw failures.commandFailed(command, e);
      } finally {
        giveBack(connection, async.executor());
      }
    }
  }

  /**
   * Whether a command whose connection broke is sent once more, on a fresh connection: only if running it twice
   * changes nothing (idempotent; a pipeline only if all its commands are), only once, and never after a timeout,
   * which has spent the caller's time. This is the common case of a pooled connection that the server closed
   * while it was idle (a restart, {@code CLIENT KILL}, an idle timeout): the command meets a closed socket, and
   * the resend on a new connection answers it, as Lettuce's reconnect does. A command that is not idempotent is
   * never resent: it fails with "outcome unknown".
   */
  private static boolean resendable(int attempt, boolean idempotent, RuntimeException failure) {
    return attempt == 0 && idempotent && !JedisFailures.isTimeout(failure);
  }

  /**
   * Returns the connection to the pool, which destroys it instead if Jedis marked it broken. A broken one is
   * closed here at once, and handed to the pool on {@code later}: commons-pool opens the replacement of an
   * invalidated connection on the thread that returns it, and against a frozen server that costs a second
   * command timeout (the new socket's handshake waits too), which the caller, who already has its outcome, must
   * not pay. Run here when {@code later} refuses (it is shutting down).
   */
  static void giveBack(Connection connection, Executor later) {
    if (!connection.isBroken()) {
      returnQuietly(connection);
      return;
    }
    try {
      connection.forceDisconnect();
    } catch (IOException | RuntimeException e) {
      // Closing a broken socket can fail; the pool only needs the connection back.
    }
    try {
      later.execute(() -> returnQuietly(connection));
    } catch (RejectedExecutionException e) {
      returnQuietly(connection);
    }
  }

  private static void returnQuietly(Connection connection) {
    try {
      connection.close();
    } catch (JedisException e) {
      // The pool destroyed the broken connection, then failed to open a replacement (the server is down); a
      // borrower gets its own error, and this command already has its outcome.
    }
  }

  private Connection borrow(Command command) {
    try {
      return RawCalls.borrow(pool, JedisDriver.millis(settings.commandTimeout().toMillis()));
    } catch (JedisException | IllegalStateException e) {
      throw failures.commandFailed(command, e);
    }
  }

  static Object unwrap(Object reply) {
    if (reply instanceof RedisErrorException) {
      throw (RedisErrorException) reply;
    }
    return reply;
  }

  private Function<String, RedisErrorException> errorReplies(Command command) {
    return text -> failures.common().errorReply(command, text, null);
  }

  static CommandArguments arguments(Command command) {
    byte[] name = command.name().getBytes(StandardCharsets.UTF_8);
    ProtocolCommand protocolCommand = () -> name;
    CommandArguments args = new CommandArguments(protocolCommand);
    for (int i = 0; i < command.argCount(); i++) {
      if (command.isKey(i)) {
        args.key(command.arg(i));
      } else {
        args.add(command.arg(i));
      }
    }
    return args;
  }

  private void requireOpen() {
    async.requireOpen(failures);
  }

  /**
   * Closes the connection: lets queued {@link #executeAsync} commands finish (waiting at most the command
   * timeout), stops its threads and closes every pooled socket. Idempotent.
   */
  @Override
  public void close() {
    async.close(settings.commandTimeout(), pool::close);
  }

  @Override
  public String toString() {
    return "JedisConnection{" + endpoint.redacted() + (async.closedAt() == null ? "" : ", closed") + "}";
  }
}
