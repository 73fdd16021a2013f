package io.pottery.testkit;

/**
 * The Redis Cluster hash slot of a key: CRC16 (XMODEM) of the key, or of its hash tag, modulo 16384. The tag
 * is what lies between the first {@code {} and the first {@code }} after it, when that is not empty; so
 * {@code {a}b} hashes {@code a}, while {@code {}x} and {@code a}b} hash the whole key. The testkit computes
 * slots itself (rather than sharing pottery-api's function) so its routing and tests check Pottery's
 * implementation against an independent one and against {@code CLUSTER KEYSLOT}.
 */
final class HashSlot {
  /** How many slots a Redis Cluster has. */
  static final int SLOTS = 16384;

  private HashSlot() {}

  /** The slot of a key's bytes. */
  static int of(byte[] key) {
    int start = 0;
    int end = key.length;
    for (int open = 0; open < key.length; open++) {
      if (key[open] == '{') {
        for (int close = open + 1; close < key.length; close++) {
          if (key[close] == '}') {
            if (close > open + 1) {
              start = open + 1;
              end = close;
            }
            break;
          }
        }
        break;
      }
    }
    return crc16(key, start, end) & (SLOTS - 1);
  }

  private static int crc16(byte[] bytes, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc ^= (bytes[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xffff;
    }
    return crc;
  }
}
