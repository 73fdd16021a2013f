package io.pottery.driver.lettuce;

import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandHandler;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A Netty handler placed just before Lettuce's {@link CommandHandler}: it reads the RESP2 bytes the server sends
 * (without consuming them) and tells each {@link RawOutput} which of its strings are status replies, which
 * Lettuce's decoder cannot (it passes {@code +OK} and {@code $2 OK} to the same method).
 *
 * <p>Replies arrive in the order of Lettuce's command stack, and this handler sees every byte before Lettuce
 * does, so when a read begins, the first reply it continues or starts belongs to the command at the head of
 * that stack, and each completed reply moves to the next command. Both run on the channel's event loop, so
 * the stack does not change under it. If the stream ever holds something other than RESP2, the handler stops
 * marking (statuses then come back as {@code byte[]}) rather than guess.
 *
 * <p>One instance per channel; not shareable.
 */
final class StatusReplyMarker extends ChannelInboundHandlerAdapter {
  private static final int EXPECT_TYPE = 0;
  private static final int IN_LINE = 1;
  private static final int IN_PAYLOAD = 2;
  private static final byte[] QUEUED = {'Q', 'U', 'E', 'U', 'E', 'D'};

  private final CommandHandler commands;

  private int mode = EXPECT_TYPE;
  private byte lineType;
  /** The first bytes of the current line (enough for a length or for "QUEUED"), and its full length. */
  private final byte[] line = new byte[24];
  private int lineLength;
  private long payloadLeft;
  /** Elements still to come in each open array, innermost last. */
  private int[] arrayLeft = new int[8];
  private int depth;
  private boolean lost;

  private Iterator<RedisCommand<?, ?, ?>> pending;
  private RawOutput target;

  StatusReplyMarker(CommandHandler commands) {
    this.commands = commands;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!lost && msg instanceof ByteBuf) {
      pending = commands.getStack().iterator();
      target = next();
      ByteBuf buffer = (ByteBuf) msg;
      scan(buffer, buffer.readerIndex(), buffer.writerIndex());
      pending = null;
      target = null;
    }
    super.channelRead(ctx, msg);
  }

  private RawOutput next() {
    if (!pending.hasNext()) {
      return null;
    }
    CommandOutput<?, ?, ?> output = pending.next().getOutput();
    return output instanceof RawOutput ? (RawOutput) output : null;
  }

  private void scan(ByteBuf buffer, int from, int to) {
    int i = from;
    while (i < to && !lost) {
      switch (mode) {
        case EXPECT_TYPE:
          lineType = buffer.getByte(i++);
          lineLength = 0;
          mode = IN_LINE;
          break;
        case IN_LINE:
          byte b = buffer.getByte(i++);
          if (b == '\n') {
            endOfLine();
          } else {
            if (lineLength < line.length) {
              line[lineLength] = b;
            }
            lineLength++;
          }
          break;
        default: // IN_PAYLOAD
          long skip = Math.min(payloadLeft, to - i);
          i += (int) skip;
          payloadLeft -= skip;
          if (payloadLeft == 0) {
            mode = EXPECT_TYPE;
            elementDone();
          }
          break;
      }
    }
  }

  private void endOfLine() {
    int contentLength = lineLength - 1; // RESP2 lines end with \r\n; the \r is not content
    mode = EXPECT_TYPE;
    switch (lineType) {
      case '+':
        if (!isQueued(contentLength)) { // Lettuce drops +QUEUED without calling the output
          mark(true);
        }
        elementDone();
        break;
      case '-':
      case ':':
        elementDone();
        break;
      case '$': {
        long length = number(contentLength);
        if (length < 0) {
          elementDone();
        } else {
          mark(false);
          payloadLeft = length + 2;
          mode = IN_PAYLOAD;
        }
        break;
      }
      case '*': {
        long count = number(contentLength);
        if (count <= 0) {
          elementDone();
        } else {
          if (depth == arrayLeft.length) {
            arrayLeft = Arrays.copyOf(arrayLeft, depth * 2);
          }
          arrayLeft[depth++] = (int) count;
        }
        break;
      }
      default:
        lost = true; // not RESP2: stop marking
    }
  }

  private boolean isQueued(int contentLength) {
    if (contentLength != QUEUED.length) {
      return false;
    }
    for (int i = 0; i < QUEUED.length; i++) {
      if (line[i] != QUEUED[i]) {
        return false;
      }
    }
    return true;
  }

  private long number(int contentLength) {
    if (contentLength <= 0 || contentLength > line.length - 1) {
      lost = true;
      return -1;
    }
    boolean negative = line[0] == '-';
    long value = 0;
    for (int i = negative ? 1 : 0; i < contentLength; i++) {
      int digit = line[i] - '0';
      if (digit < 0 || digit > 9) {
        lost = true;
        return -1;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  private void mark(boolean status) {
    if (target != null) {
      target.markNextString(status);
    }
  }

  /** One element is complete: count it against the open arrays; a completed top-level reply moves on. */
  private void elementDone() {
    while (depth > 0) {
      if (--arrayLeft[depth - 1] > 0) {
        return;
      }
      depth--;
    }
    target = pending == null ? null : next();
  }

  /**
   * Lettuce's handler fails the oldest unanswered command with an exception the channel reports, and does not
   * send it again. For an I/O failure (a connection reset) the connection is gone with it. That command was written, so it fails here first, as
   * {@link SentBeforeDisconnect}: the one signal that a command of ours may have run. Any other command Lettuce
   * fails with that exception afterwards (it keeps it as the connection's error and fails commands issued until
   * the reconnect with it) was never written, and did not run.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    RedisCommand<?, ?, ?> oldest = commands.getStack().peek();
    if (cause instanceof IOException && oldest != null && !oldest.isDone() && oldest.getOutput() instanceof RawOutput) {
      oldest.completeExceptionally(new SentBeforeDisconnect(String.valueOf(ctx.channel().remoteAddress()), cause));
    }
    super.exceptionCaught(ctx, cause);
  }

  /**
   * Resets the parser for the next connection, and fails the commands that were sent here without a reply and
   * whose {@link RawOutput#failOnDisconnect()} says so: they may have run already, and running them twice is not
   * safe (the connections ask for this for every command that is not idempotent).
   *
   * <p>Lettuce's handler, which sees the drop after this one, moves every unanswered command to its buffer to
   * be written again after reconnecting; a command that is complete by then is skipped. So the commands are
   * picked here, while they are still on the stack, and failed only once Lettuce has handled the drop: their
   * callers' callbacks run on this thread, and a command such a callback sends (the undo of a lock attempt, say)
   * must meet a connection that Lettuce already knows is down, so that it is buffered and sent after the
   * reconnect, rather than written to the dead channel. Nothing is written in between: the reconnect is
   * scheduled for later on this event loop.
   */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    mode = EXPECT_TYPE;
    depth = 0;
    List<RedisCommand<?, ?, ?>> unanswered = new ArrayList<>();
    for (RedisCommand<?, ?, ?> sent : commands.getStack()) {
      if (!sent.isDone() && sent.getOutput() instanceof RawOutput && ((RawOutput) sent.getOutput()).failOnDisconnect()) {
        unanswered.add(sent);
      }
    }
    try {
      super.channelInactive(ctx);
    } finally {
      if (!unanswered.isEmpty()) {
        SentBeforeDisconnect lost = new SentBeforeDisconnect(String.valueOf(ctx.channel().remoteAddress()));
        for (RedisCommand<?, ?, ?> sent : unanswered) {
          sent.completeExceptionally(lost); // no-op for a command Lettuce failed itself meanwhile
        }
      }
    }
  }
}
