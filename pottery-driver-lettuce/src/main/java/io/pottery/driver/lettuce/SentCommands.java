package io.pottery.driver.lettuce;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.protocol.AsyncCommand;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The commands of one Pottery connection that must not be sent twice ({@link RawOutput#failOnDisconnect()}),
 * from dispatch to completion, and the listener that fails them when their connection drops after they were
 * written: the lost-reply rule of {@link io.pottery.spi.RedisConnection}, with Lettuce's public API only.
 *
 * <p>Lettuce's default is at-least-once: on a drop, its command handler moves every unanswered command to a
 * buffer that it writes again after the reconnect, skipping commands that are complete by then. Lettuce then
 * tells each {@link RedisConnectionStateListener} of its client, on the channel's event loop, after that move
 * and before any reconnect (which it schedules for later on the same loop). {@link #listener()} fails there
 * every tracked command of the dropped connection that {@link RawCommand#encode was written} and has no reply,
 * with {@link SentBeforeDisconnect}: the reconnect then skips it. A command issued while the connection was down
 * was never written; it stays in Lettuce's buffer and is written once after the reconnect. Callbacks of the
 * failed commands run on this thread while Lettuce knows the connection is down, so a command they send (the
 * undo of a lock attempt) is buffered rather than written into the dead channel.
 *
 * <p>A cluster has one connection per node; each tracked command names the node it was sent to (or none, when
 * the slot had no known master), and a drop fails the commands of that node and those of no known node. A
 * command that Lettuce redirected ({@code MOVED}) to a node that then dropped is caught by
 * {@link RawCommand}'s second-write check instead. Thread-safe.
 */
final class SentCommands {
  /** One tracked command and where it went ({@code host} null for a single server or an unknown node). */
  private record Sent(AsyncCommand<byte[], byte[], Object> command, RawOutput output, String host, int port) {}

  private final Set<Sent> open = ConcurrentHashMap.newKeySet();
  /** Where each of the client's connections (one per node on a cluster) is connected to. */
  private final Map<RedisChannelHandler<?, ?>, SocketAddress> remotes = Collections.synchronizedMap(new WeakHashMap<>());
  private final RedisConnectionStateListener listener = new RedisConnectionStateListener() {
    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress remote) {
      remotes.put(connection, remote);
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
      if (connection.isClosed()) {
        // Closed on purpose (Pottery's close, or Lettuce's short-lived topology connections to the same nodes):
        // not a drop, and never replayed; Lettuce cancels what was still pending on it.
        remotes.remove(connection);
        return;
      }
      dropped(remotes.get(connection));
    }
  };

  /** The listener to add to the client ({@code addListener}) before it connects. */
  RedisConnectionStateListener listener() {
    return listener;
  }

  /**
   * Tracks {@code command} until it completes, if its output asks to fail on a drop; call before dispatching.
   *
   * @param host the node it is sent to, or null for a single server or an unknown node
   */
  void track(AsyncCommand<byte[], byte[], Object> command, String host, int port) {
    RawOutput output = (RawOutput) command.getOutput();
    if (!output.failOnDisconnect()) {
      return;
    }
    Sent sent = new Sent(command, output, host, port);
    open.add(sent);
    command.whenComplete((reply, failure) -> open.remove(sent));
  }

  /** Fails the written, unanswered commands of the connection to {@code remote} (null: of every connection). */
  private void dropped(SocketAddress remote) {
    SentBeforeDisconnect lost = null;
    for (Sent sent : open) {
      if (sent.output().written() && !sent.command().isDone() && wentTo(sent, remote)) {
        if (lost == null) {
          lost = new SentBeforeDisconnect(String.valueOf(remote));
        }
        sent.command().completeExceptionally(lost);
      }
    }
  }

  private static boolean wentTo(Sent sent, SocketAddress remote) {
    if (sent.host() == null || !(remote instanceof InetSocketAddress inet)) {
      return true;
    }
    return Addresses.sameServer(inet, sent.host(), sent.port());
  }
}
