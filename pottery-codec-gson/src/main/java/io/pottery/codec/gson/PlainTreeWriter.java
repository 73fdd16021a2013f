package io.pottery.codec.gson;

import com.google.gson.stream.JsonWriter;
import io.pottery.internal.codec.CodecSupport;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link JsonWriter} that builds a plain tree for {@link io.pottery.internal.codec.CanonicalJson} instead of text:
 * objects as LinkedHashMaps, arrays as ArrayLists, numbers as the objects Gson hands over (an Integer stays
 * an Integer, a Float a Float), and {@link #embed embedded} maps, collections and arrays as themselves. No
 * JSON validity checks on numbers: CanonicalJson writes NaN and Infinity as Python does. One use only.
 */
final class PlainTreeWriter extends JsonWriter {
  private static final Writer UNWRITABLE = new Writer() {
    @Override
    public void write(char[] buffer, int offset, int length) {
      throw new AssertionError("PlainTreeWriter writes no text");
    }

    @Override
    public void flush() {
      throw new AssertionError("PlainTreeWriter writes no text");
    }

    @Override
    public void close() {
      throw new AssertionError("PlainTreeWriter writes no text");
    }
  };

  private final Deque<Object> open = new ArrayDeque<>();
  private String pendingName;
  private Object result;
  private boolean complete;

  PlainTreeWriter() {
    super(UNWRITABLE);
  }

  /** The tree written, once one complete value has been. */
  Object result() {
    if (!complete || !open.isEmpty()) {
      throw new IllegalStateException("Gson wrote an incomplete value");
    }
    return result;
  }

  /** Puts a Java object into the tree as it is, for CanonicalJson to write with its own rules. */
  void embed(Object value) {
    put(value);
  }

  private void put(Object value) {
    if (open.isEmpty()) {
      if (complete) {
        throw new IllegalStateException("Gson wrote a second top-level value");
      }
      result = value;
      complete = true;
      return;
    }
    Object container = open.peek();
    if (container instanceof List) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) container;
      list.add(value);
      return;
    }
    if (pendingName == null) {
      throw new IllegalStateException("Gson wrote a value inside an object without a name");
    }
    if (value != null || getSerializeNulls()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) container;
      map.put(pendingName, value);
    }
    pendingName = null;
  }

  @Override
  public JsonWriter beginArray() {
    List<Object> list = new ArrayList<>();
    put(list);
    open.push(list);
    return this;
  }

  @Override
  public JsonWriter endArray() {
    if (!(open.peek() instanceof List)) {
      throw new IllegalStateException("endArray without beginArray");
    }
    open.pop();
    return this;
  }

  @Override
  public JsonWriter beginObject() {
    Map<String, Object> map = new LinkedHashMap<>();
    put(map);
    open.push(map);
    return this;
  }

  @Override
  public JsonWriter endObject() {
    if (!(open.peek() instanceof Map) || pendingName != null) {
      throw new IllegalStateException("endObject without beginObject, or after a dangling name");
    }
    open.pop();
    return this;
  }

  @Override
  public JsonWriter name(String name) {
    if (!(open.peek() instanceof Map) || pendingName != null) {
      throw new IllegalStateException("name outside an object, or twice");
    }
    pendingName = name;
    return this;
  }

  @Override
  public JsonWriter value(String value) {
    put(value);
    return this;
  }

  @Override
  public JsonWriter value(boolean value) {
    put(value);
    return this;
  }

  @Override
  public JsonWriter value(Boolean value) {
    put(value);
    return this;
  }

  @Override
  public JsonWriter value(float value) {
    put(value);
    return this;
  }

  @Override
  public JsonWriter value(double value) {
    put(value);
    return this;
  }

  @Override
  public JsonWriter value(long value) {
    put(value);
    return this;
  }

  @Override
  public JsonWriter value(Number value) {
    if (value == null || value instanceof Integer || value instanceof Long || value instanceof Double
        || value instanceof Float || value instanceof BigInteger || value instanceof BigDecimal
        || value instanceof Short || value instanceof Byte) {
      put(value);
    } else {
      // Gson's own lazily parsed numbers (from a JsonPrimitive), atomics and the like: read as JSON would.
      put(CodecSupport.untypedNumber(value.toString()));
    }
    return this;
  }

  @Override
  public JsonWriter nullValue() {
    put(null);
    return this;
  }

  /** A raw JSON fragment from a custom adapter: read strictly and put in as plain values. */
  @Override
  public JsonWriter jsonValue(String value) {
    put(value == null ? null : Untyped.toPlain(StrictJsonParser.parse(value.getBytes(StandardCharsets.UTF_8))));
    return this;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("Gson left an object or array open");
    }
  }
}
