package io.pottery.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.internal.text.Quoting;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CodecSupportTest {

  @Test
  void untypedNumbersFollowPythonsIntAndFloat() {
    assertThat(CodecSupport.untypedNumber("0")).isEqualTo(0);
    assertThat(CodecSupport.untypedNumber("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    assertThat(CodecSupport.untypedNumber("2147483648")).isEqualTo(2147483648L);
    assertThat(CodecSupport.untypedNumber("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(CodecSupport.untypedNumber("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(CodecSupport.untypedNumber("1.0")).isEqualTo(1.0);
    assertThat(CodecSupport.untypedNumber("1e2")).isEqualTo(100.0);
    assertThat(CodecSupport.untypedNumber("1E-2")).isEqualTo(0.01);
    assertThat(CodecSupport.untypedNumber("NaN")).isEqualTo(Double.NaN);
    assertThat(CodecSupport.untypedNumber("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThatThrownBy(() -> CodecSupport.untypedNumber("abc")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void optionalsDatesAndTimesAreRefusedWithWhatToStoreInstead() {
    assertThat(CodecSupport.refusalReason(Optional.class)).contains("Optional").contains("store the value itself");
    assertThat(CodecSupport.refusalReason(OptionalInt.class)).contains("Optional");
    assertThat(CodecSupport.refusalReason(LocalDate.class)).contains("date or time").contains("ISO-8601");
    assertThat(CodecSupport.refusalReason(Timestamp.class)).contains("date or time");
    assertThat(CodecSupport.refusalReason(GregorianCalendar.class)).contains("date or time");
    assertThat(CodecSupport.refusalReason(String.class)).isNull();
    assertThat(CodecSupport.refusalReason(List.class)).isNull();
  }

  @Test
  void decodingIntoARefusedTypeFailsNamingTypeAndCodec() {
    assertThatThrownBy(() -> CodecSupport.requireDecodable("gson", TypeRef.of(LocalDate.class)))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Cannot decode into java.time.LocalDate with codec gson: Python pottery has no JSON "
            + "form for a date or time");
    CodecSupport.requireDecodable("gson", new TypeRef<List<String>>() {});
  }

  @Test
  void undecodableBytesAreQuotedAfterTypeAndCodec() {
    IllegalStateException cause = new IllegalStateException("expected a number");
    CodecException e = CodecSupport.undecodable("jackson", "\"abc\"".getBytes(StandardCharsets.UTF_8),
        TypeRef.of(Integer.class), "expected a number", cause);
    assertThat(e).hasMessage("Value is not a java.lang.Integer for codec jackson: \"\\\"abc\\\"\" (5 bytes); "
        + "expected a number").hasCause(cause);
  }

  @Test
  void bytesAreQuotedPrintablyAndCutAfter64() {
    assertThat(CodecSupport.quoteBytes(new byte[0])).isEqualTo("\"\" (0 bytes)");
    assertThat(CodecSupport.quoteBytes(new byte[] {'a'})).isEqualTo("\"a\" (1 byte)");
    assertThat(CodecSupport.quoteBytes(new byte[] {'\\', '\n', '\r', '\t', 0, (byte) 0xff}))
        .isEqualTo("\"\\\\\\n\\r\\t\\x00\\xff\" (6 bytes)");
    byte[] long100 = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
    assertThat(CodecSupport.quoteBytes(long100)).isEqualTo("\"" + "x".repeat(64) + "…\" (100 bytes)");
  }

  @Test
  void codecsQuoteBytesAsCommandsAndStructuresDo() {
    byte[] key = "tel\"1".getBytes(StandardCharsets.US_ASCII);
    assertThat(CodecSupport.quoteBytes(key)).isEqualTo(Quoting.quoteWithSize(key));
  }
}
