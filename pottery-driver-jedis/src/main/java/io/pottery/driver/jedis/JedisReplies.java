package io.pottery.driver.jedis;

import io.pottery.RedisErrorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.RedisInputStream;

/**
 * Reads one RESP2 reply into the SPI's Java types (see {@link io.pottery.spi.RedisConnection}).
 *
 * <p>Jedis's own reader returns a status reply ({@code +OK}) as the same {@code byte[]} as a bulk string, so
 * the two cannot be told apart afterwards; this reader sees the type byte and keeps them apart. Error replies,
 * at the top or nested in an array (as {@code EXEC} sends them), become {@link RedisErrorException} objects in
 * place; the caller throws a top-level one.
 */
final class JedisReplies {
  private JedisReplies() {}

  /**
   * Reads the next reply.
   *
   * @param errors makes the exception that stands for an error reply, from the server's text
   * @throws JedisConnectionException if the stream ends, times out or does not hold RESP2
   */
  static Object read(RedisInputStream in, Function<String, RedisErrorException> errors) {
    byte type = in.readByte();
    switch (type) {
      case '+':
        return new String(in.readLineBytes(), StandardCharsets.UTF_8);
      case '-':
        return errors.apply(new String(in.readLineBytes(), StandardCharsets.UTF_8));
      case ':':
        return in.readLongCrLf();
      case '$':
        return readBulk(in, in.readIntCrLf());
      case '*':
        int count = in.readIntCrLf();
        if (count < 0) {
          return null;
        }
        List<Object> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          elements.add(read(in, errors));
        }
        return elements;
      default:
        throw new JedisConnectionException("Unexpected RESP2 reply type byte 0x" + Integer.toHexString(type & 0xff)
            + " (the server should speak RESP2 on this connection)");
    }
  }

  private static byte[] readBulk(RedisInputStream in, int length) {
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    int offset = 0;
    while (offset < length) {
      int n = in.read(bytes, offset, length - offset);
      if (n < 0) {
        throw new JedisConnectionException("The server closed the connection in the middle of a reply");
      }
      offset += n;
    }
    in.readByte(); // \r
    in.readByte(); // \n
    return bytes;
  }
}
