package io.pottery.testkit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which matrix cells run, from two settings, each a system property or JUnit configuration parameter:
 *
 * <ul>
 *   <li>{@code pottery.topology}: {@code standalone}, {@code cluster}, or both comma-separated. Unset or
 *       blank: {@link #DEFAULT_TOPOLOGIES}.
 *   <li>{@code pottery.matrix}: comma-separated {@code driver[:codec[:topology]]} entries, where driver and
 *       codec may be {@code *} and a lone driver means all its codecs, e.g. {@code lettuce:gson},
 *       {@code jedis}, {@code *:gson}, {@code jedis:jackson,lettuce:gson:cluster}. An entry without a topology
 *       takes those of {@code pottery.topology}; an entry that names one gets exactly that one, whatever
 *       {@code pottery.topology} says. Unset or blank: every driver and codec.
 * </ul>
 *
 * <p>A setting that names nothing of the matrix fails with the valid names, never runs nothing.
 */
final class MatrixSelection {
  /** The driver and codec selection's name. */
  static final String PROPERTY = "pottery.matrix";
  /** The topology selection's name. */
  static final String TOPOLOGY_PROPERTY = "pottery.topology";
  /**
   * The topologies when {@code pottery.topology} is unset: both, since both drivers connect to
   * {@code redis-cluster://} URIs and every structure must work unchanged on a cluster;
   * {@code -Dpottery.topology=standalone} (or {@code cluster}) narrows a local run to one.
   */
  static final String DEFAULT_TOPOLOGIES = "standalone,cluster";

  private MatrixSelection() {}

  /**
   * The cells the settings select, standalone ones first, each topology in {@link MatrixCell#ALL} order.
   *
   * @param matrix the value of {@code pottery.matrix}, or {@code null}
   * @param topologies the value of {@code pottery.topology}, or {@code null}
   * @throws IllegalArgumentException if a part names no driver, codec or topology of the matrix, or nothing is
   *     left
   */
  static List<MatrixCell> select(String matrix, String topologies) {
    Set<Topology> defaults = topologies(topologies);
    Set<MatrixCell> chosen = new LinkedHashSet<>();
    if (matrix == null || matrix.isBlank()) {
      for (MatrixCell cell : MatrixCell.EVERY_TOPOLOGY) {
        if (defaults.contains(cell.topology())) {
          chosen.add(cell);
        }
      }
    } else {
      for (String part : matrix.split(",")) {
        String entry = part.trim().toLowerCase(Locale.ROOT);
        if (!entry.isEmpty()) {
          chosen.addAll(entry(matrix, part.trim(), entry, defaults));
        }
      }
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(PROPERTY + "=\"" + matrix + "\" selects no cell; leave it unset for all");
    }
    return MatrixCell.EVERY_TOPOLOGY.stream().filter(chosen::contains).toList();
  }

  private static List<MatrixCell> entry(String setting, String original, String entry, Set<Topology> defaults) {
    String[] parts = entry.split(":", -1);
    if (parts.length > 3) {
      throw new IllegalArgumentException(PROPERTY + "=\"" + setting + "\": \"" + original + "\" has " + parts.length
          + " parts; write driver[:codec[:topology]], e.g. lettuce:gson:cluster");
    }
    String driver = parts[0].trim();
    String codec = parts.length > 1 ? parts[1].trim() : "*";
    Set<Topology> wanted = defaults;
    if (parts.length > 2 && !parts[2].isBlank() && !parts[2].trim().equals("*")) {
      try {
        wanted = Set.of(Topology.parse(parts[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(PROPERTY + "=\"" + setting + "\": in \"" + original + "\", "
            + e.getMessage(), e);
      }
    } else if (parts.length > 2) {
      wanted = Set.of(Topology.values());
    }
    List<MatrixCell> matching = new ArrayList<>();
    for (MatrixCell cell : MatrixCell.EVERY_TOPOLOGY) {
      if (matches(driver, cell.driver()) && matches(codec, cell.codec()) && wanted.contains(cell.topology())) {
        matching.add(cell);
      }
    }
    if (matching.isEmpty()) {
      throw new IllegalArgumentException(PROPERTY + "=\"" + setting + "\": \"" + original + "\" matches no cell of "
          + MatrixCell.ALL.stream().map(c -> c.driver() + ":" + c.codec()).collect(Collectors.joining(", "))
          + "; write driver[:codec[:topology]], with * for any, topology standalone or cluster");
    }
    return matching;
  }

  /**
   * The topologies a {@code pottery.topology} value names.
   *
   * @throws IllegalArgumentException if a part is not a topology
   */
  static Set<Topology> topologies(String setting) {
    String value = setting == null || setting.isBlank() ? DEFAULT_TOPOLOGIES : setting;
    Set<Topology> topologies = EnumSet.noneOf(Topology.class);
    for (String part : value.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        topologies.add(Topology.parse(part));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(TOPOLOGY_PROPERTY + "=\"" + setting + "\": " + e.getMessage()
            + ", or both as standalone,cluster", e);
      }
    }
    if (topologies.isEmpty()) {
      throw new IllegalArgumentException(TOPOLOGY_PROPERTY + "=\"" + setting + "\" names no topology; use standalone,"
          + " cluster, or standalone,cluster");
    }
    return topologies;
  }

  private static boolean matches(String pattern, String name) {
    return pattern.equals("*") || pattern.isEmpty() || pattern.equals(name);
  }
}
