package io.pottery.internal.text;

/**
 * How Pottery's messages show bytes: one routine for keys and values alike, so that a key reads the same in a
 * codec's error, a structure's error and a command's {@code toString()}. Not API.
 */
public final class Quoting {
  /** How many bytes a quote shows at most; the rest is cut, marked with {@code …}. */
  public static final int SHOWN_BYTES = 64;

  private Quoting() {}

  /**
   * {@code "abc"}: the first {@value #SHOWN_BYTES} bytes between quotes, printable ASCII as it is, quotes and
   * backslashes escaped, {@code \n \r \t} as such and any other byte as {@code \xNN} (stored bytes need not be
   * UTF-8); {@code …} before the closing quote when bytes were cut.
   *
   * @throws NullPointerException if {@code bytes} is null
   */
  public static String quote(byte[] bytes) {
    return appendQuoted(new StringBuilder(Math.min(bytes.length, SHOWN_BYTES) + 8), bytes).toString();
  }

  /**
   * {@code "abc" (3 bytes)}: {@link #quote} and the total size.
   *
   * @throws NullPointerException if {@code bytes} is null
   */
  public static String quoteWithSize(byte[] bytes) {
    return appendQuoted(new StringBuilder(Math.min(bytes.length, SHOWN_BYTES) + 24), bytes)
        .append(" (").append(bytes.length).append(bytes.length == 1 ? " byte)" : " bytes)").toString();
  }

  /** Whether every byte is printable ASCII, so that {@link #quote} shows the bytes as they are (escapes aside). */
  public static boolean printable(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static StringBuilder appendQuoted(StringBuilder s, byte[] bytes) {
    int shown = Math.min(bytes.length, SHOWN_BYTES);
    s.append('"');
    for (int i = 0; i < shown; i++) {
      int b = bytes[i] & 0xff;
      if (b == '"' || b == '\\') {
        s.append('\\').append((char) b);
      } else if (b >= 0x20 && b < 0x7f) {
        s.append((char) b);
      } else if (b == '\n') {
        s.append("\\n");
      } else if (b == '\r') {
        s.append("\\r");
      } else if (b == '\t') {
        s.append("\\t");
      } else {
        s.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
      }
    }
    if (bytes.length > shown) {
      s.append('…');
    }
    return s.append('"');
  }
}
