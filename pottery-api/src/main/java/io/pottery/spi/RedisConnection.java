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
 *   <li>bulk string and simple string alike → {@code byte[]}: a status such as {@code OK} or {@code QUEUED}
 *       comes back as its bytes ({@code "OK".getBytes(US_ASCII)}), exactly as a bulk string holding the same
 *       text would. RESP2 clients do not keep the two apart, no algorithm needs to, and a caller that expects a
 *       status compares bytes;
 *   <li>array → {@code List<Object>} of these same types, nested as sent;
 *   <li>nil bulk string or nil array → {@code null};
 *   <li>an error at the top of a reply → thrown (see "Errors"); an error nested in an array (inside an
 *       {@code EXEC} or script reply) → an {@link io.pottery.RedisErrorException} object standing in its place.
 * </ul>
 * Nothing else: never a {@link String}, never a client library's own type.
 *
 * <h2>Errors</h2>
 * An error reply becomes an {@link io.pottery.RedisErrorException} carrying the server's text, the command's
 * first key and this endpoint; an unreachable server, a lost connection or a reply later than the command
 * timeout becomes an {@link io.pottery.RedisConnectionException}. Drivers throw nothing else (a bug aside).
 *
 * <h2>Lost replies: never a silent second run</h2>
 * When the connection drops after a command was sent and before its reply came, the command may or may not
 * have run. Every driver, on single servers and clusters alike:
 * <ul>
 *   <li>never sends a command that is not {@link Command#idempotent()} again (not itself, and not through its
 *       client library's redelivery after a reconnect, which it must turn off for such commands), and fails it
 *       with an {@link io.pottery.RedisConnectionException} whose message says {@code outcome unknown} and names
 *       the command, its first key and the server (the drivers share these words);
 *   <li>may send an idempotent command again, within the command timeout, and return the reply of that run;
 *   <li>may send, once, a command it held back while the connection was down (it was never written, so it did not
 *       run), or fail it saying it did not run; it must not call such a command "outcome unknown" when it knows
 *       it was never written.
 * </ul>
 * A command that got no reply within the command timeout is not sent again either; its exception says it may
 * or may not have run. In a {@link #pipeline} the same holds per command.
 *
 * <h2>Clusters</h2>
 * A connection to a {@linkplain RedisEndpoint#cluster() cluster endpoint} is still one {@code RedisConnection}:
 * the driver routes each command itself.
 * <ul>
 *   <li>A command with keys goes to the master owning their slot. The driver calls
 *       {@link HashSlots#requireOneSlot} first, so keys in different slots throw
 *       {@link io.pottery.CrossSlotException} before anything is sent, with the same message on every driver.
 *   <li>A keyless command with a {@link Command#routeSlot() route slot} goes to that slot's master.
 *   <li>{@code SCRIPT} (every subcommand), {@code FLUSHALL} and {@code FLUSHDB} go to every node (scripts to
 *       replicas too, since a promoted replica must have them); the reply is the first master's, and any node's
 *       error is thrown.
 *   <li>In a {@link #pipeline}, a keyless command without a route slot (such as {@code WAIT}) runs on the same
 *       node <em>and connection</em> as the keyed command before it, so {@code WAIT} counts the replicas of that
 *       write. Pipelines group commands by node and return replies in request order.
 *   <li>Any other keyless command is refused with {@link IllegalArgumentException}: there is no honest choice of
 *       node for it.
 *   <li>{@code NOSCRIPT} from {@code EVALSHA} is returned as usual (Pottery's script runner then sends
 *       {@code EVAL}). A command is retried, within the command timeout and with jittered backoff, only when it
 *       certainly did not run ({@code CLUSTERDOWN}, {@code TRYAGAIN}, connection refused, redirections beyond
 *       the client's own handling) or is {@link Command#idempotent()}. A non-idempotent command whose outcome
 *       is unknown (a timeout or reset after it was sent) throws {@link io.pottery.RedisConnectionException}
 *       saying so, naming the key and the node; it is never resent.
 * </ul>
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
