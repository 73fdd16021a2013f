package io.pottery.codec.gson;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import io.pottery.TypeRef;
import io.pottery.spi.Codec;
import io.pottery.spi.SpiVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What is particular to the Gson codec; the common contract is in {@link GsonCodecContractTest}. */
class GsonCodecTest {
  private final GsonCodec codec = new GsonCodec();

  private String text(Object value) {
    return new String(codec.encode(value), StandardCharsets.US_ASCII);
  }

  @Test
  void isFoundByServiceLoaderWithItsNameAndPriority() {
    assertThat(ServiceLoader.load(Codec.class).stream().map(ServiceLoader.Provider::type)).contains(GsonCodec.class);
    assertThat(codec.name()).isEqualTo("gson");
    assertThat(codec.priority()).isEqualTo(0);
    assertThat(codec.spiVersion()).isEqualTo(SpiVersion.CURRENT);
  }

  static final class Annotated {
    @SerializedName("display_name")
    String name = "Ada";

    transient String secret = "x";

    Map<Integer, String> byNumber = Map.of(10, "ten", 9, "nine");
  }

  @Test
  void honoursGsonAnnotationsOnBeans() {
    assertThat(text(new Annotated()))
        .isEqualTo("{\"byNumber\": {\"9\": \"nine\", \"10\": \"ten\"}, \"display_name\": \"Ada\"}");
  }

  @Test
  void writesJsonElementsCanonically() {
    JsonElement element = JsonParser.parseString("{\"b\": 1.0, \"a\": [10, 1e16, 12345678901234567890123, \"\u00e9\"]}");
    assertThat(text(element)).isEqualTo("{\"a\": [10, 1e+16, 12345678901234567890123, \"\\u00e9\"], \"b\": 1.0}");
  }

  @Test
  void tellsTheNumberNanFromTheStringNan() {
    List<Object> value = codec.decode("[NaN, \"NaN\", -Infinity]".getBytes(StandardCharsets.US_ASCII),
        new TypeRef<List<Object>>() {});
    assertThat(value).satisfiesExactly(
        nan -> assertThat((Double) nan).isNaN(),
        text -> assertThat(text).isEqualTo("NaN"),
        inf -> assertThat(inf).isEqualTo(Double.NEGATIVE_INFINITY));
    assertThat((Double) codec.decode("NaN".getBytes(StandardCharsets.US_ASCII), TypeRef.of(Object.class))).isNaN();
    assertThat(codec.decode("\"NaN\"".getBytes(StandardCharsets.US_ASCII), TypeRef.of(Object.class))).isEqualTo("NaN");
  }

  record Holder(Object payload) {}

  @Test
  void objectFieldsOfRecordsHoldGsonMapsEqualToLinkedHashMaps() {
    Holder holder = codec.decode("{\"payload\": {\"b\": 1, \"a\": [2.0]}}".getBytes(StandardCharsets.US_ASCII),
        TypeRef.of(Holder.class));
    assertThat(holder.payload()).isEqualTo(Map.of("b", 1, "a", List.of(2.0)));
    assertThat(holder.payload()).isInstanceOf(Map.class);
  }
}
