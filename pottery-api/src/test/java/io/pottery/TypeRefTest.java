package io.pottery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeRefTest {

  @Test
  void capturesGenericTypes() {
    TypeRef<Map<String, List<Integer>>> ref = new TypeRef<>() {};
    assertThat(ref.type()).isInstanceOf(ParameterizedType.class);
    assertThat(ref.rawType()).isEqualTo(Map.class);
    assertThat(ref.toString()).isEqualTo("java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>");
  }

  @Test
  void equalWhenTheTypesAre() {
    assertThat(new TypeRef<List<String>>() {}).isEqualTo(new TypeRef<List<String>>() {});
    assertThat(new TypeRef<List<String>>() {}.hashCode()).isEqualTo(new TypeRef<List<String>>() {}.hashCode());
    assertThat(new TypeRef<List<String>>() {}).isNotEqualTo(new TypeRef<List<Integer>>() {});
    assertThat(TypeRef.of(String.class)).isEqualTo(new TypeRef<String>() {});
  }

  @Test
  void boxesPrimitives() {
    assertThat(TypeRef.of(int.class).rawType()).isEqualTo(Integer.class);
  }

  @Test
  @SuppressWarnings("rawtypes")
  void refusesMissingOrVariableTypeArguments() {
    assertThatThrownBy(() -> new TypeRef() {}).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a type argument");
    assertThatThrownBy(TypeRefTest::variable).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type variable");
  }

  private static <T> TypeRef<List<T>> variable() {
    return new TypeRef<>() {};
  }
}
