package io.pottery.driver.lettuce;

import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;

/**
 * A command name as Lettuce's {@link ProtocolKeyword}: sends the name's bytes, but renders as {@code raw:NAME}
 * so that Lettuce's name-based connection state tracking ({@code MULTI}, {@code EXEC}, {@code SELECT},
 * {@code AUTH}, read-only routing) never matches it (see {@link LettuceConnection}).
 */
final class RawKeyword implements ProtocolKeyword {
  private final String name;
  private final byte[] bytes;

  RawKeyword(String name) {
    this.name = name;
    this.bytes = name.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] getBytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "raw:" + name;
  }
}
