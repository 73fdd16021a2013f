package io.pottery.driver.lettuce;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.CommandArgs;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import java.util.function.BiFunction;

/**
 * Turns a Pottery {@link Command} into the Lettuce command both connections dispatch: a {@link RawKeyword} type,
 * every key position added with {@code addKey} (Lettuce's cluster routing hashes the first one), and a
 * {@link RawOutput}.
 */
final class RawCommands {
  private RawCommands() {}

  /**
   * @param errorReplies makes the exception for an error nested in an array, from the command and the server's text
   * @param failOnDisconnect see {@link RawOutput#failOnDisconnect()}
   * @param deadlineNanos see {@link RawOutput#deadlineNanos()}
   */
  static AsyncCommand<byte[], byte[], Object> toLettuce(Command command,
      BiFunction<Command, String, RedisErrorException> errorReplies, boolean failOnDisconnect, long deadlineNanos) {
    CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
    for (int i = 0; i < command.argCount(); i++) {
      if (command.isKey(i)) {
        args.addKey(command.arg(i));
      } else {
        args.add(command.arg(i));
      }
    }
    RawOutput output = new RawOutput(text -> errorReplies.apply(command, text), failOnDisconnect, deadlineNanos);
    return new RawCommand(new RawKeyword(command.name()), output, args).toAsync();
  }
}
