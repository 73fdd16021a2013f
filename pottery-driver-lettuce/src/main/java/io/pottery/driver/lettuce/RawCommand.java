package io.pottery.driver.lettuce;

import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ForkJoinPool;

/**
 * A Pottery command as Lettuce's public {@link io.lettuce.core.protocol.Command}, which records in its
 * {@link RawOutput} when Lettuce writes it ({@link #encode}): the one fact Lettuce does not tell, and the one
 * that tells "may have run" from "did not run" when the connection drops.
 *
 * <p>It also refuses a second write of a command that must not run twice, should one ever slip past
 * {@link SentCommands}: Lettuce writes it again only when it replays commands after a reconnect, and then, since
 * the command is already on the connection's reply queue, it writes a {@code PING} in its place (so that the next
 * reply still belongs to the next command) and fails the command with {@link SentBeforeDisconnect} off the event
 * loop. A redirection ({@code MOVED}, {@code ASK}) is not a replay: {@link RawOutput} clears the mark when the
 * node answered with one, since the command did not run there.
 */
final class RawCommand extends io.lettuce.core.protocol.Command<byte[], byte[], Object> {
  private static final byte[] PING = "*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII);

  private final RawOutput raw;
  /** The future callers wait on; set once, right after construction. */
  private volatile AsyncCommand<byte[], byte[], Object> owner;

  RawCommand(RawKeyword type, RawOutput output, CommandArgs<byte[], byte[]> args) {
    super(type, output, args);
    this.raw = output;
  }

  /** Wraps this command in the future Lettuce completes and callers wait on. */
  AsyncCommand<byte[], byte[], Object> toAsync() {
    AsyncCommand<byte[], byte[], Object> async = new AsyncCommand<>(this);
    owner = async;
    return async;
  }

  @Override
  public void encode(ByteBuf buf) {
    boolean again = raw.markWritten();
    if (again && raw.failOnDisconnect()) {
      buf.writeBytes(PING);
      AsyncCommand<byte[], byte[], Object> waiting = owner;
      if (waiting != null) {
        // Not on the event loop: a callback that sends a command must not write it before this PING.
        ForkJoinPool.commonPool().execute(() -> waiting.completeExceptionally(
            new SentBeforeDisconnect("the server, before a reconnect")));
      }
      return;
    }
    super.encode(buf);
  }
}
