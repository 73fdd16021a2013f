package io.pottery.testkit;

import java.util.Objects;

/**
 * A Redis server version, {@code major.minor.patch}, as {@code INFO server} reports it in
 * {@code redis_version}. Ordered numerically, so {@code 6.2.14} is below {@code 7.0.0}.
 *
 * @param major the major version, e.g. 7
 * @param minor the minor version, e.g. 0
 * @param patch the patch version, e.g. 15
 * @since 0.1
 */
public record RedisVersion(int major, int minor, int patch) implements Comparable<RedisVersion> {

  /**
   * Creates a version.
   *
   * @throws IllegalArgumentException if a part is negative
   */
  public RedisVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor + "." + patch);
    }
  }

  /**
   * Parses {@code "7"}, {@code "7.0"} or {@code "7.0.15"}; missing parts are 0. Anything after the third part
   * (as in {@code "7.0.15-rc1"} or {@code "255.255.255"} builds from source) is ignored from the first
   * non-digit on.
   *
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} does not start with a number
   */
  public static RedisVersion parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] parts = text.trim().split("\\.", 4);
    int[] numbers = new int[3];
    for (int i = 0; i < Math.min(3, parts.length); i++) {
      String digits = leadingDigits(parts[i]);
      if (digits.isEmpty()) {
        if (i == 0) {
          throw new IllegalArgumentException("Not a Redis version: \"" + text + "\"; expected e.g. \"7.0\" or \"6.2.14\"");
        }
        break;
      }
      numbers[i] = Integer.parseInt(digits);
      if (digits.length() < parts[i].length()) {
        break;
      }
    }
    return new RedisVersion(numbers[0], numbers[1], numbers[2]);
  }

  private static String leadingDigits(String part) {
    int end = 0;
    while (end < part.length() && end < 9 && Character.isDigit(part.charAt(end))) {
      end++;
    }
    return part.substring(0, end);
  }

  /** Whether this version is {@code minimum} or newer. */
  public boolean isAtLeast(RedisVersion minimum) {
    return compareTo(minimum) >= 0;
  }

  /** Orders by major, then minor, then patch. */
  @Override
  public int compareTo(RedisVersion other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }

  /** {@code "7.0.15"}. */
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
