package io.pottery.spi;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A thread-safe connection (or pool of connections) to one Redis server, opened by a {@link RedisDriver}.
 * Pottery's structures call it from any thread, concurrently.
 *
 * <h2>Replies</h2>
 * Drivers speak RESP2 and map each reply to exactly one of these Java types:
 * <ul>
 *   <li>integer → {@link Long};
 *   <li>bulk string → {@code byte[]};
 *   <li>simple string (status, e.g. {@code OK}, {@code QUEUED}) → {@link String};
 *   <li>array → {@code List<Object>} of these same types, nested as sent;
 *   <li>nil bulk string or nil array → {@code null};
 *   <li>an error nested in an array (inside an {@code EXEC} or script reply) → an
 *       {@link io.pottery.RedisErrorException} object standing in its place.
 * </ul>
 *
 * <h2>Errors</h2>
 * An error reply becomes an {@link io.pottery.RedisErrorException} carrying the server's text, the command's
 * first key and this endpoint; an unreachable server, a lost connection or a reply later than the command
 * timeout becomes an {@link io.pottery.RedisConnectionException}. Drivers throw nothing else (a bug aside).
 *
 * @since 0.1
 */
public interface RedisConnection extends AutoCloseable {

  /** The server this connection talks to. */
  RedisEndpoint endpoint();

  /**
   * Sends one command and waits for its reply.
   *
   * @return the reply, mapped as described above
   * @throws io.pottery.RedisErrorException on an error reply
   * @throws io.pottery.RedisConnectionException if the server is unreachable or did not answer in time
   * @throws IllegalStateException if the connection is closed
   */
  Object execute(Command command);

  /**
   * Sends one command without waiting. The stage completes with the reply, or exceptionally with the same
   * exceptions {@link #execute} throws. Used to fan one command out to several masters at once.
   *
   * <p>Completion may run on a driver thread: callers must not block in dependent stages.
   *
   * @throws IllegalStateException if the connection is closed (thrown, not returned in the stage)
   */
  CompletionStage<Object> executeAsync(Command command);

  /**
   * Sends the commands in one round trip (without waiting for each reply before sending the next) and
   * returns their replies in order. Not a transaction: other clients' commands may run in between unless the
   * commands themselves are {@code MULTI … EXEC}.
   *
   * <p>An error reply to one command does not stop the others: it stands in the returned list, in that
   * command's place, as a {@link io.pottery.RedisErrorException} object.
   *
   * @return one reply per command, in order; an empty list for no commands
   * @throws io.pottery.RedisConnectionException if the server is unreachable or a reply did not come in time
   * @throws IllegalStateException if the connection is closed
   */
  List<Object> pipeline(List<Command> commands);

  /**
   * Closes the connection and releases every resource the driver created for it (sockets, pools, threads).
   * Idempotent. Commands in flight may fail with {@link io.pottery.RedisConnectionException}.
   */
  @Override
  void close();
}
