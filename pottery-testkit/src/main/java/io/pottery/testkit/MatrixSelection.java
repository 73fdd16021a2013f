package io.pottery.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Narrows the matrix for local iteration with the system property (or JUnit configuration parameter)
 * {@code pottery.matrix}: comma-separated {@code driver:codec} cells, where either side may be {@code *} and
 * a lone driver means all its codecs, e.g. {@code lettuce:gson}, {@code jedis}, {@code *:gson} or
 * {@code jedis:jackson,lettuce:gson}. Unset or blank: the full matrix.
 */
final class MatrixSelection {
  /** The property's name. */
  static final String PROPERTY = "pottery.matrix";

  private MatrixSelection() {}

  /**
   * The cells a setting selects, in {@link MatrixCell#ALL} order.
   *
   * @throws IllegalArgumentException if a part names no driver or codec of the matrix, or nothing is left
   */
  static List<MatrixCell> select(String setting) {
    if (setting == null || setting.isBlank()) {
      return MatrixCell.ALL;
    }
    Set<MatrixCell> chosen = new LinkedHashSet<>();
    for (String part : setting.split(",")) {
      String entry = part.trim().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String driver = colon < 0 ? entry : entry.substring(0, colon).trim();
      String codec = colon < 0 ? "*" : entry.substring(colon + 1).trim();
      List<MatrixCell> matching = new ArrayList<>();
      for (MatrixCell cell : MatrixCell.ALL) {
        if (matches(driver, cell.driver()) && matches(codec, cell.codec())) {
          matching.add(cell);
        }
      }
      if (matching.isEmpty()) {
        throw new IllegalArgumentException(PROPERTY + "=\"" + setting + "\": \"" + part.trim() + "\" matches no cell of "
            + MatrixCell.ALL.stream().map(c -> c.driver() + ":" + c.codec()).collect(Collectors.joining(", "))
            + "; write driver:codec, with * for any");
      }
      chosen.addAll(matching);
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(PROPERTY + "=\"" + setting + "\" selects no cell; leave it unset for all");
    }
    return MatrixCell.ALL.stream().filter(chosen::contains).toList();
  }

  private static boolean matches(String pattern, String name) {
    return pattern.equals("*") || pattern.isEmpty() || pattern.equals(name);
  }
}
