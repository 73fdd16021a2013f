package io.pottery.codec.gson;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.pottery.internal.codec.CodecSupport;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Function;

/**
 * Numbers, strings, booleans and characters read as strictly as the Jackson codec reads them, because
 * {@code 1}, {@code 1.0} and {@code "1"} are different values to Python: Gson alone would read {@code "1"} as
 * an int, {@code 1} as a string and {@code "true"} as a boolean. Each type keeps its own Java class on the way
 * in and out (an Integer is written and read as an Integer).
 */
final class StrictScalars implements TypeAdapterFactory {
  private static final Map<Class<?>, TypeAdapter<?>> ADAPTERS = Map.ofEntries(
      Map.entry(Integer.class, integral(Integer.class, Integer::valueOf)),
      Map.entry(int.class, primitive(int.class, integral(Integer.class, Integer::valueOf))),
      Map.entry(Long.class, integral(Long.class, Long::valueOf)),
      Map.entry(long.class, primitive(long.class, integral(Long.class, Long::valueOf))),
      Map.entry(Short.class, integral(Short.class, Short::valueOf)),
      Map.entry(short.class, primitive(short.class, integral(Short.class, Short::valueOf))),
      Map.entry(Byte.class, integral(Byte.class, Byte::valueOf)),
      Map.entry(byte.class, primitive(byte.class, integral(Byte.class, Byte::valueOf))),
      Map.entry(BigInteger.class, integral(BigInteger.class, BigInteger::new)),
      Map.entry(Double.class, floating(Double.class, Double::valueOf)),
      Map.entry(double.class, primitive(double.class, floating(Double.class, Double::valueOf))),
      Map.entry(Float.class, floating(Float.class, Float::valueOf)),
      Map.entry(float.class, primitive(float.class, floating(Float.class, Float::valueOf))),
      Map.entry(BigDecimal.class, number(BigDecimal.class, BigDecimal::new)),
      Map.entry(Number.class, number(Number.class, CodecSupport::untypedNumber)),
      Map.entry(Boolean.class, new BooleanAdapter()),
      Map.entry(boolean.class, primitive(boolean.class, new BooleanAdapter())),
      Map.entry(String.class, new StringAdapter()),
      Map.entry(Character.class, new CharacterAdapter()),
      Map.entry(char.class, primitive(char.class, new CharacterAdapter())));

  @Override
  @SuppressWarnings("unchecked")
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    return (TypeAdapter<T>) ADAPTERS.get(type.getRawType());
  }

  /** A primitive field or record component cannot hold Python's None: refused, as the Jackson codec does. */
  private static <T> TypeAdapter<T> primitive(Class<?> primitive, TypeAdapter<T> boxed) {
    return new TypeAdapter<T>() {
      @Override
      public void write(JsonWriter out, T value) throws IOException {
        boxed.write(out, value);
      }

      @Override
      public T read(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
          throw new JsonSyntaxException("Cannot read null as the primitive " + primitive.getName() + " at "
              + in.getPath() + "; declare the boxed type to allow null");
        }
        return boxed.read(in);
      }
    };
  }

  /** Integers only: no fraction, no exponent, in range. */
  private static <N extends Number> TypeAdapter<N> integral(Class<N> type, Function<String, N> parse) {
    return new NumberAdapter<>(type, literal -> {
      for (int i = 0; i < literal.length(); i++) {
        char c = literal.charAt(i);
        if (c == '.' || c == 'e' || c == 'E' || c == 'N' || c == 'I') {
          throw new JsonSyntaxException("Cannot read the float " + literal + " as " + type.getName());
        }
      }
      try {
        return parse.apply(literal);
      } catch (NumberFormatException e) {
        throw new JsonSyntaxException(literal + " is out of range for " + type.getName(), e);
      }
    }, false);
  }

  /** Floats accept integers too, and NaN/Infinity as numbers or (like Jackson) as those exact strings. */
  private static <N extends Number> TypeAdapter<N> floating(Class<N> type, Function<String, N> parse) {
    return new NumberAdapter<>(type, parse, true);
  }

  private static <N extends Number> TypeAdapter<N> number(Class<N> type, Function<String, N> parse) {
    return new NumberAdapter<>(type, literal -> {
      try {
        return parse.apply(literal);
      } catch (NumberFormatException e) {
        throw new JsonSyntaxException("Cannot read " + literal + " as " + type.getName(), e);
      }
    }, false);
  }

  private static JsonSyntaxException wrongToken(JsonReader in, JsonToken token, Class<?> type) {
    return new JsonSyntaxException("Cannot read " + describe(token) + " as " + type.getName() + " at " + in.getPath());
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case STRING: return "a string";
      case NUMBER: return "a number";
      case BOOLEAN: return "a boolean";
      case BEGIN_ARRAY: return "an array";
      case BEGIN_OBJECT: return "an object";
      default: return token.toString();
    }
  }

  private static final class NumberAdapter<N extends Number> extends TypeAdapter<N> {
    private final Class<N> type;
    private final Function<String, N> parse;
    private final boolean specialStrings;

    NumberAdapter(Class<N> type, Function<String, N> parse, boolean specialStrings) {
      this.type = type;
      this.parse = parse;
      this.specialStrings = specialStrings;
    }

    @Override
    public void write(JsonWriter out, N value) throws IOException {
      out.value(value);
    }

    @Override
    public N read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token == JsonToken.STRING && specialStrings) {
        String text = in.nextString();
        if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
          return parse.apply(text);
        }
        throw new JsonSyntaxException("Cannot read a string as " + type.getName() + " at " + in.getPath());
      }
      if (token != JsonToken.NUMBER) {
        throw wrongToken(in, token, type);
      }
      return parse.apply(in.nextString());
    }
  }

  private static final class BooleanAdapter extends TypeAdapter<Boolean> {
    @Override
    public void write(JsonWriter out, Boolean value) throws IOException {
      out.value(value);
    }

    @Override
    public Boolean read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token != JsonToken.BOOLEAN) {
        throw wrongToken(in, token, Boolean.class);
      }
      return in.nextBoolean();
    }
  }

  private static final class StringAdapter extends TypeAdapter<String> {
    @Override
    public void write(JsonWriter out, String value) throws IOException {
      out.value(value);
    }

    @Override
    public String read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token != JsonToken.STRING) {
        throw wrongToken(in, token, String.class);
      }
      return in.nextString();
    }
  }

  private static final class CharacterAdapter extends TypeAdapter<Character> {
    @Override
    public void write(JsonWriter out, Character value) throws IOException {
      out.value(value == null ? null : value.toString());
    }

    @Override
    public Character read(JsonReader in) throws IOException {
      JsonToken token = in.peek();
      if (token == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      if (token != JsonToken.STRING) {
        throw wrongToken(in, token, Character.class);
      }
      String text = in.nextString();
      if (text.length() != 1) {
        throw new JsonSyntaxException("Cannot read a string of " + text.length() + " characters as "
            + "java.lang.Character at " + in.getPath());
      }
      return text.charAt(0);
    }
  }
}
