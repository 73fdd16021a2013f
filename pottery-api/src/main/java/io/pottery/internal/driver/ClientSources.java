package io.pottery.internal.driver;

import io.pottery.PotteryConfigurationException;
import io.pottery.spi.ClientSource;
import java.util.Objects;

/** How a driver claims a {@link ClientSource}, with one message for both drivers. Not API. */
public final class ClientSources {
  private ClientSources() {}

  /**
   * {@code source} as the driver's own type.
   *
   * @param driver the driver's name, e.g. {@code "jedis"}
   * @param factory the public class that makes the driver's sources, named in the message
   * @throws NullPointerException if {@code source} is null
   * @throws PotteryConfigurationException if {@code source} is not of {@code type}
   */
  public static <T extends ClientSource> T claim(ClientSource source, Class<T> type, String driver, Class<?> factory) {
    Objects.requireNonNull(source, "source");
    if (!type.isInstance(source)) {
      throw new PotteryConfigurationException("The " + driver + " driver accepts clients made by " + factory.getName()
          + ", not " + source + " (" + source.getClass().getName() + ")");
    }
    return type.cast(source);
  }
}
