package io.pottery.internal.probabilistic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MurmurHash3 x86 32-bit against published vectors and every hash of Python pottery's golden Bloom vectors. */
class MurmurHash3Test {

  private static int hash(String text, int seed) {
    return MurmurHash3.x86_32(text.getBytes(UTF_8), seed);
  }

  @Test
  void publishedVectors() {
    assertThat(hash("foo", 0)).isEqualTo(-156908512);
    assertThat(hash("Hello, world!", 1234)).isEqualTo(0xfaf6cdb3);
    // From the SMHasher verification list as quoted with the reference implementation.
    assertThat(hash("", 0)).isEqualTo(0);
    assertThat(hash("", 1)).isEqualTo(0x514e28b7);
    assertThat(hash("", 0xffffffff)).isEqualTo(0x81f16f39);
    assertThat(hash("aaaa", 0x9747b28c)).isEqualTo(0x5a97808a);
    assertThat(hash("Hello, world!", 0x9747b28c)).isEqualTo(0x24884cba);
    assertThat(hash("The quick brown fox jumps over the lazy dog", 0x9747b28c)).isEqualTo(0x2fa826cd);
  }

  @Test
  void everyTailLengthIsMixed() {
    // Lengths 0..4 take each branch of the tail switch; all must differ.
    List<Integer> hashes = new ArrayList<>();
    for (String text : List.of("", "a", "ab", "abc", "abcd", "abcde")) {
      hashes.add(hash(text, 0));
    }
    assertThat(hashes).doesNotHaveDuplicates();
  }

  @Test
  void pythonPotteryHashesOfTheGoldenVectors() {
    List<BloomVectors.Offsets> vectors = BloomVectors.offsets();
    assertThat(vectors).hasSize(36);
    for (BloomVectors.Offsets vector : vectors) {
      byte[] bytes = vector.encoded().getBytes(UTF_8);
      List<Integer> hashes = new ArrayList<>();
      for (int seed = 0; seed < vector.hashes().size(); seed++) {
        hashes.add(MurmurHash3.x86_32(bytes, seed));
      }
      assertThat(hashes).as(vector.encoded()).isEqualTo(vector.hashes());
    }
  }
}
