package io.pottery.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;

/**
 * Assertions on reply types the driver contracts share. A status reply ({@code +OK}) comes back as its bytes, like
 * a bulk string ({@link io.pottery.spi.RedisConnection}'s reply contract): never a {@link String}.
 */
final class ReplyAssertions {
  private ReplyAssertions() {}

  /** Asserts that {@code reply} is the {@code byte[]} of the status text {@code expected}. */
  static void assertStatus(String expected, Object reply) {
    assertStatus(expected, reply, "status reply " + expected);
  }

  /** Asserts that {@code reply} is the {@code byte[]} of the status text {@code expected}. */
  static void assertStatus(String expected, Object reply, String message) {
    byte[] bytes = assertInstanceOf(byte[].class, reply, message + ": a status reply is byte[]");
    assertArrayEquals(expected.getBytes(StandardCharsets.US_ASCII), bytes,
        message + ": got \"" + new String(bytes, StandardCharsets.UTF_8) + "\"");
  }
}
