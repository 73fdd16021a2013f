package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.spi.HashSlots;
import io.pottery.testkit.RedisCluster;
import io.pottery.testkit.RedisClusters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * pottery-api's slot function and helper-key names against a live cluster's {@code CLUSTER KEYSLOT}: the
 * function drivers use to refuse cross-slot commands must be the server's, byte for byte, and every helper key
 * must land in its main key's slot.
 */
class HashSlotsOnClusterTest {

  private static final List<String> CORPUS = List.of(
      "{}x", "a}b", "a{b", "{a}b", "a{t}b", "{}", "", "}{", "{{a}}", "a{}{b}", "{a}{b}", "héllo", "日本語{鍵}",
      "redlock:printer", "{redlock:printer}:fence", "nextid:tweet-ids", "pottery:0b5b4a0e-0000-4000-8000-000000000000");

  @Test
  void slotsAndHelperKeysAgreeWithClusterKeyslot() {
    RedisCluster cluster = RedisClusters.shared();
    List<byte[]> keys = new ArrayList<>();
    for (String key : CORPUS) {
      keys.add(key.getBytes(StandardCharsets.UTF_8));
    }
    Random random = new Random(20261125);
    for (int i = 0; i < 200; i++) {
      byte[] binary = new byte[1 + random.nextInt(12)];
      random.nextBytes(binary);
      keys.add(binary);
    }
    for (byte[] key : keys) {
      int expected = cluster.slotOf(key);
      assertThat(HashSlots.slot(key)).as("slot of %s", new String(key, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
    for (String key : CORPUS) {
      String helper = HashSlots.helperKey(key, "fence");
      assertThat(cluster.slotOf(helper)).as("helper %s of %s", helper, key).isEqualTo(cluster.slotOf(key));
      String fresh = "pottery:{" + HashSlots.tagOf(key) + "}:0123";
      assertThat(cluster.slotOf(fresh)).as("new key %s beside %s", fresh, key).isEqualTo(cluster.slotOf(key));
    }
  }
}
