package io.pottery.bench.contenders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts the raw contenders run: Pottery's own and the bench's two-round NextId write. Pottery's are the
 * bench's copies under {@code io/pottery/bench/contenders/pottery/}, not read from inside the pottery-structures jar
 * (its resource paths are internal and may move); {@code ScriptCopiesTest} fails unless each copy is byte for byte
 * the script pottery-structures runs (the {@link #POTTERY_SOURCES} file), so raw and Pottery still run identical
 * scripts.
 */
final class Scripts {
  /** Each copied script's name, and the file of pottery-structures (from the repository root) it copies. */
  static final java.util.Map<String, String> POTTERY_SOURCES = java.util.Map.of(
      "redlock-acquire.lua", "pottery-structures/src/main/resources/io/pottery/internal/lock/redlock-acquire.lua",
      "redlock-release.lua", "pottery-structures/src/main/resources/io/pottery/internal/lock/redlock-release.lua",
      "nextid-propose.lua", "pottery-structures/src/main/resources/io/pottery/internal/nextid/nextid-propose.lua",
      "map-put.lua", "pottery-structures/src/main/resources/io/pottery/internal/collections/map-put.lua");
  /** Where the copies are, on the bench's class path. */
  static final String POTTERY_COPIES = "/io/pottery/bench/contenders/pottery/";

  static final Scripts REDLOCK_ACQUIRE = pottery("redlock-acquire.lua");
  static final Scripts REDLOCK_RELEASE = pottery("redlock-release.lua");
  static final Scripts NEXTID_PROPOSE = pottery("nextid-propose.lua", true);
  static final Scripts MAP_PUT = pottery("map-put.lua", true);
  static final Scripts TWO_ROUND_RAISE = read("/io/pottery/bench/contenders/two-round-raise.lua");

  final String text;
  final String sha1;
  /** Whether the script replies with a bulk string (or nil) rather than an integer. */
  final boolean bulkReply;

  private Scripts(String text, boolean bulkReply) {
    this.text = text;
    this.bulkReply = bulkReply;
    try {
      this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 in this JVM", e);
    }
  }

  private static Scripts pottery(String name) {
    return read(POTTERY_COPIES + name);
  }

  private static Scripts pottery(String name, boolean bulkReply) {
    return read(POTTERY_COPIES + name, bulkReply);
  }

  private static Scripts read(String resource) {
    return read(resource, false);
  }

  private static Scripts read(String resource, boolean bulkReply) {
    try (InputStream in = Scripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Lua script " + resource + " is not on the class path");
      }
      return new Scripts(new String(in.readAllBytes(), StandardCharsets.UTF_8), bulkReply);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scripts[] all() {
    return new Scripts[] {REDLOCK_ACQUIRE, REDLOCK_RELEASE, NEXTID_PROPOSE, MAP_PUT, TWO_ROUND_RAISE};
  }

  byte[] sha1Bytes() {
    return sha1.getBytes(StandardCharsets.US_ASCII);
  }
}
