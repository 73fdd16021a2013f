package io.pottery.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Key names: random enough, spread over slots by default, and in one slot when asked. */
class TestKeyTest {

  @Test
  void aKeyNamesItsTestAndSixteenRandomHexDigits() {
    TestKey key = TestKey.forTest("MapTest.put");
    assertThat(key.name()).matches("test:MapTest\\.put:[0-9a-f]{16}");
    assertThat(key.isTagged()).isFalse();
    assertThat(key.derived("a")).isEqualTo(key.name() + ":a");
    assertThat(IntStream.range(0, 1000).mapToObj(i -> TestKey.forTest("t").name()).distinct()).hasSize(1000);
  }

  /** Untagged keys hash as a whole, so the keys of many tests fall on every master of a 3-master cluster. */
  @Test
  void untaggedKeysSpreadOverSlots() {
    Set<Integer> thirds = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      thirds.add(slot(TestKey.forTest("t").name()) * 3 / HashSlot.SLOTS);
    }
    assertThat(thirds).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void taggedKeysAndTheirDerivedKeysShareOneSlot() {
    TestKey tagged = TestKey.tagged("SetTest.union");
    assertThat(tagged.name()).matches("test:\\{[0-9a-f]{16}\\}:SetTest\\.union");
    assertThat(tagged.isTagged()).isTrue();
    assertThat(slot(tagged.derived("a"))).isEqualTo(slot(tagged.name())).isEqualTo(slot(tagged.derived("b")));

    TestKey key = TestKey.forTest("SetTest.union");
    String random = key.name().substring(key.name().lastIndexOf(':') + 1);
    assertThat(key.withTag().name()).isEqualTo("test:{" + random + "}:SetTest.union");
    assertThat(key.withTag().withTag()).isEqualTo(key.withTag());
    assertThat(new TestKey("plain").withTag().name()).isEqualTo("{plain}");
  }

  @Test
  void sameSlotKeysShareTheKeysSlotWhateverItsForm() {
    TestKey key = TestKey.forTest("ListTest.copy");
    assertThat(key.sameSlot("tmp")).isEqualTo("{" + key.name() + "}:tmp");
    assertThat(slot(key.sameSlot("tmp"))).isEqualTo(slot(key.name()));
    TestKey tagged = key.withTag();
    assertThat(tagged.sameSlot("tmp")).isEqualTo(tagged.name() + ":tmp");
    assertThat(slot(tagged.sameSlot("tmp"))).isEqualTo(slot(tagged.name()));
    assertThatThrownBy(() -> new TestKey("a}b").sameSlot("x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TestKey \"a}b\" has braces but no hash tag");
    assertThatThrownBy(() -> new TestKey("{}x").sameSlot("x")).isInstanceOf(IllegalArgumentException.class);
  }

  private static int slot(String key) {
    return HashSlot.of(key.getBytes(UTF_8));
  }
}
