package io.pottery.bench;

import io.pottery.bench.contenders.Contender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Renders a {@link Summary} as PNG bar charts with XChart, one per family: a group of bars per benchmark row,
 * one bar per contender (ops/s). Needs no display: run with {@code -Djava.awt.headless=true} on servers.
 */
public final class Charts {
  private Charts() {}

  /**
   * Writes {@code <family>.png} into {@code directory} for every family of {@code summary}; returns the files.
   *
   * @param subtitle a line under each title, e.g. the machine and the date
   */
  public static List<Path> render(Summary summary, Path directory, String subtitle) {
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      for (String family : summary.families()) {
        CategoryChart chart = chart(summary, family, subtitle);
        Path file = directory.resolve(family + ".png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        files.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write charts to " + directory, e);
    }
    return files;
  }

  static CategoryChart chart(Summary summary, String family, String subtitle) {
    List<Summary.Row> rows = summary.family(family);
    CategoryChart chart = new CategoryChartBuilder().width(1400).height(650)
        .title(family + " (ops/s, higher is better) - " + subtitle).yAxisTitle("ops/s").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setXAxisLabelRotation(0);
    chart.getStyler().setYAxisDecimalPattern("#,###");
    chart.getStyler().setAvailableSpaceFill(0.9);
    chart.getStyler().setOverlapped(false);
    List<String> names = rows.stream().map(Summary.Row::name).toList();
    for (Contender contender : Contender.values()) {
      // RIdGenerator hands out ids from blocks reserved locally: millions per second, a different job, and a bar
      // that would flatten every other one. It stays in the tables.
      if (contender == Contender.REDISSON_ID_GENERATOR || rows.stream().noneMatch(row -> row.ops(contender).isPresent())) {
        continue;
      }
      // XChart needs a value per category; 0 draws no bar where a contender has no such job.
      List<Double> values = rows.stream().map(row -> row.ops(contender).orElse(0)).toList();
      chart.addSeries(contender.label(), names, values);
    }
    return chart;
  }
}
