package io.pottery.internal.discovery;

import io.pottery.PotteryConfigurationException;
import io.pottery.spi.SpiVersion;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Internal, may change: finds the providers of one kind with {@link ServiceLoader} and picks one, explaining
 * every failure in a message that names the artifact to add or the setting to change. Modeled on SLF4J's
 * {@code LoggerFactory}, but it fails where SLF4J falls back: no silent no-op, no class-path order.
 */
final class ProviderSelection {
  private static final System.Logger LOG = System.getLogger("io.pottery.Pottery");

  private ProviderSelection() {}

  /** Where messages point for their fix: a section of docs/errors.md, by its anchor. */
  private static final String DOCS = "docs/errors.md#";

  /**
   * A provider that could not be loaded or instantiated, or was built for another SPI version.
   *
   * @param anchor the section of docs/errors.md that explains it
   */
  private record Broken(String description, Throwable cause, String anchor) {}

  /**
   * Picks one provider.
   *
   * @param choice the name chosen in the builder, or {@code null}
   * @param usable which providers can serve this configuration (e.g. drivers that support the URIs)
   * @param unusableReason what to say of a provider {@code usable} rejects
   */
  static <S> S select(ProviderKind<S> kind, ClassLoader loader, String choice, Predicate<S> usable, String unusableReason) {
    String source = "builder";
    if (choice == null && kind.property() != null) {
      String property = System.getProperty(kind.property());
      if (property != null && !property.isBlank()) {
        choice = property.trim().toLowerCase(java.util.Locale.ROOT);
        source = "system property";
      }
    }

    List<S> loaded = new ArrayList<>();
    List<Broken> broken = new ArrayList<>();
    Iterator<ServiceLoader.Provider<S>> it = ServiceLoader.load(kind.service(), loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<S> handle;
      try {
        if (!it.hasNext()) {
          break;
        }
        handle = it.next();
      } catch (ServiceConfigurationError e) {
        broken.add(new Broken("a " + kind.service().getName() + " entry", e, "broken-provider"));
        LOG.log(Level.WARNING, "Skipping a broken " + kind.noun() + " provider: " + e);
        continue;
      }
      S provider;
      try {
        provider = handle.get();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        broken.add(new Broken(handle.type().getName(), e, "broken-provider"));
        LOG.log(Level.WARNING, "Skipping " + kind.noun() + " " + handle.type().getName() + ", which failed to load: " + e);
        continue;
      }
      int version = kind.spiVersion().applyAsInt(provider);
      if (version != SpiVersion.CURRENT) {
        broken.add(new Broken(
            kind.noun() + " \"" + kind.name().apply(provider) + "\" (" + provider.getClass().getName()
                + ") was built for Pottery SPI version " + version + " but pottery-api has version "
                + SpiVersion.CURRENT + "; align the versions of all io.pottery artifacts by importing io.pottery:pottery-bom",
            null, "spi-mismatch"));
        continue;
      }
      loaded.add(provider);
    }

    for (S provider : loaded) {
      LOG.log(Level.DEBUG, () -> "Found " + kind.noun() + " \"" + kind.name().apply(provider) + "\" (priority "
          + kind.priority().applyAsInt(provider) + ", " + location(provider) + ")");
    }

    S picked = choice != null
        ? pickChosen(kind, choice, source, loaded, broken, usable, unusableReason)
        : pickByPriority(kind, loaded, broken, usable, unusableReason);
    S result = picked;
    String how = choice != null ? "chosen by " + source : "highest priority";
    LOG.log(Level.DEBUG, () -> "Using " + kind.noun() + " \"" + kind.name().apply(result) + "\" (" + how + ")");
    return picked;
  }

