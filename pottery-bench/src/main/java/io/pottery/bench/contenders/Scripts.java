package io.pottery.bench.contenders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua scripts the raw contenders run: Pottery's own (read from the pottery-structures jar, so raw and Pottery
 * run byte-identical scripts) and the bench's two-round NextId write.
 */
final class Scripts {
  static final Scripts REDLOCK_ACQUIRE = pottery("lock/redlock-acquire.lua");
  static final Scripts REDLOCK_RELEASE = pottery("lock/redlock-release.lua");
  static final Scripts NEXTID_PROPOSE = pottery("nextid/nextid-propose.lua", true);
  static final Scripts MAP_PUT = pottery("collections/map-put.lua", true);
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

  private static Scripts pottery(String path) {
    return read("/io/pottery/internal/" + path);
  }

  private static Scripts pottery(String path, boolean bulkReply) {
    return read("/io/pottery/internal/" + path, bulkReply);
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
