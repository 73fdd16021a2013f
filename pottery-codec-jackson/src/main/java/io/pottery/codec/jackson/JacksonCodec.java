package io.pottery.codec.jackson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.codec.support.JsonCodec;
import io.pottery.spi.Codec;
import io.pottery.internal.codec.CodecSupport;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The pottery {@link Codec} over Jackson ({@code jackson-databind}): name {@code "jackson"}, priority 10, so
 * it wins over the Gson codec when both are on the class path and none was chosen. It writes the same bytes
 * and reads the same values as the Gson codec, so an application can switch between them.
 *
 * <h2>Encoding</h2>
 * Bytes are exactly Python's {@code json.dumps(value, sort_keys=True)}, written by the canonical writer Pottery's codecs share
 * (read its description for numbers, key order, escapes, sets and what it refuses). Maps, collections,
 * arrays, strings, numbers and booleans go straight to it; Jackson is asked only about other objects
 * (records, beans through their getters, enums, {@code JsonNode}s, types with Jackson annotations), one
 * level at a time: a map or collection inside a bean is handed back to that writer with its
 * original keys, so {@code Map<Integer, V>} keys sort numerically and sets sort, as everywhere else (Jackson
 * annotations on a container property's keys or contents therefore do not apply). {@code null} bean
 * properties are written as {@code null}; a bean or record without properties as {@code {}}. Refused with a
 * {@link CodecException}: {@code Optional}s; dates and times ({@code java.time}, {@code Date},
 * {@code Calendar}: store ISO-8601 text or an epoch number); map keys that are not strings, numbers or
 * booleans; cycles; and whatever Jackson cannot serialize.
 *
 * <h2>Decoding</h2>
 * Jackson binds the JSON to the {@link TypeRef}'s full generic type: records, beans, {@code Map<String,
 * List<Integer>>}, {@code BigInteger} and {@code BigDecimal} exactly, map keys parsed by their declared type
 * ({@code "10"} → 10). Declared types are kept (an {@code Integer} field comes back an {@code Integer}, a
 * {@code Long} a {@code Long}); where the type is {@code Object}, Python's reading applies: an integer is an
 * {@code Integer} if it fits, else a {@code Long}, else a {@code BigInteger}; a number with a fraction or
 * exponent (and {@code NaN}, {@code Infinity}) a {@code Double}; objects {@code LinkedHashMap}s, arrays
 * {@code ArrayList}s; sets come back as {@code LinkedHashSet}s. Reading is strict, because {@code 1},
 * {@code 1.0} and {@code "1"} are different values to Python: a string is not read as a number or boolean,
 * nor a number as a string, nor {@code 1.0} as an {@code Integer}, nor {@code null} into a primitive field
 * (a missing one keeps its default, so a record that gained a component still reads older data); the bytes
 * must be one UTF-8 JSON value (Python's {@code NaN}, {@code Infinity} and {@code -Infinity} included) with
 * nothing after it. Properties the type does not have are ignored, so a Python side may add keys. Anything
 * else raises a {@link CodecException} that names the codec and the type and quotes the first 64 bytes:
 * {@code Value is not a java.lang.Integer for codec jackson: "abc" (3 bytes); …}.
 *
 * <p>Thread-safe: one configured {@code ObjectMapper}, never changed after construction.
 *
 * @since 0.1
 */
public final class JacksonCodec extends JsonCodec {
  private static final String NAME = "jackson";
  /** Enough for every type an application declares; past it, readers are built per call, not cached. */
  private static final int MAX_CACHED_TYPES = 1024;

  private final ObjectMapper mapper;
  private final ConcurrentMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();

  /**
   * Creates the codec with its own {@code ObjectMapper}, configured as the class description says: name
   * {@code "jackson"}, priority 10 (preferred over the Gson codec, 0, when both are present).
   */
  public JacksonCodec() {
    super(NAME, 10);
    SimpleModule module = new SimpleModule("pottery") {
      private static final long serialVersionUID = 1L;

      @Override
      public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addSerializers(new ContainerHandOff());
        context.addDeserializers(RefusedTypes.DESERIALIZERS);
        context.addDeserializers(new PrimitiveNulls());
      }
    };
    module.addAbstractTypeMapping(Set.class, LinkedHashSet.class);
    // Read what CanonicalJson writes, no less: Jackson's defaults refuse numbers past 1000 digits, strings past
    // 20,000,000 characters and keys past 50,000, all of which CanonicalJson writes (and Gson reads).
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxNestingDepth(CodecSupport.MAX_NESTING_DEPTH)
        .maxNumberLength(CodecSupport.MAX_NUMBER_DIGITS)
        .maxStringLength(Integer.MAX_VALUE)
        .maxNameLength(Integer.MAX_VALUE)
        .build();
    mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits).build())
        .addModule(module)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(LogicalType.Textual, config -> config
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .build();
  }

  /** Binds UTF-8 JSON with the configured {@code ObjectMapper} (see the class description). */
  @Override
  protected <T> T read(byte[] bytes, TypeRef<T> type) {
    if (startsLikeAnotherEncoding(bytes)) {
      throw undecodable(bytes, type,
          "not UTF-8 JSON: it starts with a byte-order mark or a NUL byte (UTF-16 or UTF-32?)", null);
    }
    try {
      return reader(type).readValue(bytes);
    } catch (JsonProcessingException e) {
      throw undecodable(bytes, type, e.getOriginalMessage(), e);
    } catch (IOException | IllegalArgumentException e) {
      throw undecodable(bytes, type, e.getMessage(), e);
    }
  }

  private ObjectReader reader(TypeRef<?> type) {
    ObjectReader reader = readers.get(type.type());
    if (reader == null) {
      JavaType javaType = mapper.getTypeFactory().constructType(type.type());
      reader = mapper.readerFor(javaType);
      if (readers.size() < MAX_CACHED_TYPES) {
        readers.putIfAbsent(type.type(), reader);
      }
    }
    return reader;
  }

  /** Jackson would sniff and accept UTF-16/32 and skip a UTF-8 BOM; Python's {@code json.loads} would not. */
  private static boolean startsLikeAnotherEncoding(byte[] bytes) {
    if (bytes.length == 0) {
      return false;
    }
    int first = bytes[0] & 0xff;
    return first == 0 || first == 0xef || first == 0xfe || first == 0xff || (bytes.length > 1 && bytes[1] == 0);
  }

  /** One Jackson serialization, replayed into a plain tree, for an object the canonical writer does not know. */
  @Override
  protected Object toPlainTree(Object value) {
    TokenBuffer buffer = new TokenBuffer(mapper, false);
    try {
      mapper.writeValue(buffer, value);
      return PlainTree.read(buffer.asParser());
    } catch (IOException e) {
      throw new CodecException(e.getMessage(), e);
    }
  }
}
