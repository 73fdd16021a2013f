package io.pottery.codec.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import io.pottery.internal.codec.CodecSupport;

/**
 * Jackson's side of {@link CodecSupport#refusalReason}: a serializer and deserializers that fail with pottery's
 * message rather than Jackson's, which would suggest adding a module (jdk8, jsr310) that this codec's mapper
 * cannot take.
 */
final class RefusedTypes {
  static final JsonSerializer<Object> SERIALIZER = new JsonSerializer<>() {
    @Override
    public void serialize(Object value, JsonGenerator generator, SerializerProvider provider)
        throws JsonMappingException {
      throw JsonMappingException.from(generator, value.getClass().getName() + " found: "
          + CodecSupport.refusalReason(value.getClass()));
    }
  };

  static final Deserializers DESERIALIZERS = new Deserializers.Base() {
    @Override
    public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
        BeanDescription beanDesc) {
      String reason = CodecSupport.refusalReason(type.getRawClass());
      return reason == null ? null : new JsonDeserializer<Object>() {
        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws JsonMappingException {
          throw JsonMappingException.from(parser, "Cannot decode into " + type.getRawClass().getName() + ": " + reason);
        }
      };
    }
  };

  private RefusedTypes() {}
}
