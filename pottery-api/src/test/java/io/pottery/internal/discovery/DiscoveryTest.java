package io.pottery.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pottery.PotteryConfigurationException;
import io.pottery.spi.Codec;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.StructuresProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Provider discovery with class loaders that serve no, one, two (tied or not) and broken providers, and ones
 * built for another SPI version. Messages are asserted whole, one "skipped" part per line, and the ones
 * docs/errors.md quotes are checked against it.
 */
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ)
class DiscoveryTest {
  private static final String DRIVER_CLASS = TestProviders.class.getName() + "$";
  private static final Predicate<Object> ANY = provider -> true;

  @TempDir
  Path services;

  /** A class loader whose only services file lists {@code providers} for {@code service}, in that order. */
  private ClassLoader serving(Class<?> service, String... providers) {
    try {
      Path dir = Files.createTempDirectory(services, "classpath");
      Path file = dir.resolve("META-INF/services/" + service.getName());
      Files.createDirectories(file.getParent());
      Files.write(file, Arrays.asList(providers), StandardCharsets.UTF_8);
      return new URLClassLoader(new URL[] {dir.toUri().toURL()}, DiscoveryTest.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ClassLoader drivers(String... simpleNames) {
    return serving(RedisDriver.class,
        Arrays.stream(simpleNames).map(n -> n.contains(".") ? n : DRIVER_CLASS + n).toArray(String[]::new));
  }

  private static RedisDriver selectDriver(ClassLoader loader, String choice) {
    return ProviderSelection.select(PotteryAssembly.DRIVERS, loader, choice, ANY::test, "");
  }

  /** The message split where each skipped provider is reported, so that a failure shows the part that differs. */
  private static List<String> parts(Throwable e) {
    return Arrays.stream(e.getMessage().split("; skipped ")).collect(Collectors.toList());
  }

  private static PotteryConfigurationException failure(Runnable selection) {
    return catchThrowableOfType(selection::run, PotteryConfigurationException.class);
  }

  // ---------------------------------------------------------------------------------------------------------
  // None

  @Test
  void noDriverNamesBothArtifacts() {
    assertThatThrownBy(() -> selectDriver(drivers(), null))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasNoCause()
        .hasMessage("No io.pottery.spi.RedisDriver on the class path; add io.pottery:pottery-driver-lettuce or "
            + "io.pottery:pottery-driver-jedis (docs/errors.md#no-driver)");
  }

  @Test
  void noCodecNamesBothArtifacts() {
    assertThatThrownBy(() -> ProviderSelection.select(PotteryAssembly.CODECS, serving(Codec.class), null, ANY::test, ""))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("No io.pottery.spi.Codec on the class path; add io.pottery:pottery-codec-jackson or "
            + "io.pottery:pottery-codec-gson (docs/errors.md#no-codec)");
  }

  @Test
  void noStructuresNamesTheArtifact() {
    assertThatThrownBy(() -> ProviderSelection.select(PotteryAssembly.STRUCTURES, serving(StructuresProvider.class),
        null, ANY::test, ""))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("No io.pottery.spi.StructuresProvider on the class path; add io.pottery:pottery-structures "
            + "(docs/errors.md#no-structures)");
  }

  // ---------------------------------------------------------------------------------------------------------
  // One, two

  @Test
  void oneDriverIsUsed() {
    assertThat(selectDriver(drivers("Jedis"), null)).isInstanceOf(TestProviders.Jedis.class);
  }

  @Test
  void ofTwoTheHigherPriorityWinsWhateverTheClassPathOrder() {
    assertThat(selectDriver(drivers("Jedis", "Lettuce"), null)).isInstanceOf(TestProviders.Lettuce.class);
    assertThat(selectDriver(drivers("Lettuce", "Jedis"), null)).isInstanceOf(TestProviders.Lettuce.class);
  }

  @Test
  void aChoiceBeatsPriority() {
    assertThat(selectDriver(drivers("Lettuce", "Jedis"), "jedis")).isInstanceOf(TestProviders.Jedis.class);
    assertThat(selectDriver(drivers("Lettuce", "Jedis"), "JEDIS")).isInstanceOf(TestProviders.Jedis.class);
  }

  @Test
  void aTieIsAnErrorListingBoth() {
    assertThatThrownBy(() -> selectDriver(drivers("Lettuce", "Acme", "Jedis"), null))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("Several drivers on the class path have priority 10: lettuce and acme; choose one with "
            + "Pottery.builder().driver(\"…\") or -Dpottery.driver=… (docs/errors.md#ambiguous)");
  }

  @Test
  void aChoiceSettlesATie() {
    assertThat(selectDriver(drivers("Lettuce", "Acme"), "acme")).isInstanceOf(TestProviders.Acme.class);
  }

  @Test
  void aChosenDriverThatIsAbsentNamesItsArtifact() {
    assertThatThrownBy(() -> selectDriver(drivers("Jedis"), "lettuce"))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("Pottery.builder().driver(…) is \"lettuce\" (builder) but only jedis is on the class path; "
            + "add io.pottery:pottery-driver-lettuce or change the builder's driver(…) (docs/errors.md#unknown-choice)");
  }

  @Test
  void anUnknownChoiceListsTheKnownNames() {
    assertThatThrownBy(() -> selectDriver(drivers("Jedis", "Lettuce"), "redisson"))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("Pottery.builder().driver(…) is \"redisson\" (builder) but only jedis and lettuce are on the "
            + "class path; known drivers are lettuce, jedis; change the builder's driver(…) "
            + "(docs/errors.md#unknown-choice)");
  }

  @Test
  void driversThatCannotServeTheUrisAreNamed() {
    Predicate<RedisDriver> redissOnly = driver -> driver.supports(URI.create("rediss://cache:6379/0"));
    String reason = "does not support rediss://cache:6379/0";
    assertThatThrownBy(() -> ProviderSelection.select(PotteryAssembly.DRIVERS, drivers("Jedis"), "jedis",
        redissOnly, reason))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("Pottery.builder().driver(…) is \"jedis\" (builder) does not support rediss://cache:6379/0; "
            + "choose another driver (docs/errors.md#unknown-choice)");
    assertThatThrownBy(() -> ProviderSelection.select(PotteryAssembly.DRIVERS, drivers("Jedis", "Lettuce"), null,
        redissOnly, reason))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("No driver on the class path can serve: jedis and lettuce does not support "
            + "rediss://cache:6379/0 (docs/errors.md#unknown-choice)");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Broken, and built for another SPI version

  @Test
  void aBrokenDriverIsSkippedAndReported() {
    PotteryConfigurationException e = failure(() -> selectDriver(drivers("Broken"), null));
    assertThat(parts(e)).containsExactly(
        "No io.pottery.spi.RedisDriver on the class path; add io.pottery:pottery-driver-lettuce or "
            + "io.pottery:pottery-driver-jedis (docs/errors.md#no-driver)",
        DRIVER_CLASS + "Broken: java.util.ServiceConfigurationError: io.pottery.spi.RedisDriver: Provider "
            + DRIVER_CLASS + "Broken could not be instantiated (docs/errors.md#broken-provider)");
    assertThat(e.getCause()).isInstanceOf(ServiceConfigurationError.class)
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("io.netty.channel.EventLoop is missing");
  }

  @Test
  void aBrokenDriverDoesNotStopAWorkingOne() {
    assertThat(selectDriver(drivers("Broken", "Jedis"), null)).isInstanceOf(TestProviders.Jedis.class);
  }

  @Test
  void anEntryNamingAMissingClassIsReported() {
    PotteryConfigurationException e = failure(() -> selectDriver(drivers("io.pottery.NoSuchDriver"), null));
    assertThat(parts(e)).containsExactly(
        "No io.pottery.spi.RedisDriver on the class path; add io.pottery:pottery-driver-lettuce or "
            + "io.pottery:pottery-driver-jedis (docs/errors.md#no-driver)",
        "a io.pottery.spi.RedisDriver entry: java.util.ServiceConfigurationError: io.pottery.spi.RedisDriver: "
            + "Provider io.pottery.NoSuchDriver not found (docs/errors.md#broken-provider)");
  }

  @Test
  void choosingABrokenDriverIsFatal() {
    PotteryConfigurationException e = failure(() -> selectDriver(drivers("Broken", "Jedis"), "broken"));
    assertThat(parts(e)).containsExactly(
        "Pottery.builder().driver(…) is \"broken\" (builder) but only jedis is on the class path; known drivers "
            + "are lettuce, jedis; change the builder's driver(…) (docs/errors.md#unknown-choice)",
        DRIVER_CLASS + "Broken: java.util.ServiceConfigurationError: io.pottery.spi.RedisDriver: Provider "
            + DRIVER_CLASS + "Broken could not be instantiated (docs/errors.md#broken-provider)");
    assertThat(e).hasCauseInstanceOf(ServiceConfigurationError.class);
  }

  @Test
  void aDriverBuiltForAnotherSpiVersionIsSkippedNamingBothVersions() {
    PotteryConfigurationException e = failure(() -> selectDriver(drivers("Future"), null));
    assertThat(parts(e)).containsExactly(
        "No io.pottery.spi.RedisDriver on the class path; add io.pottery:pottery-driver-lettuce or "
            + "io.pottery:pottery-driver-jedis (docs/errors.md#no-driver)",
        "driver \"future\" (" + DRIVER_CLASS + "Future) was built for Pottery SPI version 2 but pottery-api has "
            + "version 1; align the versions of all io.pottery artifacts by importing io.pottery:pottery-bom "
            + "(docs/errors.md#spi-mismatch)");
    assertThat(e).hasNoCause();
    assertThat(selectDriver(drivers("Future", "Jedis"), null)).isInstanceOf(TestProviders.Jedis.class);
  }

  @Test
  void structuresBuiltForAnotherSpiVersionAreSkipped() {
    PotteryConfigurationException e = failure(() -> ProviderSelection.select(PotteryAssembly.STRUCTURES,
        serving(StructuresProvider.class, DRIVER_CLASS + "OldStructures"), null, ANY::test, ""));
    assertThat(parts(e)).containsExactly(
        "No io.pottery.spi.StructuresProvider on the class path; add io.pottery:pottery-structures "
            + "(docs/errors.md#no-structures)",
        "structures implementation \"old-structures\" (" + DRIVER_CLASS + "OldStructures) was built for Pottery "
            + "SPI version 0 but pottery-api has version 1; align the versions of all io.pottery artifacts by "
            + "importing io.pottery:pottery-bom (docs/errors.md#spi-mismatch)");
  }

  @Test
  void everyReportedProblemIsListedInClassPathOrder() {
    PotteryConfigurationException e = failure(() -> selectDriver(drivers("Future", "Broken"), null));
    assertThat(parts(e)).hasSize(3);
    assertThat(parts(e).get(1)).startsWith("driver \"future\"").endsWith("(docs/errors.md#spi-mismatch)");
    assertThat(parts(e).get(2)).startsWith(DRIVER_CLASS + "Broken: ").endsWith("(docs/errors.md#broken-provider)");
  }

  // ---------------------------------------------------------------------------------------------------------
  // docs/errors.md quotes the messages exactly

  @Test
  void docsQuoteTheMessagesExactly() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "errors.md"), StandardCharsets.UTF_8);
    List<Runnable> documented = List.of(
        () -> selectDriver(drivers(), null),
        () -> ProviderSelection.select(PotteryAssembly.CODECS, serving(Codec.class), null, ANY::test, ""),
        () -> ProviderSelection.select(PotteryAssembly.STRUCTURES, serving(StructuresProvider.class), null,
            ANY::test, ""),
        () -> selectDriver(drivers("Lettuce", "Acme"), null),
        () -> ProviderSelection.select(PotteryAssembly.CODECS,
            serving(Codec.class, DRIVER_CLASS + "Jackson"), "moshi", ANY::test, ""),
        () -> RedisEndpoint.parse("http://localhost:6379"));
    for (Runnable call : documented) {
      PotteryConfigurationException e = failure(call);
      assertThat(docs).as("docs/errors.md quotes the message").contains("\n" + e.getMessage() + "\n");
    }
  }

  @Test
  @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
  void aChoiceBySystemPropertySaysSoAndIsQuotedInTheDocs() throws IOException {
    String before = System.setProperty("pottery.driver", "Lettuce");
    try {
      PotteryConfigurationException e = failure(() -> selectDriver(drivers("Jedis"), null));
      assertThat(e).hasMessage("pottery.driver is \"lettuce\" (system property) but only jedis is on the class "
          + "path; add io.pottery:pottery-driver-lettuce or change pottery.driver (docs/errors.md#unknown-choice)");
      String docs = Files.readString(Path.of("..", "docs", "errors.md"), StandardCharsets.UTF_8);
      assertThat(docs).contains("\n" + e.getMessage() + "\n");
      assertThat(selectDriver(drivers("Jedis", "Lettuce"), "jedis")).as("the builder's choice wins")
          .isInstanceOf(TestProviders.Jedis.class);
    } finally {
      if (before == null) {
        System.clearProperty("pottery.driver");
      } else {
        System.setProperty("pottery.driver", before);
      }
    }
  }
}
