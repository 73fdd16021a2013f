package io.pottery.examples;

import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * A plain connection opened through the driver SPI, to look under the hood: the bytes a structure stored
 * (what Python pottery reads), and deleting the tour's keys. Applications have no need for this; they use
 * the structures.
 */
final class RawRedis implements AutoCloseable {
  private final RedisConnection connection;

  private RawRedis(RedisConnection connection) {
    this.connection = connection;
  }

  /**
   * Connects to {@code uri} with the driver named {@code driverName}, found as {@code Pottery} finds it.
   *
   * @throws IllegalStateException if no such driver is on the class path
   */
  static RawRedis open(String uri, String driverName) {
    for (RedisDriver driver : ServiceLoader.load(RedisDriver.class, RawRedis.class.getClassLoader())) {
      if (driver.name().equals(driverName)) {
        return new RawRedis(driver.connect(RedisEndpoint.parse(uri), ConnectionSettings.DEFAULTS));
      }
    }
    throw new IllegalStateException("No io.pottery.spi.RedisDriver named \"" + driverName + "\" on the class path");
  }

  /** {@code HGETALL key}: the raw fields and values, in the server's order. */
  List<Map.Entry<byte[], byte[]>> hashEntries(String key) {
    List<?> reply = (List<?>) connection.execute(Command.builder("HGETALL").key(key).build());
    List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>(reply.size() / 2);
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      entries.add(Map.entry((byte[]) reply.get(i), (byte[]) reply.get(i + 1)));
    }
    return entries;
  }

  /** {@code DEL key…}: how many of the keys existed. */
  long delete(List<String> keys) {
    return keys.isEmpty() ? 0 : (Long) connection.execute(withKeys("DEL", keys));
  }

  /** {@code EXISTS key…}: how many of the keys exist. */
  long exists(List<String> keys) {
    return keys.isEmpty() ? 0 : (Long) connection.execute(withKeys("EXISTS", keys));
  }

  /** {@code DBSIZE}: how many keys the database holds. */
  long databaseSize() {
    return (Long) connection.execute(Command.builder("DBSIZE").build());
  }

  private static Command withKeys(String name, List<String> keys) {
    Command.Builder command = Command.builder(name);
    keys.forEach(command::key);
    return command.build();
  }

  /** Bytes as {@code redis-cli} quotes them: {@code "\"jack\""}, with {@code \xNN} for non-printable bytes. */
  static String quote(byte[] bytes) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.append('"').toString();
  }

  /** Bytes as UTF-8 text, for sorting fields. */
  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    connection.close();
  }
}
