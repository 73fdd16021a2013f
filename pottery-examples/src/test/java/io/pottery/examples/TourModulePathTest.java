package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tour on the module path, as an application that has a {@code module-info.java} runs it: a child JVM started
 * with {@code java --module-path … -m io.pottery.examples/io.pottery.examples.Tour}. The examples module requires
 * {@code io.pottery} and nothing of the structures or the codec, so the tour only works if the library jars'
 * descriptors are right: {@code io.pottery} declares {@code uses} for its services, the structures, drivers and
 * codec declare {@code provides}, every {@code requires} names the module a dependency really is (Jedis, Lettuce,
 * Jackson...) and what a module needs from a sibling is exported to it.
 *
 * <p>The module path is the examples' runtime dependencies, which the build writes to
 * {@code target/tour-module-path.txt} (maven-dependency-plugin, see the pom); the test JVM itself runs on the class
 * path like every other test.
 */
@WithRedis
class TourModulePathTest {
  private static final String MAIN = "io.pottery.examples/io.pottery.examples.Tour";

  /**
   * Once with each driver ({@code pottery.driver}, as a user chooses one without code): each driver's descriptor
   * must make its client library's own dependencies resolvable, which that library, an automatic module, cannot.
   */
  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void theTourRunsOnTheModulePath(String driver, RedisServer server, @TempDir Path scratch) throws Exception {
    List<String> command = new ArrayList<>(List.of(javaLauncher(), "-Dpottery.driver=" + driver,
        "--module-path", modulePath(scratch), "-m", MAIN, server.uri()));
    Process tour = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = tour.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      if (!tour.waitFor(120, TimeUnit.SECONDS)) {
        tour.destroyForcibly();
      }
    }

    assertThat(tour.exitValue()).as("exit code of %s; output:%n%s", command, output).isZero();
    assertThat(output).contains("// Redis:  " + RedisEndpoint.parse(server.uri()).redacted() + " (from the command line)");
    // Found by ServiceLoader through the descriptors: the driver asked for, and the only codec on the runtime path.
    assertThat(output).contains("// Driver: " + driver + ", codec: jackson");
    assertThat(output.lines().filter(line -> line.startsWith("tel.get(\"jack\"); "))
        .map(line -> line.substring(line.indexOf("// ") + 3))).as("the map step in:%n%s", output).containsExactly("4098");
    assertThat(output).contains("// Deleted the tour's keys (");
    assertThat(output).doesNotContain("Exception in thread");
  }

  @Test
  void theLibraryJarsAreNamedModulesOnThatPath(@TempDir Path scratch) {
    ModuleFinder finder = ModuleFinder.of(Stream.of(modulePath(scratch).split(java.io.File.pathSeparator))
        .map(Path::of).toArray(Path[]::new));
    Set<String> explicit = finder.findAll().stream()
        .filter(module -> !module.descriptor().isAutomatic())
        .map(module -> module.descriptor().name())
        .filter(name -> name.startsWith("io.pottery"))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(explicit).contains("io.pottery", "io.pottery.structures", "io.pottery.driver.lettuce",
        "io.pottery.driver.jedis", "io.pottery.codec.jackson", "io.pottery.codec.support", "io.pottery.micrometer",
        "io.pottery.examples");
    assertThat(finder.find("io.pottery").orElseThrow().descriptor().exports())
        .filteredOn(export -> !export.isQualified())
        .extracting(export -> export.source())
        .containsExactlyInAnyOrder("io.pottery", "io.pottery.spi", "io.pottery.instrumentation");
  }

  /** The java that runs this test. */
  private static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * {@code target/classes} and the runtime dependencies. A sibling module resolved to its classes directory (a
   * reactor run that stops before {@code package}) is a module only with a {@code module-info.class}; the one
   * library without a descriptor, the testkit, is then jarred here under its automatic module name.
   */
  private static String modulePath(Path scratch) {
    Path listed = Path.of(System.getProperty("examples.tourModulePath", "target/tour-module-path.txt"));
    List<String> entries = new ArrayList<>();
    entries.add(Path.of("target", "classes").toAbsolutePath().toString());
    try {
      for (String entry : Files.readString(listed).trim().split(java.io.File.pathSeparator)) {
        Path path = Path.of(entry);
        if (Files.isDirectory(path) && !Files.exists(path.resolve("module-info.class"))) {
          path = jarred(path, scratch);
        }
        entries.add(path.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + listed.toAbsolutePath()
          + ", written by maven-dependency-plugin at generate-test-resources", e);
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /** A classes directory as a jar whose automatic module name is the common prefix of its packages. */
  private static Path jarred(Path classes, Path scratch) throws IOException {
    String name;
    try (Stream<Path> files = Files.walk(classes)) {
      name = files.filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.'))
          .reduce(TourModulePathTest::commonPackage).orElseThrow();
    }
    Path manifest = scratch.resolve(name + ".mf");
    Files.writeString(manifest, "Automatic-Module-Name: " + name + "\n");
    Path jar = scratch.resolve(name + ".jar");
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = ToolProvider.findFirst("jar").orElseThrow().run(System.out, new PrintStream(errors, true),
        "--create", "--file", jar.toString(), "--manifest", manifest.toString(), "-C", classes.toString(), ".");
    assertThat(status).as("jar of %s: %s", classes, errors).isZero();
    return jar;
  }

  private static String commonPackage(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    int same = 0;
    while (same < left.length && same < right.length && left[same].equals(right[same])) {
      same++;
    }
    return String.join(".", List.of(left).subList(0, same));
  }
}
