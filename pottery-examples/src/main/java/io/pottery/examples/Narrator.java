package io.pottery.examples;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Prints the tour as Java you could paste: each step is a statement, its result a trailing comment, in the
 * way Python pottery's README shows {@code >>>} lines and their results.
 */
final class Narrator {
  /** Results line up in one column after the code, as long as the code is shorter than this. */
  private static final int CODE_WIDTH = 50;

  private final PrintStream out;

  Narrator(PrintStream out) {
    this.out = out;
  }

  /** A title line. */
  void title(String text) {
    out.println("// " + text);
  }

  /** A section heading, after a blank line. */
  void section(String text) {
    out.println();
    out.println("// === " + text);
  }

  /** A line of explanation, as a comment. */
  void say(String text) {
    out.println("// " + text);
  }

  /** A statement with no result worth showing. */
  void code(String code) {
    out.println(code);
  }

  /** Runs a step and prints its code with its result. */
  <T> T show(String code, Supplier<T> step) {
    return show(code, step, null);
  }

  /** Runs a step and prints its code with its result and a note on why. */
  <T> T show(String code, Supplier<T> step, String note) {
    T result = step.get();
    line(code, render(result), note);
    return result;
  }

  /** Runs a step that returns nothing and prints its code with a note. */
  void run(String code, Runnable step, String note) {
    step.run();
    line(code, null, note);
  }

  /**
   * Runs a step that must throw, and prints the exception it threw.
   *
   * @throws IllegalStateException if the step did not throw, since the tour would then tell a lie
   */
  void showThrows(String code, Runnable step, String note) {
    try {
      step.run();
    } catch (RuntimeException e) {
      line(code, "throws " + e.getClass().getSimpleName(), note);
      return;
    }
    throw new IllegalStateException("The tour expected " + code + " to throw, but it returned normally");
  }

  private void line(String code, String result, String note) {
    StringBuilder sb = new StringBuilder(code);
    do {
      sb.append(' ');
    } while (sb.length() < CODE_WIDTH);
    sb.append("// ");
    if (result != null) {
      sb.append(result).append(note == null ? "" : " -- ");
    }
    if (note != null) {
      sb.append(note);
    }
    out.println(sb);
  }

  /** Bytes as {@code redis-cli} quotes them: {@code "\"jack\""}, with {@code \xNN} for non-printable bytes. */
  static String quote(byte[] bytes) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.append('"').toString();
  }

  /** Java's {@code toString} shape, but strings quoted at the top level so {@code "4098"} and 4098 differ. */
  static String render(Object value) {
    if (value instanceof String) {
      return "\"" + value + "\"";
    }
    if (value instanceof Map<?, ?>) {
      StringBuilder sb = new StringBuilder("{");
      Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) value).entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> entry = it.next();
        sb.append(entry.getKey()).append('=').append(entry.getValue());
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      return sb.append('}').toString();
    }
    if (value instanceof Collection<?>) {
      StringBuilder sb = new StringBuilder("[");
      Iterator<?> it = ((Collection<?>) value).iterator();
      while (it.hasNext()) {
        sb.append(it.next());
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      return sb.append(']').toString();
    }
    return String.valueOf(value);
  }
}
