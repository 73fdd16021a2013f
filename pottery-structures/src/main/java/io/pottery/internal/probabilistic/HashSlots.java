package io.pottery.internal.probabilistic;

import java.nio.charset.StandardCharsets;

/**
 * Redis Cluster hash slots (CRC16-XMODEM of the key's hash tag, modulo 16384), to name helper keys that live in
 * the same slot as the key they help, so a script may take both on a cluster.
 */
final class HashSlots {
  static final int SLOTS = 16384;

  private HashSlots() {}

  /** The slot of a key: that of its hash tag (the text between the first {@code {} and the next {@code }}, if not empty), else of the whole key. */
  static int slot(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    int open = indexOf(bytes, (byte) '{', 0);
    if (open >= 0) {
      int close = indexOf(bytes, (byte) '}', open + 1);
      if (close > open + 1) {
        return crc16(bytes, open + 1, close) % SLOTS;
      }
    }
    return crc16(bytes, 0, bytes.length) % SLOTS;
  }

  /**
   * A prefix for helper keys of {@code key} (append text without braces to it) whose slot is {@code key}'s: the key
   * itself if it has a hash tag, {@code {key}} if it has no {@code }}, else {@code {t}} with a short tag t searched
   * for the same slot.
   */
  static String sameSlotPrefix(String key) {
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) {
        return key;
      }
    }
    if (!key.isEmpty() && key.indexOf('}') < 0) {
      return "{" + key + "}";
    }
    int slot = slot(key);
    for (int i = 0; ; i++) {
      String tag = "pottery-" + i;
      if (slot(tag) == slot) {
        return "{" + tag + "}";
      }
    }
  }

  /** CRC16-XMODEM (polynomial 0x1021, initial value 0), as Redis Cluster computes it. */
  static int crc16(byte[] bytes, int from, int to) {
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

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
