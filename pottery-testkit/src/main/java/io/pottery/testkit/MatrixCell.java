package io.pottery.testkit;

import java.util.List;

/**
 * One cell of the test matrix: a driver and a codec, by their Pottery names.
 *
 * @param driver {@code "jedis"} or {@code "lettuce"}
 * @param codec {@code "jackson"} or {@code "gson"}
 * @since 0.1
 */
public record MatrixCell(String driver, String codec) {

  /** The full matrix every structure test runs on: {Jedis, Lettuce} × {Jackson, Gson}. */
  public static final List<MatrixCell> ALL = List.of(
      new MatrixCell("jedis", "jackson"),
      new MatrixCell("jedis", "gson"),
      new MatrixCell("lettuce", "jackson"),
      new MatrixCell("lettuce", "gson"));

  /** {@code "jedis × jackson"}. */
  @Override
  public String toString() {
    return driver + " × " + codec;
  }
}
