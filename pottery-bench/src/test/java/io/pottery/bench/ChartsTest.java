package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir
  Path dir;

  @Test
  void rendersOneValidPngPerFamily() throws Exception {
    List<Path> files = Charts.render(Summary.of(SummaryTest.sample()), dir.resolve("charts"), "2 CPUs, test");
    assertThat(files).containsExactly(dir.resolve("charts/redlock.png"), dir.resolve("charts/nextid.png"),
        dir.resolve("charts/collections.png"));
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes).as("PNG signature of %s", file).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
      BufferedImage image = ImageIO.read(file.toFile());
      assertThat(image).as("%s decodes", file).isNotNull();
      assertThat(image.getWidth()).isEqualTo(1400);
      assertThat(image.getHeight()).isEqualTo(650);
    }
  }

  @Test
  void redissonsBlockReservingIdGeneratorStaysOutOfTheChart() {
    var chart = Charts.chart(Summary.of(java.util.List.of(
        new Measurement("nextid", "nextid, 1 master, 1 thread", io.pottery.bench.contenders.Contender.POTTERY_JEDIS, 10_000),
        new Measurement("nextid", "nextid, 1 master, 1 thread", io.pottery.bench.contenders.Contender.REDISSON_ID_GENERATOR,
            10_000_000))), "nextid", "test");
    assertThat(chart.getSeriesCollection().stream().map(series -> series.getName()).toList())
        .containsExactly("pottery (jedis)");
  }

  @Test
  void aChartHasOneSeriesPerContenderMeasuredInItsFamily() {
    var chart = Charts.chart(Summary.of(SummaryTest.sample()), "redlock", "test");
    assertThat(chart.getSeriesCollection().stream().map(series -> series.getName()).toList())
        .containsExactly("pottery (jedis)", "pottery (lettuce)", "raw jedis", "raw lettuce", "redisson");
  }
}
