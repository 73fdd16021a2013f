package io.pottery.codec.gson;

/** How error messages show stored bytes: a short, printable prefix and the total size. */
final class QuotedBytes {
  static final int SHOWN = 64;

  private QuotedBytes() {}

  /**
   * {@code "abc" (3 bytes)}: the first {@value #SHOWN} bytes between quotes, printable ASCII as is, quotes and
   * backslashes escaped, anything else as {@code \xNN} (stored bytes need not be UTF-8), and {@code …} when cut.
   */
  static String quote(byte[] bytes) {
    int shown = Math.min(bytes.length, SHOWN);
    StringBuilder s = new StringBuilder(shown + 24).append('"');
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
    return s.append("\" (").append(bytes.length).append(bytes.length == 1 ? " byte)" : " bytes)").toString();
  }
}
