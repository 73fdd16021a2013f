package io.pottery.internal.probabilistic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cluster hash slots, and helper-key prefixes that land in their key's slot whatever braces the key holds. */
class HashSlotsTest {

  @Test
  void crc16AndSlotsMatchTheRedisClusterSpecification() {
    byte[] check = "123456789".getBytes(UTF_8);
    assertThat(HashSlots.crc16(check, 0, check.length)).isEqualTo(0x31c3);
    assertThat(HashSlots.slot("foo")).isEqualTo(12182);
    assertThat(HashSlots.slot("{user1000}.following")).isEqualTo(HashSlots.slot("{user1000}.followers"))
        .isEqualTo(HashSlots.slot("user1000"));
    assertThat(HashSlots.slot("foo{}{bar}")).as("empty first tag: the whole key").isEqualTo(HashSlots.slot("foo{}{bar}"))
        .isNotEqualTo(HashSlots.slot("bar"));
    assertThat(HashSlots.slot("foo{{bar}}zap")).isEqualTo(HashSlots.slot("{bar"));
  }

  @Test
  void helperKeysShareTheirKeysSlot() {
    for (String key : List.of("dilberts", "x{tag}y", "{tag}", "a}b", "}", "{}", "a{b", "", "{}x}", "日本")) {
      String helper = HashSlots.sameSlotPrefix(key) + ":pottery-probe:0f8fad5b-d9cb-469f-a165-70867728950e";
      assertThat(HashSlots.slot(helper)).as(key).isEqualTo(HashSlots.slot(key));
    }
    assertThat(HashSlots.sameSlotPrefix("dilberts")).isEqualTo("{dilberts}");
    assertThat(HashSlots.sameSlotPrefix("x{tag}y")).isEqualTo("x{tag}y");
    assertThat(HashSlots.sameSlotPrefix("a}b")).startsWith("{pottery-");
  }
}
