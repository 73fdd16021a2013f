package io.pottery;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Objects;

/**
 * A full generic type, captured at compile time so that values read back from Redis decode to exactly the
 * declared type (a super-type token). Create one with an anonymous subclass for generic types, or with
 * {@link #of(Class)} for plain classes:
 *
 * <pre>{@code
 * TypeRef<Map<String, List<Integer>>> docs = new TypeRef<>() {};
 * TypeRef<Integer> count = TypeRef.of(Integer.class);
 * }</pre>
 *
 * <p>Two {@code TypeRef}s are equal when they describe the same type. Instances are immutable and
 * thread-safe.
 *
 * @param <T> the type described
 * @since 0.1
 */
public abstract class TypeRef<T> {
  private final Type type;

  /**
   * Captures the type argument of the anonymous subclass being created.
   *
   * @throws IllegalStateException if the type argument is missing or is a type variable, which erasure
   *     would make unknowable at run time
   */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType)) {
      throw new IllegalStateException(
          "TypeRef created without a type argument; write new TypeRef<Map<String, Integer>>() {}");
    }
    Type argument = ((ParameterizedType) superclass).getActualTypeArguments()[0];
    requireConcrete(argument);
    this.type = argument;
  }

  private TypeRef(Type type) {
    this.type = type;
  }

  /**
   * A {@code TypeRef} for a plain (non-generic, or raw) class.
   *
   * @throws NullPointerException if {@code type} is null
   */
  public static <T> TypeRef<T> of(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new TypeRef<T>(box(type)) {};
  }

  /**
   * A {@code TypeRef} for a type built by reflection. Prefer the anonymous-subclass form, which the compiler
   * checks.
   *
   * @throws NullPointerException if {@code type} is null
   * @throws IllegalArgumentException if the type is or contains a type variable
   */
  public static TypeRef<?> of(Type type) {
    Objects.requireNonNull(type, "type");
    requireConcrete(type);
    return new TypeRef<Object>(type instanceof Class ? box((Class<?>) type) : type) {};
  }

  private static void requireConcrete(Type type) {
    if (type instanceof TypeVariable) {
      throw new IllegalArgumentException(
          "TypeRef of a type variable (" + type.getTypeName() + ") cannot be known at run time; "
              + "pass a TypeRef of the concrete type instead");
    }
    if (type instanceof ParameterizedType) {
      for (Type argument : ((ParameterizedType) type).getActualTypeArguments()) {
        requireConcrete(argument);
      }
    } else if (type instanceof GenericArrayType) {
      requireConcrete(((GenericArrayType) type).getGenericComponentType());
    } else if (type instanceof WildcardType) {
      for (Type bound : ((WildcardType) type).getUpperBounds()) {
        requireConcrete(bound);
      }
    }
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) return Integer.class;
    if (type == long.class) return Long.class;
    if (type == double.class) return Double.class;
    if (type == boolean.class) return Boolean.class;
    if (type == float.class) return Float.class;
    if (type == short.class) return Short.class;
    if (type == byte.class) return Byte.class;
    if (type == char.class) return Character.class;
    throw new IllegalArgumentException("TypeRef of void");
  }

  /** The captured type: a {@link Class}, {@link ParameterizedType} or {@link GenericArrayType}. */
  public final Type type() {
    return type;
  }

  /** The erasure of the captured type, e.g. {@code Map.class} for {@code Map<String, Integer>}. */
  public final Class<?> rawType() {
    return rawType(type);
  }

  private static Class<?> rawType(Type type) {
    if (type instanceof Class) {
      return (Class<?>) type;
    }
    if (type instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) type).getRawType();
    }
    if (type instanceof GenericArrayType) {
      Class<?> component = rawType(((GenericArrayType) type).getGenericComponentType());
      return java.lang.reflect.Array.newInstance(component, 0).getClass();
    }
    if (type instanceof WildcardType) {
      return rawType(((WildcardType) type).getUpperBounds()[0]);
    }
    return Object.class;
  }

  @Override
  public final boolean equals(Object other) {
    return other instanceof TypeRef && ((TypeRef<?>) other).type.equals(type);
  }

  @Override
  public final int hashCode() {
    return type.hashCode();
  }

  /** The type's name as Java writes it, e.g. {@code java.util.Map<java.lang.String, java.lang.Integer>}. */
  @Override
  public final String toString() {
    return type.getTypeName();
  }
}
