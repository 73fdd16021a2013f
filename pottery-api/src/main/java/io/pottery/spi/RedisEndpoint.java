package io.pottery.spi;

import io.pottery.PotteryConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One Redis server, or one Redis Cluster, as a parsed URI:
 * <ul>
 *   <li>{@code redis[s]://[[user]:password@]host[:port][/database][?timeout=…]} — one server; the port
 *       defaults to 6379 and the database to 0;
 *   <li>{@code redis[s]-cluster://[[user]:password@]host1[:port1][,host2[:port2]…][?timeout=…]} — a cluster,
 *       reached through any of the listed seed nodes; {@code redis[s]://h1:p1,h2:p2} (several hosts) means a
 *       cluster too. A cluster has database 0 only, so any other database is refused.
 * </ul>
 * {@code rediss} is TLS. A user with no password ({@code redis://user@host}) is read as redis-py reads it: a
 * user name only. {@code timeout} is the command timeout for this endpoint, in milliseconds or with a unit
 * ({@code 500ms}, {@code 2s}); it overrides the builder's for this endpoint only.
 *
 * <p>{@link #toString()} and {@link #redacted()} never show the password, so endpoints can go into messages
 * and logs.
 *
 * @param tls whether the scheme is {@code rediss} or {@code rediss-cluster}
 * @param host the host name or address literal (IPv6 without brackets); for a cluster, the first seed's
 * @param port the TCP port; for a cluster, the first seed's
 * @param user the ACL user name, or {@code null}
 * @param password the password, or {@code null}
 * @param database the logical database number (0 for a cluster)
 * @param clusterSeeds the seed nodes of a cluster, in the URI's order; empty for a single server
 * @param commandTimeout the URI's {@code timeout}, or {@code null} to use the builder's
 * @since 0.1
 */
public record RedisEndpoint(boolean tls, String host, int port, String user, String password, int database,
    List<Node> clusterSeeds, Duration commandTimeout) {

  /** The port Redis listens on by default. */
  public static final int DEFAULT_PORT = 6379;
  /** Where every malformed-URI message points. */
  private static final String SEE_DOCS = " (docs/errors.md#malformed-uri)";
  private static final String CLUSTER_FORM = "redis[s]-cluster://[[user]:password@]host1:port1[,host2:port2…][?timeout=…]";

  /**
   * One node of a cluster's seed list.
   *
   * @param host the host name or address literal (IPv6 without brackets)
   * @param port the TCP port
   * @since 0.2
   */
  public record Node(String host, int port) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is empty or the port is not 1–65535
     */
    public Node {
      Objects.requireNonNull(host, "host");
      if (host.isEmpty()) {
        throw new IllegalArgumentException("host is empty");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not in 1..65535");
      }
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code host} or {@code clusterSeeds} is null
   * @throws IllegalArgumentException if the port is not 1–65535, the database is negative, a cluster's
   *     database is not 0, the first seed is not {@code host:port}, or the timeout is not positive
   */
  public RedisEndpoint {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not in 1..65535");
    }
    if (database < 0) {
      throw new IllegalArgumentException("database " + database + " is negative");
    }
    clusterSeeds = List.copyOf(Objects.requireNonNull(clusterSeeds, "clusterSeeds"));
    if (!clusterSeeds.isEmpty()) {
      if (database != 0) {
        throw new IllegalArgumentException("a cluster has database 0 only, not " + database);
      }
      if (!clusterSeeds.get(0).equals(new Node(host, port))) {
        throw new IllegalArgumentException("host:port must be the first seed " + clusterSeeds.get(0));
      }
    }
    if (commandTimeout != null && (commandTimeout.isNegative() || commandTimeout.isZero())) {
      throw new IllegalArgumentException("commandTimeout must be positive, was " + commandTimeout);
    }
  }

  /** One single server, with the builder's command timeout. */
  public RedisEndpoint(boolean tls, String host, int port, String user, String password, int database) {
    this(tls, host, port, user, password, database, List.of(), null);
  }

  /**
   * A cluster reached through {@code seeds}, with the builder's command timeout.
   *
   * @throws IllegalArgumentException if {@code seeds} is empty
   * @since 0.2
   */
  public static RedisEndpoint cluster(boolean tls, List<Node> seeds, String user, String password) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one seed node");
    }
    return new RedisEndpoint(tls, seeds.get(0).host(), seeds.get(0).port(), user, password, 0, seeds, null);
  }

  /** Whether this endpoint is a Redis Cluster (its URI named one) rather than a single server. */
  public boolean cluster() {
    return !clusterSeeds.isEmpty();
  }

  /**
   * Whether {@code uri} has a scheme this record parses: {@code redis}, {@code rediss}, {@code redis-cluster}
   * or {@code rediss-cluster}, any case. Says nothing about the rest of the URI; a driver that cannot talk to
   * clusters also checks {@link RedisDriver#supportsCluster()}.
   *
   * @throws NullPointerException if {@code uri} is null
   */
  public static boolean hasRedisScheme(URI uri) {
    String scheme = Objects.requireNonNull(uri, "uri").getScheme();
    return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
  }

  private static final List<String> SCHEMES = List.of("redis", "rediss", "redis-cluster", "rediss-cluster");

  /**
   * Parses a Redis URI of one of the forms above.
   *
   * @throws NullPointerException if {@code uri} is null
   * @throws PotteryConfigurationException if it is not a URI of those forms (a cluster with a database other
   *     than 0 included); the message quotes the URI without its password
   */
  public static RedisEndpoint parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    int colon = uri.indexOf("://");
    String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    if (scheme.endsWith("-cluster") || ((scheme.equals("redis") || scheme.equals("rediss")) && authority(uri).indexOf(',') >= 0)) {
      return parseCluster(uri, scheme);
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      // Not chained: URISyntaxException's message quotes the whole input, password included. Its reason and
      // index say what is wrong without it; an index inside the user info would point at the password, so it
      // is given only when it lies elsewhere.
      int at = uri.lastIndexOf('@');
      int index = e.getIndex();
      String where = index >= 0 && index > at ? " at index " + index : "";
      throw new PotteryConfigurationException(
          "Malformed Redis URI \"" + redactRaw(uri) + "\": " + e.getReason() + where
              + (index >= 0 && index <= at ? " in the user info (percent-encode special characters of the user and"
                  + " password, e.g. % as %25, @ as %40)" : "")
              + "; expected redis[s]://[[user]:password@]host[:port][/database] or " + CLUSTER_FORM + SEE_DOCS);
    }
    return parse(parsed);
  }

  /** Parses a Redis URI; see {@link #parse(String)}. */
  public static RedisEndpoint parse(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String shown = redactRaw(uri.toString());
    String scheme = uri.getScheme();
    String lower = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
    if (lower.endsWith("-cluster") || (uri.getHost() == null && uri.getRawAuthority() != null && uri.getRawAuthority().indexOf(',') >= 0)) {
      return parseCluster(uri.toString(), lower);
    }
    boolean tls;
    if ("redis".equals(lower)) {
      tls = false;
    } else if ("rediss".equals(lower)) {
      tls = true;
    } else {
      throw badScheme(shown, scheme);
    }
    String host = uri.getHost();
    if ((host == null || host.isEmpty()) && uri.getRawAuthority() != null) {
      // java.net.URI gives no host when the port is not a number (it falls back to a registry authority).
      String hostPort = uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
      int colon = hostPort.lastIndexOf(':');
      if (colon > 0 && hostPort.indexOf(']') < colon) {
        throw badPort(shown, hostPort.substring(colon + 1));
      }
    }
    if (host == null || host.isEmpty()) {
      throw new PotteryConfigurationException(
          "Redis URI \"" + shown + "\" has no host; expected redis[s]://[[user]:password@]host[:port][/database]"
              + SEE_DOCS);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    if (port < 1 || port > 65535) {
      throw badPort(shown, String.valueOf(port));
    }
    String[] credentials = credentials(shown, uri.getRawUserInfo());
    int database = database(shown, uri.getPath());
    if (uri.getRawFragment() != null) {
      throw new PotteryConfigurationException("Redis URI \"" + shown + "\" has a fragment, which Pottery does not read" + SEE_DOCS);
    }
    Duration timeout = timeout(shown, uri.getRawQuery());
    return new RedisEndpoint(tls, host, port, credentials[0], credentials[1], database, List.of(), timeout);
  }

  private static PotteryConfigurationException badPort(String shown, String port) {
    return new PotteryConfigurationException("Redis URI \"" + shown + "\": port \"" + port + "\" is not a number in"
        + " 1..65535; Redis listens on 6379 unless configured otherwise, e.g. redis://localhost:6379/0" + SEE_DOCS);
  }

  private static PotteryConfigurationException badScheme(String shown, String scheme) {
    return new PotteryConfigurationException(
        "Redis URI \"" + shown + "\" has scheme " + (scheme == null || scheme.isEmpty() ? "(none)" : "\"" + scheme + "\"")
            + "; expected redis:// or rediss:// (TLS), e.g. redis://localhost:6379/0, or redis-cluster:// or"
            + " rediss-cluster:// for a Redis Cluster" + SEE_DOCS);
  }

  /** The text between "://" and the first '/', '?' or '#' after it. */
  private static String authority(String uri) {
    int start = uri.indexOf("://");
    if (start < 0) {
      return "";
    }
    start += 3;
    int end = uri.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int i = uri.indexOf(c, start);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return uri.substring(start, end);
  }

  /**
   * A cluster URI, parsed by hand: {@link URI} gives neither host nor user info for a comma-separated
   * authority.
   */
  private static RedisEndpoint parseCluster(String uri, String scheme) {
    String shown = redactRaw(uri);
    boolean tls;
    if (scheme.equals("redis-cluster") || scheme.equals("redis")) {
      tls = false;
    } else if (scheme.equals("rediss-cluster") || scheme.equals("rediss")) {
      tls = true;
    } else {
      throw badScheme(shown, scheme);
    }
    String authority = authority(uri);
    String rest = uri.substring(uri.indexOf("://") + 3 + authority.length());
    int at = authority.lastIndexOf('@');
    String[] credentials = credentials(shown, at < 0 ? null : authority.substring(0, at));
    String hosts = authority.substring(at + 1);
    List<Node> seeds = new ArrayList<>();
    for (String part : hosts.split(",", -1)) {
      seeds.add(node(shown, part));
    }
    String path = rest;
    String query = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      throw new PotteryConfigurationException("Redis URI \"" + shown + "\" has a fragment, which Pottery does not read" + SEE_DOCS);
    }
    int question = rest.indexOf('?');
    if (question >= 0) {
      path = rest.substring(0, question);
      query = rest.substring(question + 1);
    }
    int database = database(shown, path);
    if (database != 0) {
      throw new PotteryConfigurationException("Redis URI \"" + shown + "\" names database " + database
          + ", but a Redis Cluster has database 0 only; drop \"/" + database + "\" and use key names (or hash tags)"
          + " to keep data apart (docs/errors.md#cluster-database)");
    }
    Duration timeout = timeout(shown, query);
    Node first = seeds.get(0);
    return new RedisEndpoint(tls, first.host(), first.port(), credentials[0], credentials[1], 0, seeds, timeout);
  }

  private static Node node(String shown, String part) {
    String host;
    String portText = null;
    if (part.startsWith("[")) {
      int close = part.indexOf(']');
      if (close < 0) {
        throw malformedCluster(shown, "\"" + part + "\" opens an IPv6 bracket it does not close");
      }
      host = part.substring(1, close);
      if (close + 1 < part.length()) {
        if (part.charAt(close + 1) != ':') {
          throw malformedCluster(shown, "\"" + part + "\" is not host:port");
        }
        portText = part.substring(close + 2);
      }
    } else {
      int colon = part.indexOf(':');
      host = colon < 0 ? part : part.substring(0, colon);
      portText = colon < 0 ? null : part.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw malformedCluster(shown, "a seed has no host");
    }
    int port = DEFAULT_PORT;
    if (portText != null) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw malformedCluster(shown, "port \"" + portText + "\" of " + host + " is not a number");
      }
      if (port < 1 || port > 65535) {
        throw malformedCluster(shown, "port " + port + " of " + host + " is not in 1..65535");
      }
    }
    return new Node(host, port);
  }

  private static PotteryConfigurationException malformedCluster(String shown, String why) {
    return new PotteryConfigurationException(
        "Malformed Redis Cluster URI \"" + shown + "\": " + why + "; expected " + CLUSTER_FORM + SEE_DOCS);
  }

  /** {user, password}, either null, from raw (percent-encoded) user info. */
  private static String[] credentials(String shown, String userInfo) {
    String user = null;
    String password = null;
    if (userInfo != null && !userInfo.isEmpty()) {
      try {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
          user = decode(userInfo);
        } else {
          user = colon == 0 ? null : decode(userInfo.substring(0, colon));
          password = decode(userInfo.substring(colon + 1));
        }
      } catch (IllegalArgumentException e) {
        // Not chained, and its text not quoted: URLDecoder's message quotes the offending part of the password.
        throw new PotteryConfigurationException("Malformed Redis URI \"" + shown + "\": the user info has a malformed"
            + " percent-escape; percent-encode special characters of the user and password, e.g. % as %25, @ as %40"
            + SEE_DOCS);
      }
    }
    return new String[] {user, password};
  }

  private static int database(String shown, String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    int database;
    try {
      database = Integer.parseInt(path.substring(1));
    } catch (NumberFormatException e) {
      throw new PotteryConfigurationException(
          "Redis URI \"" + shown + "\": database \"" + path.substring(1) + "\" is not a number" + SEE_DOCS, e);
    }
    if (database < 0) {
      throw new PotteryConfigurationException(
          "Redis URI \"" + shown + "\": database " + database + " is negative" + SEE_DOCS);
    }
    return database;
  }

  /** The {@code timeout} query parameter, or null; any other parameter is refused. */
  private static Duration timeout(String shown, String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Duration timeout = null;
    for (String parameter : rawQuery.split("&")) {
      int eq = parameter.indexOf('=');
      String name = eq < 0 ? parameter : parameter.substring(0, eq);
      String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
      if (!name.equals("timeout")) {
        throw new PotteryConfigurationException("Redis URI \"" + shown + "\" has the query parameter \"" + name
            + "\", which Pottery does not read; the only one is timeout (e.g. ?timeout=500ms); set other settings"
            + " with Pottery.builder()" + SEE_DOCS);
      }
      timeout = duration(shown, value);
    }
    return timeout;
  }

  private static Duration duration(String shown, String value) {
    String digits = value;
    long unitMillis = 1;
    if (value.endsWith("ms")) {
      digits = value.substring(0, value.length() - 2);
    } else if (value.endsWith("s")) {
      digits = value.substring(0, value.length() - 1);
      unitMillis = 1000;
    }
    long amount;
    try {
      amount = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      amount = -1;
    }
    if (amount <= 0 || amount > Long.MAX_VALUE / 1000) {
      throw new PotteryConfigurationException("Redis URI \"" + shown + "\": timeout \"" + value
          + "\" is not a positive number of milliseconds, or of seconds with \"s\" (e.g. 500, 500ms, 2s)" + SEE_DOCS);
    }
    return Duration.ofMillis(amount * unitMillis);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * Hides a password in a URI text that may not even parse: {@code redis://app:***@h:6379}. Everything up to
   * the last {@code @} after {@code ://} is user info (a password may hold an unencoded {@code @}, {@code /} or
   * {@code ?}); a text with an {@code @} but no {@code ://} shows {@code ***} for all that precedes the
   * {@code @}, since which part is a password cannot be told.
   */
  private static String redactRaw(String uri) {
    int at = uri.lastIndexOf('@');
    if (at < 0) {
      return uri;
    }
    int scheme = uri.indexOf("://");
    if (scheme < 0 || at < scheme) {
      return "***" + uri.substring(at);
    }
    String userInfo = uri.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    String shownInfo = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
    return uri.substring(0, scheme + 3) + shownInfo + uri.substring(at);
  }

  /**
   * The URI with the password replaced by {@code ***}: {@code redis://app:***@10.0.0.3:6379/1}, or for a
   * cluster {@code redis-cluster://app:***@10.0.0.3:7000,10.0.0.4:7000}; a URI timeout shows as
   * {@code ?timeout=500ms}. This is the form Pottery uses in every message.
   */
  public String redacted() {
    StringBuilder sb = new StringBuilder(tls ? "rediss" : "redis").append(cluster() ? "-cluster://" : "://");
    if (user != null || password != null) {
      if (user != null) {
        sb.append(user);
      }
      if (password != null) {
        sb.append(":***");
      }
      sb.append('@');
    }
    if (cluster()) {
      String sep = "";
      for (Node seed : clusterSeeds) {
        sb.append(sep).append(seed);
        sep = ",";
      }
    } else {
      sb.append(new Node(host, port)).append('/').append(database);
    }
    if (commandTimeout != null) {
      sb.append("?timeout=").append(commandTimeout.toMillis()).append("ms");
    }
    return sb.toString();
  }

  /** Same as {@link #redacted()}: the password never shows. */
  @Override
  public String toString() {
    return redacted();
  }
}
