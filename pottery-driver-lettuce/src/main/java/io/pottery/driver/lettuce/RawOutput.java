package io.pottery.driver.lettuce;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import io.pottery.RedisErrorException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A Lettuce {@link CommandOutput} that builds the SPI's reply types (see {@link io.pottery.spi.RedisConnection}):
 * {@code Long}, {@code byte[]} (bulk and status strings alike, as Lettuce hands both to {@link #set(ByteBuffer)}),
 * nested {@code List<Object>}, {@code null}.
 *
 * <p>Lettuce swallows a top-level {@code +QUEUED} without any call, so a reply that made no call at all is that
 * status, as bytes. An error nested in an array (as {@code EXEC} sends them) stands in place as a
 * {@link RedisErrorException}; a top-level error is left to Lettuce, which fails the command.
 *
 * <p>It also carries what {@link RawCommand} and {@link SentCommands} need to keep a command from running twice:
 * whether it was written, and whether a drop after that must fail it. Lettuce calls an output from one
 * event-loop thread.
 */
final class RawOutput extends CommandOutput<byte[], byte[], Object> {
  private static final byte[] QUEUED = "QUEUED".getBytes(StandardCharsets.US_ASCII);

  private final Function<String, RedisErrorException> errorReplies;
  private final boolean failOnDisconnect;
  private final long deadlineNanos;
  private final ArrayDeque<List<Object>> open = new ArrayDeque<>();
  private boolean received;
  /** Whether Lettuce wrote the command since its last redirection; read by other threads. */
  private volatile boolean written;

  /**
   * @param errorReplies makes the exception for an error nested in an array, from the server's text
   * @param failOnDisconnect whether a command sent but unanswered when its connection drops fails at once with
   *     {@link SentBeforeDisconnect} instead of being sent again by Lettuce after reconnecting: true for every
   *     command that is not idempotent (on both connections), and for every cluster command (the cluster
   *     connection resends idempotent ones itself, possibly to another node)
   * @param deadlineNanos the {@link System#nanoTime()} by which the command must have its reply, read by
   *     {@link DeadlineTimeouts}; 0 for Lettuce's fixed command timeout
   */
  RawOutput(Function<String, RedisErrorException> errorReplies, boolean failOnDisconnect, long deadlineNanos) {
    super(ByteArrayCodec.INSTANCE, null);
    this.errorReplies = errorReplies;
    this.failOnDisconnect = failOnDisconnect;
    this.deadlineNanos = deadlineNanos;
  }

  /** Whether a drop of the connection after sending fails the command instead of resending it. */
  boolean failOnDisconnect() {
    return failOnDisconnect;
  }

  /** The reply deadline as {@link System#nanoTime()}, or 0 for none of its own. */
  long deadlineNanos() {
    return deadlineNanos;
  }

  /** Records that Lettuce writes the command now; true if it had written it before (a replay). */
  boolean markWritten() {
    boolean before = written;
    written = true;
    return before;
  }

  /** Whether the command was written to a connection (and so may have run), as far as Lettuce's writes tell. */
  boolean written() {
    return written;
  }

  @Override
  public void set(ByteBuffer bytes) {
    if (bytes == null) {
      add(null);
      return;
    }
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    add(copy);
  }

  @Override
  public void set(long integer) {
    add(integer);
  }

  @Override
  public void setError(ByteBuffer error) {
    setError(StandardCharsets.UTF_8.decode(error).toString());
  }

  @Override
  public void setError(String error) {
    if (open.isEmpty()) {
      received = true;
      if (error.startsWith("MOVED ") || error.startsWith("ASK ")) {
        written = false; // it did not run there; Lettuce's cluster connection sends it to the right node next
      }
      super.setError(error);
    } else {
      add(errorReplies.apply(error));
    }
  }

  @Override
  public void multiArray(int count) {
    multi(count);
  }

  @Override
  public void multi(int count) {
    if (count < 0) {
      add(null); // nil array: no elements follow
      return;
    }
    List<Object> list = new ArrayList<>(count);
    add(list);
    open.push(list);
  }

  /** Lettuce reports the nesting depth left after each element; arrays deeper than that are complete. */
  @Override
  public void complete(int depth) {
    while (open.size() > depth) {
      open.pop();
    }
  }

  private void add(Object value) {
    List<Object> parent = open.peek();
    if (parent != null) {
      parent.add(value);
    } else {
      output = value;
      received = true;
    }
  }

  /** The reply; the bytes of {@code QUEUED} if Lettuce reported nothing (see the class comment). */
  @Override
  public Object get() {
    return received ? output : QUEUED.clone();
  }
}
