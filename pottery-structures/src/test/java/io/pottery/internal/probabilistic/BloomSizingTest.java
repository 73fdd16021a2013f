package io.pottery.internal.probabilistic;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sizes, hash counts, offsets and the size estimate exactly as Python pottery computes them (the golden vectors). */
class BloomSizingTest {

  @Test
  void sizesAndHashCountsEqualPythonPotterys() {
    List<BloomVectors.Sizing> vectors = BloomVectors.sizings();
    assertThat(vectors).hasSize(7);
    for (BloomVectors.Sizing vector : vectors) {
      BloomSizing sizing = BloomSizing.of(vector.numElements(), vector.falsePositives());
      assertThat(sizing).as("n=%d p=%s", vector.numElements(), vector.falsePositives())
          .isEqualTo(new BloomSizing(vector.sizeBits(), vector.numHashes()));
    }
  }

  @Test
  void compatExamples() {
    assertThat(BloomSizing.of(100, 0.01)).isEqualTo(new BloomSizing(959, 7));
    assertThat(BloomSizing.of(100, 0.1)).isEqualTo(new BloomSizing(480, 4));
    assertThat(BloomSizing.of(1000, 0.1)).isEqualTo(new BloomSizing(4793, 4));
    assertThat(BloomSizing.of(1000, 0.01)).isEqualTo(new BloomSizing(9586, 7));
    assertThat(BloomSizing.of(1000, 0.001)).isEqualTo(new BloomSizing(14378, 10));
  }

  @Test
  void offsetsEqualPythonPotterysIncludingNegativeHashes() {
    int negative = 0;
    for (BloomVectors.Offsets vector : BloomVectors.offsets()) {
      BloomSizing sizing = BloomSizing.of(vector.numElements(), vector.falsePositives());
      long[] offsets = RedisBloomFilter.offsets(vector.encoded().getBytes(UTF_8), sizing);
      List<Long> actual = new ArrayList<>();
      for (long offset : offsets) {
        actual.add(offset);
      }
      assertThat(actual).as(vector.encoded()).isEqualTo(vector.offsets());
      negative += (int) vector.hashes().stream().filter(h -> h < 0).count();
    }
    assertThat(negative).as("vectors with negative hashes exercise floorMod").isPositive();
  }

  @Test
  void rajivIsTheCompatExample() {
    long[] offsets = RedisBloomFilter.offsets("\"rajiv\"".getBytes(UTF_8), BloomSizing.of(100, 0.01));
    assertThat(offsets).containsExactly(183, 319, 787, 585, 8, 471, 711);
  }

  @Test
  void approximateSizeFollowsPythonAndSaturates() {
    BloomSizing sizing = BloomSizing.of(100, 0.01);
    assertThat(RedisBloomFilter.approximateSize(0, sizing)).isZero();
    assertThat(RedisBloomFilter.approximateSize(7, sizing)).as("rajiv alone: floor(1.0037)").isEqualTo(1);
    assertThat(RedisBloomFilter.approximateSize(958, sizing)).isEqualTo(940);
    assertThat(RedisBloomFilter.approximateSize(959, sizing)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void rejectsSizesOutOfRange() {
    assertThatThrownBy(() -> BloomSizing.of(0, 0.01)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("numElements must be positive, was 0");
    assertThatThrownBy(() -> BloomSizing.of(100, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("falsePositives must be strictly between 0 and 1, was 0.0");
    assertThatThrownBy(() -> BloomSizing.of(100, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BloomSizing.of(100, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BloomSizing.of(10_000_000_000L, 1e-9)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than a Redis string holds");
  }
}
