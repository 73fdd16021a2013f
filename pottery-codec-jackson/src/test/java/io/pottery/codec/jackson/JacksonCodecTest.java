package io.pottery.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.spi.Codec;
import io.pottery.spi.SpiVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What is particular to the Jackson codec; the common contract is in {@link JacksonCodecContractTest}. */
class JacksonCodecTest {
  private final JacksonCodec codec = new JacksonCodec();

  private String text(Object value) {
    return new String(codec.encode(value), StandardCharsets.US_ASCII);
  }

  @Test
  void isFoundByServiceLoaderWithItsNameAndPriority() {
    assertThat(ServiceLoader.load(Codec.class).stream().map(ServiceLoader.Provider::type))
        .contains(JacksonCodec.class);
    assertThat(codec.name()).isEqualTo("jackson");
    assertThat(codec.priority()).isEqualTo(10);
    assertThat(codec.spiVersion()).isEqualTo(SpiVersion.CURRENT);
  }

  public static final class Annotated {
    @JsonProperty("display_name")
    public String name = "Ada";

    @JsonIgnore
    public String secret = "x";

    public Map<Integer, String> byNumber = new TreeMap<>(Map.of(10, "ten", 9, "nine"));

    @JsonAnyGetter
    public Map<String, Object> extra() {
      return Map.of("zeta", 1.0, "alpha", true);
    }
  }

  @Test
  void honoursJacksonAnnotationsOnBeans() {
    assertThat(text(new Annotated()))
        .isEqualTo("{\"alpha\": true, \"byNumber\": {\"9\": \"nine\", \"10\": \"ten\"}, \"display_name\": \"Ada\", "
            + "\"zeta\": 1.0}");
  }

  @Test
  void writesJsonNodesCanonically() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("b", 1.0).put("a", 10).putArray("c").add(1e16).add("\u00e9");
    assertThat(text(node)).isEqualTo("{\"a\": 10, \"b\": 1.0, \"c\": [1e+16, \"\\u00e9\"]}");
  }

  @Test
  void readsJsonNodes() {
    ObjectNode node = codec.decode("{\"a\": [1, NaN]}".getBytes(StandardCharsets.US_ASCII), TypeRef.of(ObjectNode.class));
    assertThat(node.get("a").get(0).intValue()).isEqualTo(1);
    assertThat(node.get("a").get(1).doubleValue()).isNaN();
  }

  @Test
  void refusesUtf16AndByteOrderMarksThatJacksonWouldSniff() {
    byte[] utf16 = "\"a\"".getBytes(StandardCharsets.UTF_16BE);
    assertThatThrownBy(() -> codec.decode(utf16, TypeRef.of(String.class))).isInstanceOf(CodecException.class)
        .hasMessageContaining("not UTF-8 JSON");
  }
}
