package io.pottery.codec.gson;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.pottery.internal.codec.CodecSupport;

/** Gson's side of {@link CodecSupport#refusalReason}: an adapter that fails both ways with pottery's message. */
final class RefusedTypes implements TypeAdapterFactory {
  @Override
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<? super T> raw = type.getRawType();
    String reason = CodecSupport.refusalReason(raw);
    if (reason == null) {
      return null;
    }
    return new TypeAdapter<T>() {
      @Override
      public void write(JsonWriter out, T value) {
        throw new IllegalArgumentException(
            value.getClass().getName() + " found: " + CodecSupport.refusalReason(value.getClass()));
      }

      @Override
      public T read(JsonReader in) {
        throw new JsonSyntaxException("Cannot decode into " + raw.getName() + " at " + in.getPath() + ": " + reason);
      }
    };
  }
}
