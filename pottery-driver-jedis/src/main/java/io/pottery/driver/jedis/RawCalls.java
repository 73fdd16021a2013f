package io.pottery.driver.jedis;

import io.pottery.RedisErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs Pottery's commands on Jedis's plain pooled {@link Connection}s, through its public calls only
 * ({@code executeCommand}, {@code sendCommand}, {@code getOne}), and maps Jedis's replies to the SPI's types
 * ({@link io.pottery.spi.RedisConnection}): Jedis already reads an integer as {@code Long}, bulk and status
 * strings alike as {@code byte[]}, an array as a {@code List} and nil as {@code null}; it throws a top-level
 * error reply as a {@link JedisDataException} and leaves one nested in an array in its place as that exception,
 * which become {@link RedisErrorException}s here. Nothing of Jedis is overridden: {@code RedisDriverContract}
 * pins this mapping, so a Jedis release that changed it would fail the build, not the user.
 */
final class RawCalls {
  private RawCalls() {}

  /**
   * A pool of connections to one server: Jedis's factory drives the handshake (TLS, AUTH, HELLO, SELECT from
   * {@code config}) with the connect timeout (or the command timeout, if shorter: the pool opens connections on
   * behalf of commands too), so that neither the TLS handshake nor Redis's handshake replies wait a full command
   * timeout per step; {@link #borrow} sets the command timeout for what follows.
   */
  static ConnectionPool pool(HostAndPort address, JedisClientConfig config,
      org.apache.commons.pool2.impl.GenericObjectPoolConfig<Connection> poolConfig) {
    int openingMillis = Math.min(config.getConnectionTimeoutMillis(), config.getSocketTimeoutMillis());
    JedisClientConfig opening = DefaultJedisClientConfig.builder().from(config).socketTimeoutMillis(openingMillis).build();
    ConnectionFactory factory = ConnectionFactory.builder()
        .clientConfig(config)
        .hostAndPort(address)
        .connectionBuilder(Connection.builder()
            .socketFactory(new HandshakingSocketFactory(new DefaultJedisSocketFactory(address, opening), openingMillis))
            .clientConfig(config))
        .build();
    return new ConnectionPool(factory, poolConfig);
  }

  /**
   * Borrows a connection that reads replies with the command timeout (a new one comes with the opening timeout).
   *
   * @throws JedisException if no connection could be had (nothing was sent)
   */
  static Connection borrow(ConnectionPool pool, int commandTimeoutMillis) {
    Connection connection = pool.getResource();
    if (connection.getSoTimeout() != commandTimeoutMillis) {
      try {
        connection.setSoTimeout(commandTimeoutMillis);
      } catch (JedisException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  /**
   * Sends one command and reads its reply.
   *
   * @param errors makes the exception for an error reply from the server's text; a top-level one is returned
   *     (the caller throws it), a nested one stands in place
   */
  static Object call(Connection connection, CommandArguments args, Function<String, RedisErrorException> errors) {
    try {
      return mapped(connection.executeCommand(args), errors);
    } catch (JedisDataException e) {
      return errors.apply(e.getMessage());
    }
  }

  /** Sends every command, then reads every reply: one round trip. Error replies stand in place. */
  static List<Object> callAll(Connection connection, List<CommandArguments> args,
      List<Function<String, RedisErrorException>> errors) {
    for (CommandArguments arg : args) {
      connection.sendCommand(arg);
    }
    List<Object> replies = new ArrayList<>(args.size());
    for (Function<String, RedisErrorException> error : errors) {
      try {
        replies.add(mapped(connection.getOne(), error));
      } catch (JedisDataException e) {
        replies.add(error.apply(e.getMessage()));
      }
    }
    return replies;
  }

  /** Jedis's reply as the SPI's: nested errors become {@link RedisErrorException}s, the rest is already right. */
  private static Object mapped(Object reply, Function<String, RedisErrorException> errors) {
    if (reply instanceof JedisDataException nested) {
      return errors.apply(nested.getMessage());
    }
    if (reply instanceof List<?> list) {
      List<Object> copy = null;
      for (int i = 0; i < list.size(); i++) {
        Object element = list.get(i);
        Object mapped = mapped(element, errors);
        if (mapped != element && copy == null) {
          copy = new ArrayList<>(list);
        }
        if (copy != null) {
          copy.set(i, mapped);
        }
      }
      return copy == null ? reply : copy;
    }
    if (reply == null || reply instanceof byte[] || reply instanceof Long) {
      return reply;
    }
    throw new JedisDataException("Jedis read a reply as " + reply.getClass().getName()
        + ", which is none of RESP2's types; this Jedis version reads replies differently from the one"
        + " pottery-driver-jedis was built for");
  }
}
