package io.pottery.codec.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pottery.internal.codec.CodecSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what Jackson wrote into a {@code TokenBuffer} back as a plain tree for
 * {@link io.pottery.internal.codec.CanonicalJson}: objects as LinkedHashMaps, arrays as ArrayLists, numbers as the very
 * objects Jackson wrote (an {@code int} stays an Integer, a {@code float} a Float), and embedded objects (the
 * maps, collections and arrays {@link ContainerHandOff} passed through untouched) as themselves.
 */
final class PlainTree {
  private PlainTree() {}

  static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw new IllegalStateException("Jackson wrote nothing");
    }
    return value(parser, token);
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        return object(parser);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(value(parser, t));
        }
        return list;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return number(parser.getNumberValue());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_EMBEDDED_OBJECT:
        return parser.getEmbeddedObject();
      default:
        throw new IllegalStateException("unexpected " + token + " from Jackson");
    }
  }

  private static Map<String, Object> object(JsonParser parser) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      if (t == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        map.put(name, value(parser, parser.nextToken()));
      } else if (t == JsonToken.VALUE_EMBEDDED_OBJECT && parser.getEmbeddedObject() instanceof Map) {
        // A @JsonAnyGetter map, which Jackson writes into the enclosing object without a name.
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) parser.getEmbeddedObject()).entrySet()) {
          map.put(String.valueOf(entry.getKey()), entry.getValue());
        }
      } else {
        throw new IllegalStateException("unexpected " + t + " inside an object from Jackson");
      }
    }
    return map;
  }

  /** Keeps the number types CanonicalJson knows; any other Number is read from its text as JSON would be. */
  private static Object number(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Double || number instanceof Float
        || number instanceof BigInteger || number instanceof BigDecimal || number instanceof Short
        || number instanceof Byte) {
      return number;
    }
    return CodecSupport.untypedNumber(number.toString());
  }
}
