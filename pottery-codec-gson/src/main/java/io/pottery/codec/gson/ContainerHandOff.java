package io.pottery.codec.gson;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Maps, collections and arrays, both ways.
 *
 * <p>Writing: they are put into the {@link PlainTreeWriter} untouched, so that
 * {@link io.pottery.internal.codec.CanonicalJson} writes them with their original keys and elements (Gson would turn
 * {@code Map<Integer, …>} keys into strings before Python's numeric key order could apply, and write a
 * {@code HashSet} in iteration order).
 *
 * <p>Reading: Gson chooses the (empty) container's class for the declared type, and this fills it, so that map keys
 * are parsed from their text by the key type ({@code "10"} → 10, as Jackson does) and {@code Object}
 * values and elements are read as in every pottery codec ({@link Untyped}), not as Gson's LinkedTreeMap.
 * Containers of classes outside {@code java.util}, whose type arguments need not be the element type, are
 * left to Gson.
 */
final class ContainerHandOff implements TypeAdapterFactory {

  @Override
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    Class<? super T> raw = type.getRawType();
    if (!Map.class.isAssignableFrom(raw) && !Collection.class.isAssignableFrom(raw) && !raw.isArray()) {
      return null;
    }
    TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
    TypeAdapter<?> reading = delegate;
    boolean ours = raw.getPackageName().startsWith("java.util");
    if (Map.class.isAssignableFrom(raw) && ours) {
      reading = new MapReader<>(gson, delegate, argument(type.getType(), 0, 2), argument(type.getType(), 1, 2));
    } else if (Collection.class.isAssignableFrom(raw) && ours) {
      reading = new CollectionReader<>(gson, delegate, argument(type.getType(), 0, 1));
    } else if (raw == Object[].class) {
      reading = new ObjectArrayReader();
    }
    return new HandOff<>(delegate, reading).nullSafe();
  }

  /** The n-th of {@code count} type arguments, Object for a raw type or an unbounded wildcard. */
  private static Type argument(Type type, int index, int count) {
    if (type instanceof ParameterizedType) {
      Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
      if (arguments.length == count) {
        Type argument = arguments[index];
        if (argument instanceof WildcardType) {
          Type[] upper = ((WildcardType) argument).getUpperBounds();
          return upper.length == 1 ? upper[0] : Object.class;
        }
        return argument;
      }
    }
    return Object.class;
  }

  /**
   * Makes the empty container to fill: Gson's own choice of class (LinkedHashMap for Map, LinkedHashSet for
   * Set, ArrayList for List, TreeMap for SortedMap, EnumMap, …), asked once by reading an empty JSON value and
   * then repeated by the class's no-argument constructor, or asked every time if the class has none.
   */
  private static <C> Supplier<C> creator(TypeAdapter<C> delegate, Supplier<JsonElement> empty) {
    C sample = delegate.fromJsonTree(empty.get());
    try {
      Constructor<?> constructor = sample.getClass().getConstructor();
      if (Modifier.isPublic(sample.getClass().getModifiers())) {
        return () -> {
          try {
            @SuppressWarnings("unchecked")
            C made = (C) constructor.newInstance();
            return made;
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create a " + sample.getClass().getName(), e);
          }
        };
      }
    } catch (NoSuchMethodException e) {
      // EnumMap and the like: ask Gson each time.
    }
    return () -> delegate.fromJsonTree(empty.get());
  }

  private static TypeAdapter<?> valueAdapter(Gson gson, Type type) {
    return type == Object.class ? Untyped.ADAPTER : gson.getAdapter(TypeToken.get(type));
  }

  private static final class HandOff<T> extends TypeAdapter<T> {
    private final TypeAdapter<T> delegate;
    private final TypeAdapter<?> reading;

    HandOff(TypeAdapter<T> delegate, TypeAdapter<?> reading) {
      this.delegate = delegate;
      this.reading = reading;
    }

    @Override
    public void write(JsonWriter out, T value) throws IOException {
      if (out instanceof PlainTreeWriter) {
        ((PlainTreeWriter) out).embed(value);
      } else {
        delegate.write(out, value);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read(JsonReader in) throws IOException {
      return (T) reading.read(in);
    }
  }

  private static final class MapReader<M> extends TypeAdapter<M> {
    private final Supplier<M> create;
    private final Type keyType;
    private final TypeAdapter<?> keys;
    private final TypeAdapter<?> values;

    MapReader(Gson gson, TypeAdapter<M> delegate, Type keyType, Type valueType) {
      this.create = creator(delegate, JsonObject::new);
      this.keyType = keyType;
      this.keys = keyType == Object.class ? null : gson.getAdapter(TypeToken.get(keyType));
      this.values = valueAdapter(gson, valueType);
    }

    @Override
    public void write(JsonWriter out, M value) {
      throw new UnsupportedOperationException("only used for reading");
    }

    @Override
    @SuppressWarnings("unchecked")
    public M read(JsonReader in) throws IOException {
      if (in.peek() != JsonToken.BEGIN_OBJECT) {
        throw new JsonSyntaxException("Cannot read " + in.peek() + " as a map at " + in.getPath());
      }
      M map = create.get();
      Map<Object, Object> target = (Map<Object, Object>) map;
      in.beginObject();
      while (in.hasNext()) {
        String name = in.nextName();
        Object key = key(name, in);
        target.put(key, values.read(in));
      }
      in.endObject();
      return map;
    }

    /** A key from its JSON text, as Python wrote it: str(int), repr(float), "true"/"false" or the string. */
    private Object key(String name, JsonReader in) {
      try {
        if (keyType == Object.class || keyType == String.class || keyType == CharSequence.class) {
          return name;
        }
        if (keyType == Integer.class) {
          return Integer.valueOf(name);
        }
        if (keyType == Long.class) {
          return Long.valueOf(name);
        }
        if (keyType == Short.class) {
          return Short.valueOf(name);
        }
        if (keyType == Byte.class) {
          return Byte.valueOf(name);
        }
        if (keyType == BigInteger.class) {
          return new BigInteger(name);
        }
        if (keyType == BigDecimal.class) {
          return new BigDecimal(name);
        }
        if (keyType == Double.class) {
          return Double.valueOf(name);
        }
        if (keyType == Float.class) {
          return Float.valueOf(name);
        }
        if (keyType == Boolean.class) {
          if (name.equals("true") || name.equals("false")) {
            return Boolean.valueOf(name);
          }
          throw new JsonSyntaxException("not true or false");
        }
        if (keyType == Character.class) {
          if (name.length() == 1) {
            return name.charAt(0);
          }
          throw new JsonSyntaxException("not one character");
        }
        // Enums, UUIDs and the like: Gson reads them from a string.
        return keys.fromJsonTree(new JsonPrimitive(name));
      } catch (RuntimeException e) {
        throw new JsonSyntaxException("Cannot read the key \"" + name + "\" as " + keyType.getTypeName() + " at "
            + in.getPath() + ": " + e.getMessage(), e);
      }
    }
  }

  private static final class CollectionReader<C> extends TypeAdapter<C> {
    private final Supplier<C> create;
    private final TypeAdapter<?> elements;

    CollectionReader(Gson gson, TypeAdapter<C> delegate, Type elementType) {
      this.create = creator(delegate, JsonArray::new);
      this.elements = valueAdapter(gson, elementType);
    }

    @Override
    public void write(JsonWriter out, C value) {
      throw new UnsupportedOperationException("only used for reading");
    }

    @Override
    @SuppressWarnings("unchecked")
    public C read(JsonReader in) throws IOException {
      if (in.peek() != JsonToken.BEGIN_ARRAY) {
        throw new JsonSyntaxException("Cannot read " + in.peek() + " as a collection at " + in.getPath());
      }
      C collection = create.get();
      Collection<Object> target = (Collection<Object>) collection;
      in.beginArray();
      while (in.hasNext()) {
        target.add(elements.read(in));
      }
      in.endArray();
      return collection;
    }
  }

  private static final class ObjectArrayReader extends TypeAdapter<Object[]> {
    @Override
    public void write(JsonWriter out, Object[] value) {
      throw new UnsupportedOperationException("only used for reading");
    }

    @Override
    public Object[] read(JsonReader in) throws IOException {
      if (in.peek() != JsonToken.BEGIN_ARRAY) {
        throw new JsonSyntaxException("Cannot read " + in.peek() + " as an array at " + in.getPath());
      }
      List<Object> list = new ArrayList<>();
      in.beginArray();
      while (in.hasNext()) {
        list.add(Untyped.ADAPTER.read(in));
      }
      in.endArray();
      return list.toArray();
    }
  }
}
