package io.pottery.spi;

import io.pottery.CrossSlotException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Redis Cluster's key-to-slot function, and the names Pottery derives from a key so that they land in the same
 * slot. Both drivers and the structures use this one implementation, so a cross-slot command is refused the
 * same way everywhere, before it is sent.
 *
 * <h2>Slots</h2>
 * A key's slot is {@code CRC16(k) mod 16384} (CRC-16/XMODEM), where {@code k} is the key's hash tag if it has
 * one and the whole key otherwise. The hash tag is what lies between the first <code>{</code> and the first
 * <code>}</code> after it, provided that is not empty: {@code {user:1}:cart} hashes {@code user:1}, while
 * <code>{}x</code>, <code>a}b</code> and <code>a{b</code> hash whole. This is {@code CLUSTER KEYSLOT}, byte for byte.
 *
 * <h2>Helper keys</h2>
 * {@link #helperKey(String, String)} names a key that a structure keeps beside its main key (a fencing
 * counter, a temporary copy) so that one Lua script may touch both on a cluster. Main keys keep Python
 * pottery's names; only the helper's name carries a tag.
 *
 * <p>Thread-safe and stateless; the table behind {@link #tagForSlot(int)} is computed once, on first use.
 *
 * @since 0.2
 */
public final class HashSlots {
  /** The number of hash slots in a Redis Cluster. */
  public static final int SLOT_COUNT = 16384;

  private static final int[] CRC16_TABLE = crc16Table();

  private HashSlots() {}

  private static int[] crc16Table() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      table[i] = crc & 0xffff;
    }
    return table;
  }

  /** CRC-16/XMODEM (polynomial 0x1021, initial value 0) of {@code bytes[from..to)}. */
  static int crc16(byte[] bytes, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc = ((crc << 8) ^ CRC16_TABLE[((crc >>> 8) ^ bytes[i]) & 0xff]) & 0xffff;
    }
    return crc;
  }

  /**
   * The hash slot of a key, 0–16383, as {@code CLUSTER KEYSLOT} computes it.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static int slot(byte[] key) {
    Objects.requireNonNull(key, "key");
    int open = indexOf(key, (byte) '{', 0);
    if (open >= 0) {
      int close = indexOf(key, (byte) '}', open + 1);
      if (close > open + 1) {
        return crc16(key, open + 1, close) & (SLOT_COUNT - 1);
      }
    }
    return crc16(key, 0, key.length) & (SLOT_COUNT - 1);
  }

  /**
   * The hash slot of a key given as text (encoded as UTF-8, as Pottery sends keys).
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static int slot(String key) {
    return slot(Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether the key has a hash tag: a {@code {} followed, later, by a {@code }} with at least one character
   * between them. Only then does Redis hash part of the key.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static boolean hasHashTag(String key) {
    int open = key.indexOf('{');
    if (open < 0) {
      return false;
    }
    int close = key.indexOf('}', open + 1);
    return close > open + 1;
  }

  /** A key that is its own tag once wrapped in braces: no braces in it, and not empty ({@code {}} is no tag). */
  private static boolean plain(String key) {
    return !key.isEmpty() && key.indexOf('{') < 0 && key.indexOf('}') < 0;
  }

  /**
   * The name of a helper key of {@code key}, in {@code key}'s slot:
   * <ul>
   *   <li>a key with a hash tag gets {@code key:suffix} (the tag carries over): {@code {cart}:1} →
   *       {@code {cart}:1:fence};
   *   <li>a key with no braces at all gets {@code {key}:suffix}: {@code redlock:printer} →
   *       {@code {redlock:printer}:fence};
   *   <li>any other key (braces, but no valid tag: <code>{}x</code>, <code>a}b</code>, <code>a{b</code>; or the empty key) gets
   *       {@code {t}:key:suffix}, where {@code t} is {@link #tagForSlot(int) the table's tag} for the key's slot.
   * </ul>
   * The result is stable across versions: data written by one version is found by the next.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code suffix} is empty
   */
  public static String helperKey(String key, String suffix) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(suffix, "suffix");
    if (suffix.isEmpty()) {
      throw new IllegalArgumentException("suffix is empty");
    }
    if (hasHashTag(key)) {
      return key + ":" + suffix;
    }
    if (plain(key)) {
      return "{" + key + "}:" + suffix;
    }
    return "{" + tagForSlot(slot(key)) + "}:" + key + ":" + suffix;
  }

  /**
   * A hash tag (without braces) that puts a key in the same slot as {@code key}: the key's own tag if it has
   * one, the whole key if it has no braces, else {@link #tagForSlot(int)}. For naming new keys, such as the
   * unnamed result of a multi-key operation, {@code "pottery:{" + tagOf(key) + "}:" + random}.
   *
   * @throws NullPointerException if {@code key} is null
   */
  public static String tagOf(String key) {
    Objects.requireNonNull(key, "key");
    if (hasHashTag(key)) {
      int open = key.indexOf('{');
      return key.substring(open + 1, key.indexOf('}', open + 1));
    }
    if (plain(key)) {
      return key;
    }
    return tagForSlot(slot(key));
  }

  /**
   * The shortest tag of lower-case letters and digits whose slot is {@code slot}; ties go to the
   * lexicographically first ({@code 0-9} before {@code a-z}). Fixed forever: helper keys of existing data
   * depend on it.
   *
   * @throws IllegalArgumentException if {@code slot} is not in 0–16383
   */
  public static String tagForSlot(int slot) {
    if (slot < 0 || slot >= SLOT_COUNT) {
      throw new IllegalArgumentException("slot " + slot + " is not in 0.." + (SLOT_COUNT - 1));
    }
    return SlotTags.TAGS[slot];
  }

  /**
   * The slot a cluster driver sends {@code command} to: the one slot all its keys share; for a keyless
   * command its {@link Command#routeSlot() route slot}, or {@code -1} if it has none (then the driver applies
   * its documented keyless routing, see {@link RedisConnection}).
   *
   * @param masters the redacted cluster URI for the exception's message, or empty
   * @throws CrossSlotException if two keys are in different slots; nothing has been sent
   * @throws IllegalArgumentException if the command has keys and a route slot that is not theirs
   * @throws NullPointerException if an argument is null
   */
  public static int requireOneSlot(Command command, List<String> masters) {
    Objects.requireNonNull(masters, "masters");
    int[] positions = command.keyPositions();
    if (positions.length == 0) {
      return command.routeSlot();
    }
    int slot = slot(command.arg(positions[0]));
    for (int i = 1; i < positions.length; i++) {
      if (slot(command.arg(positions[i])) != slot) {
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (int position : positions) {
          byte[] key = command.arg(position);
          slots.put(new String(key, StandardCharsets.UTF_8), slot(key));
        }
        throw new CrossSlotException(command.name(), slots, masters);
      }
    }
    if (command.routeSlot() >= 0 && command.routeSlot() != slot) {
      throw new IllegalArgumentException(command.name() + " has keys in slot " + slot + " but is routed to slot "
          + command.routeSlot());
    }
    return slot;
  }

  /** The per-slot tag table, built on first use (about 50,000 CRC computations). */
  private static final class SlotTags {
    // Declared before TAGS: static initializers run in text order.
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    static final String[] TAGS = build();

    private static String[] build() {
      String[] tags = new String[SLOT_COUNT];
      int missing = SLOT_COUNT;
      for (int length = 1; missing > 0; length++) {
        int[] digits = new int[length];
        byte[] bytes = new byte[length];
        while (true) {
          for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ALPHABET[digits[i]];
          }
          int slot = crc16(bytes, 0, length) & (SLOT_COUNT - 1);
          if (tags[slot] == null) {
            tags[slot] = new String(bytes, StandardCharsets.US_ASCII);
            missing--;
          }
          int i = length - 1;
          while (i >= 0 && ++digits[i] == ALPHABET.length) {
            digits[i--] = 0;
          }
          if (i < 0) {
            break;
          }
        }
      }
      return tags;
    }
  }
}
