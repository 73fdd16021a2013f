package io.pottery.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.spi.Command;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotingTest {
  @Test
  void escapesQuotesBackslashesControlsAndNonAscii() {
    byte[] bytes = {'a', '"', '\\', '\n', '\r', '\t', 0, (byte) 0xe9};
    assertThat(Quoting.quote(bytes)).isEqualTo("\"a\\\"\\\\\\n\\r\\t\\x00\\xe9\"");
    assertThat(Quoting.quoteWithSize(bytes)).isEqualTo(Quoting.quote(bytes) + " (8 bytes)");
    assertThat(Quoting.quoteWithSize(new byte[] {'x'})).isEqualTo("\"x\" (1 byte)");
  }

  @Test
  void cutsAfterSixtyFourBytesInsideTheQuotes() {
    byte[] long100 = "y".repeat(100).getBytes(StandardCharsets.US_ASCII);
    assertThat(Quoting.quote(long100)).isEqualTo("\"" + "y".repeat(64) + "…\"");
  }

  @Test
  void commandsQuoteTheSameWay() {
    byte[] key = "tel\"1".getBytes(StandardCharsets.US_ASCII);
    assertThat(Command.builder("GET").key(key).build().toString()).isEqualTo("GET " + Quoting.quote(key));
    assertThat(Quoting.printable(key)).isTrue();
    assertThat(Quoting.printable(new byte[] {0x7f})).isFalse();
  }
}
