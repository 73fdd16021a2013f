package io.pottery.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * The Redis 6.2 {@code redis-server} binaries packed at the root of the
 * {@code com.github.codemonstur:embedded-redis} jar, one per platform ({@code redis-server-6.2.6-v5-linux-amd64},
 * {@code redis-server-6.2.7-linux-arm64}, …). The one for this machine is copied once to
 * {@code java.io.tmpdir/pottery-embedded-redis/}, made executable and shared by later JVMs, then run like any
 * other {@code redis-server} ({@link RedisProcess}), so kill and pause work on it too.
 */
final class EmbeddedBinary {
  /** The Maven coordinates, for messages. */
  static final String ARTIFACT = "com.github.codemonstur:embedded-redis";

  private EmbeddedBinary() {}

  /**
   * The jar resource holding the binary for an {@code os.name} and {@code os.arch}, if the jar has one.
   * Windows is left out: the jar's Windows build is Redis 5.0, and SIGSTOP does not exist there.
   */
  static Optional<String> resourceFor(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i486") || arch.equals("i586")
        || arch.equals("i686");
    if (os.startsWith("linux")) {
      if (x64) {
        return Optional.of("redis-server-6.2.6-v5-linux-amd64");
      }
      if (arm64) {
        return Optional.of("redis-server-6.2.7-linux-arm64");
      }
      if (x86) {
        return Optional.of("redis-server-6.2.7-linux-386");
      }
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      if (x64) {
        return Optional.of("redis-server-6.2.6-v5-darwin-amd64");
      }
      if (arm64) {
        return Optional.of("redis-server-6.2.6-v5-darwin-arm64");
      }
    }
    return Optional.empty();
  }

  /** Finds the binary for this machine and extracts it; a {@link Probe} says where, or why not. */
  static Probe probe() {
    String os = System.getProperty("os.name", "?");
    String arch = System.getProperty("os.arch", "?");
    Optional<String> resource = resourceFor(os, arch);
    if (resource.isEmpty()) {
      return Probe.missing(ARTIFACT + " has no Redis 6.2 build for " + os + "/" + arch);
    }
    URL url = EmbeddedBinary.class.getClassLoader().getResource(resource.get());
    if (url == null) {
      return Probe.missing(ARTIFACT + " is not on the class path (no " + resource.get() + ")");
    }
    try {
      Path binary = extract(url, resource.get(), Path.of(System.getProperty("java.io.tmpdir"), "pottery-embedded-redis"));
      return Probe.found(binary, "the Redis 6.2 binary from " + ARTIFACT + " (" + binary + ")");
    } catch (IOException e) {
      return Probe.missing("cannot extract " + resource.get() + " from " + ARTIFACT + ": " + e);
    }
  }

  /**
   * Copies the resource to {@code dir/name} unless an executable copy of the same size is there, writing to a
   * temporary file first and moving it into place, so concurrent JVMs never run a half-written binary.
   */
  static Path extract(URL resource, String name, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    long size = resource.openConnection().getContentLengthLong();
    if (Files.isExecutable(target) && size >= 0 && Files.size(target) == size) {
      return target;
    }
    Path partial = Files.createTempFile(dir, name, ".part");
    try {
      try (InputStream in = resource.openStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!partial.toFile().setExecutable(true, false)) {
        throw new IOException("cannot make " + partial + " executable");
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }
}
