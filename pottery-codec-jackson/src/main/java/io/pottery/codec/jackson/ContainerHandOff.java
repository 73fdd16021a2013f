package io.pottery.codec.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionLikeType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapLikeType;
import com.fasterxml.jackson.databind.type.MapType;
import io.pottery.internal.codec.CodecSupport;
import java.io.IOException;

/**
 * Makes Jackson pass maps, collections and arrays inside beans through untouched, as embedded objects, so
 * that {@link io.pottery.internal.codec.CanonicalJson} writes them with their original keys and elements: Jackson would
 * turn {@code Map<Integer, …>} keys into strings before Python's numeric key order could be applied, and
 * would write a {@code HashSet} in its (arbitrary) iteration order. A consequence: Jackson annotations that
 * act on a container property's keys or contents do not apply; those on beans do.
 */
final class ContainerHandOff extends Serializers.Base {
  private static final JsonSerializer<Object> EMBED = new JsonSerializer<>() {
    @Override
    public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      generator.writeEmbeddedObject(value);
    }
  };

  @Override
  public JsonSerializer<?> findSerializer(SerializationConfig config, com.fasterxml.jackson.databind.JavaType type,
      BeanDescription beanDesc) {
    return CodecSupport.refusalReason(type.getRawClass()) != null ? RefusedTypes.SERIALIZER : null;
  }

  @Override
  public JsonSerializer<?> findArraySerializer(SerializationConfig config, ArrayType type, BeanDescription beanDesc,
      TypeSerializer elementTypeSerializer, JsonSerializer<Object> elementValueSerializer) {
    return EMBED;
  }

  @Override
  public JsonSerializer<?> findCollectionSerializer(SerializationConfig config, CollectionType type,
      BeanDescription beanDesc, TypeSerializer elementTypeSerializer, JsonSerializer<Object> elementValueSerializer) {
    return EMBED;
  }

  @Override
  public JsonSerializer<?> findCollectionLikeSerializer(SerializationConfig config, CollectionLikeType type,
      BeanDescription beanDesc, TypeSerializer elementTypeSerializer, JsonSerializer<Object> elementValueSerializer) {
    return EMBED;
  }

  @Override
  public JsonSerializer<?> findMapSerializer(SerializationConfig config, MapType type, BeanDescription beanDesc,
      JsonSerializer<Object> keySerializer, TypeSerializer elementTypeSerializer,
      JsonSerializer<Object> elementValueSerializer) {
    return EMBED;
  }

  @Override
  public JsonSerializer<?> findMapLikeSerializer(SerializationConfig config, MapLikeType type, BeanDescription beanDesc,
      JsonSerializer<Object> keySerializer, TypeSerializer elementTypeSerializer,
      JsonSerializer<Object> elementValueSerializer) {
    return EMBED;
  }
}
