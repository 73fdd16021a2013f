package io.pottery.driver.jedis;

import io.pottery.RedisErrorException;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.PushConsumerChain;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.IOUtils;
import redis.clients.jedis.util.RedisInputStream;

/**
 * A Jedis {@link Connection} that, while it runs Pottery's commands, reads replies with {@link JedisReplies}
 * instead of Jedis's reader (which cannot tell a status from a bulk string). Outside {@link #call} and
 * {@link #callAll} (the handshake: AUTH, HELLO, SELECT) it reads as Jedis does, so Jedis's own code keeps
 * getting the types it expects.
 *
 * <p>Used by one thread at a time: the pool lends it to one borrower.
 */
final class RawReplyConnection extends Connection {
  /** Non-null exactly while one of Pottery's replies is being read. */
  private Function<String, RedisErrorException> errors;
  /** The command timeout, which replies wait once the connection is open; opening it waits the connect timeout. */
  private final int commandTimeoutMillis;

  private RawReplyConnection(Connection.Builder builder) {
    super(builder);
    this.commandTimeoutMillis = builder.getClientConfig().getSocketTimeoutMillis();
  }

  /**
   * Opens the socket and runs the handshake (TLS, HELLO/AUTH, SELECT) with the socket factory's read timeout,
   * the connect timeout (see {@link #pool}), then sets the command timeout for everything after. Without this,
   * a server that accepts and never answers, or a plain port given a TLS handshake, held a new connection for
   * the command timeout per step instead of the connect timeout.
   */
  @Override
  protected void initializeFromClientConfig(JedisClientConfig config) {
    super.initializeFromClientConfig(config);
    if (commandTimeoutMillis > 0) {
      setSoTimeout(commandTimeoutMillis);
    }
  }

  /**
   * A pool of these connections to one server: Jedis's factory drives the handshake (TLS, AUTH, HELLO, SELECT
   * from {@code config}), and every connection it makes reads Pottery's replies with {@link JedisReplies}.
   */
  static ConnectionPool pool(HostAndPort address, JedisClientConfig config,
      org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection> poolConfig) {
    // The socket factory reads with the connect timeout (or the command timeout, if shorter: the pool opens
    // connections on behalf of commands too): the TLS handshake and Redis's handshake replies are part of opening
    // a connection, so neither waits a full command timeout per step.
    int openingMillis = Math.min(config.getConnectionTimeoutMillis(), config.getSocketTimeoutMillis());
    JedisClientConfig opening = DefaultJedisClientConfig.builder().from(config).socketTimeoutMillis(openingMillis).build();
    ConnectionFactory factory = ConnectionFactory.builder()
        .clientConfig(config)
        .hostAndPort(address)
        .connectionBuilder(new Builder()
            .socketFactory(new HandshakingSocketFactory(new DefaultJedisSocketFactory(address, opening), openingMillis))
            .clientConfig(config))
        .build();
    return new ConnectionPool(factory, poolConfig);
  }

  /** Sends one command and reads its reply. */
  Object call(CommandArguments args, Function<String, RedisErrorException> errorReplies) {
    errors = errorReplies;
    try {
      return executeCommand(args);
    } finally {
      errors = null;
    }
  }

  /** Sends every command, then reads every reply: one round trip. */
  List<Object> callAll(List<CommandArguments> args, List<Function<String, RedisErrorException>> errorReplies) {
    for (CommandArguments arg : args) {
      sendCommand(arg);
    }
    List<Object> replies = new ArrayList<>(args.size());
    try {
      for (Function<String, RedisErrorException> errorReply : errorReplies) {
        errors = errorReply;
        replies.add(getOne());
      }
    } finally {
      errors = null;
    }
    return replies;
  }

  @Override
  protected Object protocolRead(RedisInputStream in, PushConsumerChain pushes) {
    Function<String, RedisErrorException> current = errors;
    return current == null ? super.protocolRead(in, pushes) : JedisReplies.read(in, current);
  }

  /**
   * Jedis's socket factory, plus the TLS handshake right away, within what is left of the opening timeout: Jedis
   * builds a TLS context per socket (loading the trust store takes a while on a busy machine), and left to the
   * first write (the HELLO), a handshake that times out was followed by Jedis reading the socket once more for a
   * Redis error line, which doubled the wait against a server that never answers. The socket leaves with what
   * is left of the opening timeout for Redis's own handshake; {@link #initializeFromClientConfig} then sets the
   * command timeout.
   */
  private static final class HandshakingSocketFactory implements JedisSocketFactory {
    private final JedisSocketFactory delegate;
    private final int openingMillis;

    HandshakingSocketFactory(JedisSocketFactory delegate, int openingMillis) {
      this.delegate = delegate;
      this.openingMillis = openingMillis;
    }

    @Override
    public Socket createSocket() {
      long start = System.nanoTime();
      Socket socket = delegate.createSocket();
      try {
        socket.setSoTimeout(left(start));
        if (socket instanceof SSLSocket) {
          ((SSLSocket) socket).startHandshake();
          socket.setSoTimeout(left(start));
        }
      } catch (IOException e) {
        IOUtils.closeQuietly(socket);
        throw new JedisConnectionException("TLS handshake failed", e);
      }
      return socket;
    }

    /** What is left of the opening timeout, at least 1 ms (0 would mean no timeout at all). */
    private int left(long startNanos) {
      long leftMillis = openingMillis - (System.nanoTime() - startNanos) / 1_000_000;
      return (int) Math.max(1, leftMillis);
    }
  }

  /** Makes {@link RawReplyConnection}s; Jedis's connection factory and pool drive it. */
  static final class Builder extends Connection.Builder {
    @Override
    protected Connection createConnection() {
      return new RawReplyConnection(this);
    }
  }
}
