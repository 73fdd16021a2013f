package io.pottery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the bench ran on, for reports and chart titles. */
final class Machine {
  private Machine() {}

  /** E.g. {@code Linux amd64, 2 CPUs (Intel Xeon ...), Java 17.0.12 (OpenJDK 64-Bit Server VM)}. */
  static String describe() {
    return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + shortName() + cpuModel()
        + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
  }

  /** E.g. {@code 2 CPUs}. */
  static String shortName() {
    int cpus = Runtime.getRuntime().availableProcessors();
    return cpus + (cpus == 1 ? " CPU" : " CPUs");
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("model name"))
          .map(line -> " (" + line.substring(line.indexOf(':') + 1).trim() + ")")
          .findFirst().orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
