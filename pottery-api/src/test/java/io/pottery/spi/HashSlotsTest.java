package io.pottery.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.CrossSlotException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The slot function against values {@code CLUSTER KEYSLOT} printed on Redis 7.0.15 (the test against a live
 * cluster is in pottery-structures, beside the cluster fixtures); the helper-key function against the slot
 * function.
 */
class HashSlotsTest {

  @ParameterizedTest(name = "slot(\"{0}\") = {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "{}x|10595", "a}b|7866", "a{b|13340", "{a}b|15495", "a{t}b|15891", "{}|15257", "foo|12182",
      "123456789|12739", "redlock:printer|2398", "{redlock:printer}:fence|2398", "héllo|11061",
      "{user1000}.following|3443", "{{a}}|10276", "a{}{b}|15033", "''|0"})
  void matchesClusterKeyslot(String key, int slot) {
    assertThat(HashSlots.slot(key)).isEqualTo(slot);
  }

  @Test
  void hashesBinaryKeysByTheirBytes() {
    assertThat(HashSlots.slot(new byte[] {(byte) 0xff, 0x00, 0x01})).isEqualTo(8002);
    assertThat(HashSlots.slot("héllo")).isEqualTo(HashSlots.slot("héllo".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "helperKey(\"{0}\", \"fence\") = \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "redlock:printer|{redlock:printer}:fence",
      "{cart}:1|{cart}:1:fence",
      "a{t}b|a{t}b:fence",
      "héllo|{héllo}:fence"})
  void namesHelperKeysReadably(String key, String helper) {
    assertThat(HashSlots.helperKey(key, "fence")).isEqualTo(helper);
    assertThat(HashSlots.slot(helper)).isEqualTo(HashSlots.slot(key));
  }

  @ParameterizedTest(name = "helper of \"{0}\" shares its slot")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {"{}x", "a}b", "a{b", "{}", "a{}{b}", "}{", "''"})
  void keysWithBracesButNoTagGetATagOfTheirSlot(String key) {
    String helper = HashSlots.helperKey(key, "copy");
    assertThat(HashSlots.slot(helper)).isEqualTo(HashSlots.slot(key));
    assertThat(HashSlots.hasHashTag(helper)).isTrue();
    assertThat(helper).endsWith(":" + key + ":copy").startsWith("{" + HashSlots.tagOf(key) + "}");
  }

  @Test
  void everySlotHasAShortStableTag() {
    for (int slot = 0; slot < HashSlots.SLOT_COUNT; slot++) {
      String tag = HashSlots.tagForSlot(slot);
      assertThat(tag.length()).isBetween(1, 4);
      assertThat(HashSlots.slot(tag)).isEqualTo(slot);
    }
    // Fixed forever: helper keys of stored data are named after these.
    assertThat(HashSlots.tagForSlot(HashSlots.slot("0"))).isEqualTo("0");
    assertThat(HashSlots.tagForSlot(10595)).isEqualTo(HashSlots.tagOf("{}x"));
    assertThatThrownBy(() -> HashSlots.tagForSlot(16384)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tagOfPutsNewKeysBesideTheOldOne() {
    for (String key : List.of("cart:1", "{cart}:1", "{}x", "a}b", "x{y}z")) {
      assertThat(HashSlots.slot("pottery:{" + HashSlots.tagOf(key) + "}:0123")).as(key).isEqualTo(HashSlots.slot(key));
    }
  }

  @Test
  void refusesCrossSlotCommandsNamingEachKey() {
    Command sunion = Command.builder("SUNIONSTORE").key("cart:1").key("cart:2").key("cart:3").build();
    assertThatThrownBy(() -> HashSlots.requireOneSlot(sunion, List.of("redis-cluster://h:7000")))
        .isInstanceOf(CrossSlotException.class)
        .hasMessageStartingWith("CROSSSLOT SUNIONSTORE's keys are in different hash slots")
        .hasMessageContaining("\"cart:1\" (slot " + HashSlots.slot("cart:1") + ")")
        .hasMessageContaining("\"cart:3\" (slot " + HashSlots.slot("cart:3") + ")")
        .hasMessageContaining("{cart:42}")
        .hasMessageEndingWith("(docs/errors.md#cross-slot) (key \"cart:1\" on redis-cluster://h:7000)")
        .satisfies(e -> {
          CrossSlotException cross = (CrossSlotException) e;
          assertThat(cross.errorCode()).isEqualTo("CROSSSLOT");
          assertThat(cross.slots()).containsExactly(
              Map.entry("cart:1", HashSlots.slot("cart:1")), Map.entry("cart:2", HashSlots.slot("cart:2")),
              Map.entry("cart:3", HashSlots.slot("cart:3")));
        });
    Command tagged = Command.builder("SUNIONSTORE").key("{cart}:1").key("{cart}:2").build();
    assertThat(HashSlots.requireOneSlot(tagged, List.of())).isEqualTo(HashSlots.slot("cart"));
  }

  @Test
  void routesKeylessCommandsOnlyWhereTold() {
    assertThat(HashSlots.requireOneSlot(Command.builder("WAIT").arg(1).arg(100).build(), List.of())).isEqualTo(-1);
    assertThat(HashSlots.requireOneSlot(Command.builder("INFO").routeTo(42).build(), List.of())).isEqualTo(42);
    Command wrong = Command.builder("GET").key("foo").routeTo(1).build();
    assertThatThrownBy(() -> HashSlots.requireOneSlot(wrong, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slot 12182");
    assertThatThrownBy(() -> Command.builder("INFO").routeTo(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idempotenceIsPartOfTheCommand() {
    Command read = Command.builder("GET").key("k").idempotent().build();
    Command unmarked = Command.builder("GET").key("k").build();
    assertThat(read.idempotent()).isTrue();
    assertThat(unmarked.idempotent()).isFalse();
    assertThat(read).isNotEqualTo(unmarked);
    assertThat(read).isEqualTo(Command.builder("GET").key("k").idempotent().build())
        .hasSameHashCodeAs(Command.builder("GET").key("k").idempotent().build());
  }
}
