package io.pottery.codec.gson;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.InstanceCreator;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.ToNumberStrategy;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.codec.support.JsonCodec;
import io.pottery.spi.Codec;
import io.pottery.internal.codec.CodecSupport;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pottery {@link Codec} over Gson: name {@code "gson"}, priority 0 (the Jackson codec, 10, wins when
 * both are on the class path and none was chosen). It writes the same bytes and reads the same values as the
 * Jackson codec, so an application can switch between them.
 *
 * <h2>Encoding</h2>
 * Bytes are exactly Python's {@code json.dumps(value, sort_keys=True)}, written by the canonical writer Pottery's codecs share
 * (read its description for numbers, key order, escapes, sets and what it refuses). Maps, collections,
 * arrays, strings, numbers and booleans go straight to it; Gson is asked only about other objects (records,
 * beans through their fields, enums, {@code JsonElement}s, types with Gson annotations), one level at a
 * time: a map or collection inside a bean is handed back to that writer with its original keys, so
 * {@code Map<Integer, V>} keys sort numerically and sets sort, as everywhere else. {@code null} fields are
 * written as {@code null}. Refused with a {@link CodecException}: {@code Optional}s; dates and times
 * ({@code java.time}, {@code Date}, {@code Calendar}, which Gson alone would write in the JVM's locale:
 * store ISO-8601 text or an epoch number); map keys that are not strings, numbers or booleans; cycles; and
 * whatever Gson cannot serialize.
 *
 * <h2>Decoding</h2>
 * Bytes are read as Python's {@code json.loads} reads them (strict UTF-8 and JSON, plus {@code NaN},
 * {@code Infinity} and {@code -Infinity}; one value, nothing after it), then Gson binds them to the
 * {@link TypeRef}'s full generic type: records, beans, {@code Map<String, List<Integer>>}, {@code BigInteger}
 * and {@code BigDecimal} exactly, map keys parsed by their declared type ({@code "10"} → 10). Declared types
 * are kept (an {@code Integer} field comes back an {@code Integer}, a {@code Long} a {@code Long}). Where the
 * type is {@code Object} (the whole value, a map's values, a collection's elements), Python's reading
 * applies: an integer is an {@code Integer} if it fits, else a {@code Long}, else a {@code BigInteger}; other
 * numbers {@code Double}s; objects {@code LinkedHashMap}s, arrays {@code ArrayList}s; maps declared as
 * {@code Map} are {@code LinkedHashMap}s and sets {@code LinkedHashSet}s, as with Jackson. Reading is strict,
 * because {@code 1}, {@code 1.0} and {@code "1"} are different values to Python: a string is not read as a
 * number or boolean, nor a number as a string, nor {@code 1.0} as an {@code Integer}, nor {@code null} into a
 * primitive field (a missing one keeps its default). Properties the type does not have are ignored, so a
 * Python side may add keys. Anything else raises a {@link CodecException} that names the codec and the type
 * and quotes the first 64 bytes: {@code Value is not a java.lang.Integer for codec gson: "abc" (3 bytes); …}.
 *
 * <h2>Where Gson differs from the Jackson codec</h2>
 * Gson reads beans through their fields and Jackson through their getters, so a bean whose fields and
 * properties are named differently encodes differently (records and conventional beans do not). A field of a
 * bean or record declared as {@code Object} that holds a JSON object decodes to Gson's {@code LinkedTreeMap}
 * (an insertion-ordered {@code Map}, equal to the {@code LinkedHashMap} Jackson gives), since Gson does not
 * let that adapter be replaced. A field referring to its own object is left out by Gson, where Jackson
 * refuses it.
 *
 * <p>Thread-safe: one configured {@code Gson}, never changed after construction.
 *
 * @since 0.1
 */
public final class GsonCodec extends JsonCodec {
  private static final String NAME = "gson";
  private static final ToNumberStrategy UNTYPED_NUMBERS = in -> CodecSupport.untypedNumber(in.nextString());

  private final Gson gson;

  /**
   * Creates the codec with its own {@code Gson}, configured as the class description says: name {@code "gson"},
   * priority 0 (the Jackson codec, 10, is preferred when both are present).
   */
  public GsonCodec() {
    super(NAME, 0);
    gson = new GsonBuilder()
        // StrictJsonParser has checked the bytes; this keeps Gson from turning its reader lenient anyway.
        .setStrictness(Strictness.LEGACY_STRICT)
        .serializeNulls()
        .serializeSpecialFloatingPointValues()
        .setObjectToNumberStrategy(UNTYPED_NUMBERS)
        .setNumberToNumberStrategy(UNTYPED_NUMBERS)
        .registerTypeAdapterFactory(new RefusedTypes())
        .registerTypeAdapterFactory(new StrictScalars())
        .registerTypeAdapterFactory(new ContainerHandOff())
        .registerTypeAdapter(Map.class, (InstanceCreator<Map<?, ?>>) type -> new LinkedHashMap<>())
        .create();
  }

  /** Binds checked strict JSON with Gson (see the class description). */
  @Override
  @SuppressWarnings("unchecked")
  protected <T> T read(byte[] bytes, TypeRef<T> type) {
    try {
      if (type.type() == Object.class) {
        return (T) Untyped.toPlain(StrictJsonParser.parse(bytes));
      }
      TypeToken<?> token = TypeToken.get(type.type());
      if (StrictJsonParser.check(bytes)) {
        // NaN or Infinity as numbers (only a tree tells them from the strings "NaN"… to Gson's adapters), or a
        // number too long for Gson's streaming reader.
        return (T) gson.fromJson(StrictJsonParser.parse(bytes), token);
      }
      // Checked strict JSON and UTF-8, so Gson's streaming reader can take it as it is, without a tree.
      JsonReader reader = new JsonReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
      // Gson's default (255) is below what CanonicalJson writes; StrictJsonParser has already checked the limit.
      reader.setNestingLimit(CodecSupport.MAX_NESTING_DEPTH);
      return (T) gson.fromJson(reader, token);
    } catch (JsonParseException | IllegalStateException | IllegalArgumentException | ArithmeticException e) {
      throw undecodable(bytes, type, e.getMessage(), e);
    }
  }

  /** One Gson serialization into a plain tree, for an object the canonical writer does not know. */
  @Override
  protected Object toPlainTree(Object value) {
    PlainTreeWriter writer = new PlainTreeWriter();
    try {
      gson.toJson(value, value.getClass(), writer);
    } catch (JsonParseException e) {
      throw new CodecException(e.getMessage(), e);
    }
    return writer.result();
  }
}
