package io.pottery.driver.jedis;

import io.pottery.PotteryConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Refuses to run on a Jedis older than the 8.x line this driver is built for. On Jedis 7.x the driver's code
 * links but misbehaves at run time (7.x's cluster client wants {@code ClusterCommandArguments} and fails with a
 * {@link ClassCastException}; 7.x's connection API differs), so the
 * driver says which Jedis it needs before it opens anything instead.
 *
 * <p>Jedis 8 removed {@code redis.clients.jedis.ClusterCommandArguments}, which every 7.x release has, and added
 * {@code redis.clients.jedis.RedisClusterClient}: the two classes tell the lines apart without trusting the
 * jar's metadata, which shading or repackaging may drop.
 */
final class JedisVersionCheck {
  /** The Jedis line this driver needs, as users write it in a build file. */
  static final String REQUIRED = "8.x (built and tested with 8.0.2)";

  private JedisVersionCheck() {}

  /**
   * Checks the Jedis on this class path.
   *
   * @throws PotteryConfigurationException if it is older than 8.x; the message names the Jedis found and the one
   *     needed
   */
  static void requireJedis8() {
    ClassLoader loader = JedisVersionCheck.class.getClassLoader();
    String problem = problem(present("redis.clients.jedis.ClusterCommandArguments", loader),
        present("redis.clients.jedis.RedisClusterClient", loader), jarVersion(loader));
    if (problem != null) {
      throw new PotteryConfigurationException(problem);
    }
  }

  /**
   * Why Jedis cannot be used, or null if it can.
   *
   * @param hasClusterCommandArguments whether {@code ClusterCommandArguments} (Jedis 7.x and older) is present
   * @param hasRedisClusterClient whether {@code RedisClusterClient} (Jedis 7.x's successor API, kept in 8.x) is
   *     present
   * @param version the version in Jedis's jar metadata, or null if it has none
   */
  static String problem(boolean hasClusterCommandArguments, boolean hasRedisClusterClient, String version) {
    if (!hasClusterCommandArguments && hasRedisClusterClient) {
      return null;
    }
    String found = version == null ? "an older Jedis (its jar names no version)" : "Jedis " + version;
    return "pottery-driver-jedis needs Jedis " + REQUIRED + ", but the class path has " + found
        + ": depend on redis.clients:jedis 8.x (pottery-driver-jedis asks for it; check whether dependency"
        + " management downgraded it, e.g. with mvn dependency:tree), or use pottery-driver-lettuce";
  }

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The version Maven wrote into Jedis's jar, or null. */
  private static String jarVersion(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream("META-INF/maven/redis.clients/jedis/pom.properties")) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }
}
