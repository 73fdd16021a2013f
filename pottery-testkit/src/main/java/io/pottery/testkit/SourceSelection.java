package io.pottery.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses where servers come from ({@link RedisSource} has the order and the settings). The decision itself,
 * {@link #choose}, is a pure function of the setting, the environment variable and what the probes find, so
 * it is tested without touching the machine; {@link #configured} runs it once per setting per JVM with the
 * real probes and logs the outcome.
 */
final class SourceSelection {
  /** The system property / JUnit configuration parameter that forces a source. */
  static final String PROPERTY = "pottery.test.redis";
  /** The environment variable naming external servers. */
  static final String ENV = "POTTERY_TEST_REDIS";

  private static final System.Logger LOG = System.getLogger(SourceSelection.class.getName());
  private static final String INSTALL = "Install Redis (Debian/Ubuntu: sudo apt-get install redis-server;"
      + " Fedora: sudo dnf install redis; macOS: brew install redis), or set " + ENV
      + "=redis://host:port to a server the tests may write to.";

  /** Probing Docker and extracting the embedded binary are slow, and the choice is logged once: memoized per JVM. */
  private static final Map<String, SourceChoice> CHOICES = new ConcurrentHashMap<>();

  private SourceSelection() {}

  /** What the machine offers; the real one looks, tests pass their own. */
  interface Probes {
    /** Whether Testcontainers is there and a Docker engine answers. */
    Probe docker();

    /** A {@code redis-server} on the {@code PATH}. */
    Probe path();

    /** The embedded-redis binary for this platform, extracted. */
    Probe embedded();
  }

  /** The probes of this machine. */
  static final Probes MACHINE = new Probes() {
    @Override
    public Probe docker() {
      return DockerRedis.probe();
    }

    @Override
    public Probe path() {
      return onPath(System.getenv("PATH"));
    }

    @Override
    public Probe embedded() {
      return EmbeddedBinary.probe();
    }
  };

  /** The choice for this JVM's {@code pottery.test.redis} system property. */
  static SourceChoice byDefault() {
    return configured(System.getProperty(PROPERTY));
  }

  /** The choice for a source named in code, as {@code RedisServers.start(n, source)} does. */
  static SourceChoice of(RedisSource source) {
    return remembered(source.name().toLowerCase(Locale.ROOT), "RedisSource." + source.name());
  }

  /** The choice for a value of {@code pottery.test.redis} ({@code null}: unset), made once per JVM and logged. */
  static SourceChoice configured(String setting) {
    String value = setting == null ? "" : setting.trim();
    return remembered(value, "-D" + PROPERTY + "=" + value);
  }

  private static SourceChoice remembered(String setting, String origin) {
    return CHOICES.computeIfAbsent(origin, k -> {
      SourceChoice choice = choose(setting, origin, System.getenv(ENV), MACHINE);
      if (choice.supply() != null) {
        LOG.log(System.Logger.Level.INFO, "Redis servers for tests: " + choice.supply().description());
      } else {
        LOG.log(System.Logger.Level.WARNING, "No Redis servers for tests: " + choice.problem());
      }
      return choice;
    });
  }

  /**
   * Decides.
   *
   * @param setting the value of {@code pottery.test.redis}; blank or {@code auto} for the default order
   * @param origin where the setting comes from, for messages, e.g. {@code -Dpottery.test.redis=docker}
   * @param env the value of {@code POTTERY_TEST_REDIS}, or {@code null}
   * @param probes what the machine offers; each probe is asked only when the order reaches it
   */
  static SourceChoice choose(String setting, String origin, String env, Probes probes) {
    String forced = setting == null ? "" : setting.trim();
    if (forced.isEmpty() || forced.equalsIgnoreCase("auto")) {
      return automatic(env, probes);
    }
    if (isUrl(forced)) {
      return external(forced, "external Redis from " + origin.replaceFirst("=.*", ""));
    }
    switch (forced.toLowerCase(Locale.ROOT)) {
      case "external":
        return env == null || env.isBlank()
            ? SourceChoice.failed(origin + " asks for external servers, but " + ENV + " is unset; set it to"
                + " redis://host:port (comma-separate several masters)")
            : external(env, "external Redis from " + ENV);
      case "docker":
        return forced(RedisSource.DOCKER, probes.docker(), origin);
      case "path":
        return forced(RedisSource.PATH, probes.path(), origin);
      case "embedded":
        return forced(RedisSource.EMBEDDED, probes.embedded(), origin);
      default:
        return SourceChoice.failed(origin + " is not one of auto, external, docker, path, embedded or redis:// URLs");
    }
  }

  private static SourceChoice automatic(String env, Probes probes) {
    if (env != null && !env.isBlank()) {
      return external(env, "external Redis from " + ENV);
    }
    List<String> tried = new ArrayList<>();
    tried.add(ENV + " is unset");
    Probe docker = probes.docker();
    if (docker.found()) {
      return SourceChoice.of(new ServerSupply(RedisSource.DOCKER, docker.detail() + "; " + String.join("; ", tried),
          List.of(), null));
    }
    tried.add("Docker: " + docker.detail());
    Probe path = probes.path();
    if (path.found()) {
      return SourceChoice.of(new ServerSupply(RedisSource.PATH, path.detail() + "; " + String.join("; ", tried),
          List.of(), path.executable()));
    }
    tried.add(path.detail());
    Probe embedded = probes.embedded();
    if (embedded.found()) {
      return SourceChoice.of(new ServerSupply(RedisSource.EMBEDDED,
          embedded.detail() + "; " + String.join("; ", tried), List.of(), embedded.executable()));
    }
    tried.add(embedded.detail());
    return SourceChoice.failed("No Redis server for the tests: " + String.join("; ", tried) + ". " + INSTALL);
  }

  private static SourceChoice forced(RedisSource source, Probe probe, String origin) {
    if (!probe.found()) {
      return SourceChoice.failed(origin + " asks for " + source.name().toLowerCase(Locale.ROOT) + " servers, but "
          + probe.detail() + ". Remove the setting to use what is available." + (source == RedisSource.PATH ? " " + INSTALL : ""));
    }
    return SourceChoice.of(new ServerSupply(source, probe.detail() + " (forced by " + origin + ")", List.of(),
        probe.executable()));
  }

  private static SourceChoice external(String urls, String origin) {
    List<String> uris = new ArrayList<>();
    for (String part : urls.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        RawRedis.Endpoint.parse(part);
      } catch (IllegalArgumentException e) {
        return SourceChoice.failed(origin + ": " + e.getMessage() + "; expected redis://[[user]:password@]host:port[/db],"
            + " several separated by commas");
      }
      uris.add(part.trim());
    }
    if (uris.isEmpty()) {
      return SourceChoice.failed(origin + " holds no redis:// URL");
    }
    return SourceChoice.of(new ServerSupply(RedisSource.EXTERNAL, origin + " (" + ServerSupply.redacted(uris) + ")",
        uris, null));
  }

  private static boolean isUrl(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return lower.startsWith("redis://") || lower.startsWith("rediss://");
  }

  /** Looks for an executable {@code redis-server} in each directory of a {@code PATH} value. */
  static Probe onPath(String path) {
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isBlank()) {
          continue;
        }
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Probe.found(candidate, "redis-server from the PATH (" + candidate + ")");
        }
      }
    }
    return Probe.missing("no redis-server on the PATH");
  }
}
