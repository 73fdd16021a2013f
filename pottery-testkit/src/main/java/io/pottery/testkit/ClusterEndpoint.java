package io.pottery.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The parts of a {@code redis-cluster://[[user]:password@]host1:port1[,host2:port2…][/0][?…]} URI a raw
 * cluster client needs. {@link java.net.URI} gives no host for a comma-separated authority, so it is parsed
 * here by hand; query parameters are the drivers' business and ignored.
 *
 * @param tls {@code rediss-cluster://}
 * @param seeds the nodes to ask for the slot map, as {@code host:port}
 */
record ClusterEndpoint(boolean tls, List<String> seeds, String user, String password) {
  private static final String PLAIN = "redis-cluster://";
  private static final String SECURE = "rediss-cluster://";

  ClusterEndpoint {
    seeds = List.copyOf(seeds);
  }

  /** Whether the text starts with {@code redis-cluster://} or {@code rediss-cluster://}. */
  static boolean isCluster(String uri) {
    String lower = uri.trim().toLowerCase(Locale.ROOT);
    return lower.startsWith(PLAIN) || lower.startsWith(SECURE);
  }

  /**
   * Parses the URI.
   *
   * @throws IllegalArgumentException if it is not a cluster URI, has no {@code host:port}, a bad port, or a
   *     database other than 0
   */
  static ClusterEndpoint parse(String text) {
    String trimmed = text.trim();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    boolean tls = lower.startsWith(SECURE);
    if (!tls && !lower.startsWith(PLAIN)) {
      throw new IllegalArgumentException("Not a redis-cluster:// URI: \"" + RawRedis.Endpoint.redact(trimmed) + "\"");
    }
    String rest = trimmed.substring(tls ? SECURE.length() : PLAIN.length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String database = rest.substring(slash + 1);
      if (!database.isEmpty() && !database.equals("0")) {
        throw new IllegalArgumentException("\"" + RawRedis.Endpoint.redact(trimmed) + "\" names database " + database
            + ", but a Redis Cluster has database 0 only");
      }
      rest = rest.substring(0, slash);
    }
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String info = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = info.indexOf(':');
      if (colon < 0) {
        password = info;
      } else {
        user = info.substring(0, colon);
        password = info.substring(colon + 1);
      }
    }
    List<String> seeds = new ArrayList<>();
    for (String part : rest.split(",")) {
      String seed = part.trim();
      if (seed.isEmpty()) {
        continue;
      }
      int colon = seed.lastIndexOf(':');
      String host = colon < 0 ? seed : seed.substring(0, colon);
      String port = colon < 0 ? "6379" : seed.substring(colon + 1);
      try {
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535 || host.isEmpty()) {
          throw new NumberFormatException(port);
        }
        seeds.add(host + ":" + number);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("\"" + seed + "\" in \"" + RawRedis.Endpoint.redact(trimmed)
            + "\" is not host:port", e);
      }
    }
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("No host:port in \"" + RawRedis.Endpoint.redact(trimmed) + "\"");
    }
    return new ClusterEndpoint(tls, seeds, user, password);
  }

  /** {@code redis-cluster://h1:p1,h2:p2}, without credentials. */
  String redacted() {
    return (tls ? SECURE : PLAIN) + String.join(",", seeds);
  }

  /** How messages name one node: {@code redis://host:port/0}. */
  String nodeUri(String hostPort) {
    return (tls ? "rediss://" : "redis://") + hostPort + "/0";
  }

  /** The seeds as text, for messages. */
  String seedList() {
    return seeds.stream().collect(Collectors.joining(", "));
  }
}
