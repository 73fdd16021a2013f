package io.pottery.codec.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.lang.reflect.Array;

/**
 * Primitive fields and record components: JSON {@code null} (Python's None) is refused, since a primitive
 * cannot hold it, while a missing property keeps the primitive's default (0, false), so a record that gained
 * a component still reads what was stored before. This is what Gson does; Jackson's own switch
 * ({@code FAIL_ON_NULL_FOR_PRIMITIVES}) would refuse both.
 */
final class PrimitiveNulls extends Deserializers.Base {

  @Override
  public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
      BeanDescription beanDesc) {
    Class<?> raw = type.getRawClass();
    if (!raw.isPrimitive() || raw == void.class) {
      return null;
    }
    @SuppressWarnings("unchecked")
    JsonDeserializer<Object> standard = (JsonDeserializer<Object>) NumberDeserializers.find(raw, raw.getName());
    return standard == null ? null : new Strict(raw, standard);
  }

  private static final class Strict extends JsonDeserializer<Object> {
    private final Class<?> primitive;
    private final JsonDeserializer<Object> standard;
    private final Object defaultValue;

    Strict(Class<?> primitive, JsonDeserializer<Object> standard) {
      this.primitive = primitive;
      this.standard = standard;
      this.defaultValue = Array.get(Array.newInstance(primitive, 1), 0);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      return standard.deserialize(parser, context);
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
      throw JsonMappingException.from(context, "Cannot read null as the primitive " + primitive.getName()
          + "; declare the boxed type to allow null");
    }

    /** Asked on every null, so that the refusal is not computed once when the deserializer is built. */
    @Override
    public AccessPattern getNullAccessPattern() {
      return AccessPattern.DYNAMIC;
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return defaultValue;
    }
  }
}
