package io.pottery.driver.jedis;

import io.pottery.RedisErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.PushConsumerChain;
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

  private RawReplyConnection(Connection.Builder builder) {
    super(builder);
  }

  /**
   * A pool of these connections to one server: Jedis's factory drives the handshake (TLS, AUTH, HELLO, SELECT
   * from {@code config}), and every connection it makes reads Pottery's replies with {@link JedisReplies}.
   */
  static ConnectionPool pool(HostAndPort address, JedisClientConfig config,
      org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection> poolConfig) {
    ConnectionFactory factory = ConnectionFactory.builder()
        .clientConfig(config)
        .hostAndPort(address)
        .connectionBuilder(new Builder()
            .socketFactory(new DefaultJedisSocketFactory(address, config))
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

  /** Makes {@link RawReplyConnection}s; Jedis's connection factory and pool drive it. */
  static final class Builder extends Connection.Builder {
    @Override
    protected Connection createConnection() {
      return new RawReplyConnection(this);
    }
  }
}
