package io.pottery.codec.gson;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.pottery.internal.codec.CodecSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values read where the declared type is {@code Object}, the same in every pottery codec: objects as
 * LinkedHashMaps, arrays as ArrayLists, numbers by {@link CodecSupport#untypedNumber}. Gson's own {@code Object}
 * adapter would give its LinkedTreeMap, and cannot be replaced, so the codec uses this wherever it decides
 * the reading: at the top and inside maps, collections and arrays.
 */
final class Untyped {
  /** Reads one value of any shape from a Gson reader as a plain Java value. */
  static final TypeAdapter<Object> ADAPTER = new TypeAdapter<>() {
    @Override
    public void write(JsonWriter out, Object value) {
      throw new UnsupportedOperationException("only used for reading");
    }

    @Override
    public Object read(JsonReader in) throws IOException {
      return toPlain(JsonParser.parseReader(in));
    }
  };

  private Untyped() {}

  static Object toPlain(JsonElement element) {
    if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
        map.put(entry.getKey(), toPlain(entry.getValue()));
      }
      return map;
    }
    if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      List<Object> list = new ArrayList<>(array.size());
      for (JsonElement item : array) {
        list.add(toPlain(item));
      }
      return list;
    }
    if (element.isJsonNull()) {
      return null;
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isString()) {
      return primitive.getAsString();
    }
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    return CodecSupport.untypedNumber(primitive.getAsNumber().toString());
  }
}
