package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.RedisConnectionException;
import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.RedisSource;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A runnable tour of Pottery for Java: each structure, step by step, with the result of every step printed
 * beside it.
 *
 * <p>It connects to the Redis at the URL given as the first argument, else {@code REDIS_URL}, else
 * {@code redis://localhost:6379}. When it cannot connect there, it starts a throwaway Redis of its own
 * through pottery-testkit ({@code redis-server} from the {@code PATH}, else the Redis 6.2 binary bundled in
 * embedded-redis) and stops it at the end. Either way it says which Redis it used. Every key
 * it writes starts with {@code tour:{<random>}:}, and it deletes them all before it exits, so it is safe to run
 * against a Redis that holds real data. The random part is a hash tag, so the tour runs on a Redis Cluster
 * ({@code redis-cluster://…}) too.
 *
 * <p>Run it from a clone of the repository: {@code ./mvnw -q -pl pottery-examples -am -Ptour -DskipTests
 * package}.
 */
public final class Tour {
  /** The structures, in the order shown; each later structure adds its section here. */
  static final List<TourSection> SECTIONS = List.of(
      new MapTour(), new ListTour(), new SetTour(), new CounterTour(), new ProbabilisticTour(), new CacheTour(), new QuorumTour());

  /** Long enough for a local or LAN Redis, short enough not to keep a user waiting when none runs. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  private Tour() {}

  /**
   * Runs the tour, printing to standard output.
   *
   * @param args optionally, the {@code redis://} URL to use
   */
  public static void main(String[] args) {
    // The testkit logs where its servers come from, which the tour says itself; a reference keeps the
    // level set until the tour ends (JUL holds loggers weakly).
    Logger testkit = Logger.getLogger("io.pottery.testkit");
    testkit.setLevel(Level.WARNING);
    try {
      String env = System.getenv("REDIS_URL");
      if (args.length > 0) {
        run(args[0], "from the command line", UnaryOperator.identity(), System.out);
      } else if (env != null && !env.isBlank()) {
        run(env.trim(), "from REDIS_URL", UnaryOperator.identity(), System.out);
      } else {
        run("redis://localhost:6379", "the default; set REDIS_URL to use another", UnaryOperator.identity(), System.out);
      }
    } finally {
      Reference.reachabilityFence(testkit);
    }
  }

  /**
   * Runs the tour against {@code url}, or a throwaway server if nothing answers there.
   *
   * @param source where the URL came from, for the opening lines
   * @param choices applied to the builder before it connects, e.g. to choose a driver and codec
   */
  static void run(String url, String source, UnaryOperator<Pottery.Builder> choices, PrintStream out) {
    Narrator narrator = new Narrator(out);
    narrator.title("Pottery for Java: a tour");
    String shown = RedisEndpoint.parse(url).redacted();
    Pottery found = connect(url, choices, narrator, shown);
    try (RedisServers throwaway = found == null ? RedisServers.start(1) : null) {
      String used = url;
      if (throwaway == null) {
        narrator.say("Redis:  " + shown + " (" + source + ")");
      } else {
        used = throwaway.first().uri();
        narrator.say("Redis:  " + RedisEndpoint.parse(used).redacted() + ", " + describe(throwaway.source()));
      }
      Pottery pottery = found != null ? found : choices.apply(Pottery.builder().masters(used)).build();
      try (pottery; RawRedis raw = RawRedis.connect(used)) {
        narrator.say("Driver: " + pottery.driverName() + ", codec: " + pottery.codecName());
        TourKeys keys = TourKeys.fresh();
        narrator.say("Keys:   " + keys.prefix() + "*, deleted at the end");
        RuntimeException failure = null;
        try {
          for (TourSection section : SECTIONS) {
            narrator.section(section.title());
            section.run(pottery, keys, raw, narrator);
          }
        } catch (RuntimeException e) {
          failure = e;
          throw e;
        } finally {
          try {
            cleanUp(keys, raw, narrator);
          } catch (RuntimeException e) {
            // The first failure is the one worth reporting; a failed clean-up usually follows from it.
            if (failure == null) {
              throw e;
            }
            failure.addSuppressed(e);
          }
        }
      }
    }
  }

  /** A connected {@code Pottery}, or {@code null} (having said why) if nothing answered at the URL. */
  private static Pottery connect(String url, UnaryOperator<Pottery.Builder> choices, Narrator narrator, String shown) {
    try {
      return choices.apply(Pottery.builder().masters(url).connectTimeout(CONNECT_TIMEOUT)).build();
    } catch (RedisConnectionException e) {
      narrator.say("No Redis at " + shown + ", so the tour starts its own (" + e.getMessage() + ")");
      return null;
    }
  }

  /** What kind of server the testkit gave, for the opening lines. */
  private static String describe(RedisSource source) {
    switch (source) {
      case PATH:
        return "a throwaway redis-server from the PATH, started by the tour; it stops at the end";
      case EMBEDDED:
        return "a throwaway Redis 6.2 (the binary bundled in embedded-redis), started by the tour; it stops at the end";
      case DOCKER:
        return "a throwaway Redis container, started by the tour; it stops at the end";
      default:
        return "the test Redis named by POTTERY_TEST_REDIS";
    }
  }

  private static void cleanUp(TourKeys keys, RawRedis raw, Narrator narrator) {
    List<String> created = keys.created();
    long left = 0;
    // One key per command: on a Redis Cluster a helper key (such as a Redlock's fencing counter) may sit in
    // another hash slot than the tour's tag, and one DEL may not span slots.
    for (String key : created) {
      raw.call("DEL", key);
    }
    for (String key : created) {
      left += (Long) raw.call("EXISTS", key);
    }
    narrator.section("Clean-up");
    narrator.say("Deleted the tour's keys (" + String.join(", ", created) + "); " + left + " of them left in Redis.");
  }
}