  private static <S> S pickChosen(ProviderKind<S> kind, String choice, String source, List<S> loaded,
      List<Broken> broken, Predicate<S> usable, String unusableReason) {
    for (S provider : loaded) {
      if (kind.name().apply(provider).equalsIgnoreCase(choice)) {
        if (!usable.test(provider)) {
          throw new PotteryConfigurationException(describeChoice(kind, choice, source) + " " + unusableReason
              + "; choose another " + kind.noun() + see("unknown-choice"));
        }
        return provider;
      }
    }
    String artifact = kind.artifacts().get(choice);
    StringBuilder message = new StringBuilder(describeChoice(kind, choice, source)).append(" but ");
    message.append(loaded.isEmpty() ? "no " + kind.noun() + " is" : "only " + names(kind, loaded) + (loaded.size() == 1 ? " is" : " are"));
    message.append(" on the class path; ");
    if (artifact != null) {
      message.append("add ").append(artifact).append(" or change ").append(settingName(kind, source));
    } else {
      message.append("known ").append(kind.noun()).append("s are ").append(String.join(", ", kind.artifacts().keySet()))
          .append("; change ").append(settingName(kind, source));
    }
    message.append(see("unknown-choice"));
    appendBroken(message, broken);
    throw new PotteryConfigurationException(message.toString(), firstCause(broken));
  }

  private static <S> S pickByPriority(ProviderKind<S> kind, List<S> loaded, List<Broken> broken,
      Predicate<S> usable, String unusableReason) {
    List<S> candidates = loaded.stream().filter(usable).collect(Collectors.toList());
    if (candidates.isEmpty()) {
      StringBuilder message = new StringBuilder();
      if (loaded.isEmpty()) {
        message.append("No ").append(kind.service().getName()).append(" on the class path; add ")
            .append(kind.suggestions()).append(see(noneAnchor(kind)));
      } else {
        message.append("No ").append(kind.noun()).append(" on the class path can serve: ")
            .append(names(kind, loaded)).append(' ').append(unusableReason).append(see("unknown-choice"));
      }
      appendBroken(message, broken);
      throw new PotteryConfigurationException(message.toString(), firstCause(broken));
    }
    candidates.sort(Comparator.comparingInt(kind.priority()).reversed());
    S best = candidates.get(0);
    if (candidates.size() > 1
        && kind.priority().applyAsInt(candidates.get(1)) == kind.priority().applyAsInt(best)) {
      List<S> tied = candidates.stream()
          .filter(p -> kind.priority().applyAsInt(p) == kind.priority().applyAsInt(best))
          .collect(Collectors.toList());
      throw new PotteryConfigurationException(
          "Several " + kind.noun() + "s on the class path have priority " + kind.priority().applyAsInt(best) + ": "
              + names(kind, tied) + "; choose one with Pottery.builder()." + kind.noun() + "(\"…\")"
              + (kind.property() != null ? " or -D" + kind.property() + "=…" : "") + see("ambiguous"));
    }
    return best;
  }

  private static String describeChoice(ProviderKind<?> kind, String choice, String source) {
    String setting = "builder".equals(source) ? "Pottery.builder()." + kind.noun() + "(…)" : kind.property();
    return setting + " is \"" + choice + "\" (" + source + ")";
  }

  private static String settingName(ProviderKind<?> kind, String source) {
    return "builder".equals(source) ? "the builder's " + kind.noun() + "(…)" : kind.property();
  }

  private static <S> String names(ProviderKind<S> kind, List<S> providers) {
    return providers.stream().map(p -> kind.name().apply(p)).collect(Collectors.joining(" and "));
  }

  private static void appendBroken(StringBuilder message, List<Broken> broken) {
    for (Broken b : broken) {
      message.append("; skipped ").append(b.description());
      if (b.cause() != null) {
        message.append(": ").append(b.cause());
      }
      message.append(see(b.anchor()));
    }
  }

  /** " (docs/errors.md#no-driver)": the pointer every message ends with (before any "skipped" parts). */
  private static String see(String anchor) {
    return " (" + DOCS + anchor + ")";
  }

  /** no-driver, no-codec, no-structures: named by the first word of the kind's noun. */
  private static String noneAnchor(ProviderKind<?> kind) {
    String noun = kind.noun();
    int space = noun.indexOf(' ');
    return "no-" + (space < 0 ? noun : noun.substring(0, space));
  }

  private static Throwable firstCause(List<Broken> broken) {
    return broken.stream().map(Broken::cause).filter(c -> c != null).findFirst().orElse(null);
  }

  private static String location(Object provider) {
    try {
      var source = provider.getClass().getProtectionDomain().getCodeSource();
      return source == null ? "unknown jar" : String.valueOf(source.getLocation());
    } catch (SecurityException e) {
      return "unknown jar";
    }
  }
}
