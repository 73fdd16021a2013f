package io.pottery.spi;

import io.pottery.PotteryConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Redis server as a parsed {@code redis://} or {@code rediss://} (TLS) URI:
 * {@code redis[s]://[[user]:password@]host[:port][/database]}. The port defaults to 6379 and the database to 0.
 * A user with no password ({@code redis://user@host}) is read as redis-py reads it: a user name only.
 *
 * <p>{@link #toString()} and {@link #redacted()} never show the password, so endpoints can go into messages
 * and logs.
 *
 * @param tls whether the scheme is {@code rediss}
 * @param host the host name or address literal (IPv6 without brackets)
 * @param port the TCP port
 * @param user the ACL user name, or {@code null}
 * @param password the password, or {@code null}
 * @param database the logical database number
 * @since 0.1
 */
public record RedisEndpoint(boolean tls, String host, int port, String user, String password, int database) {

  /** The port Redis listens on by default. */
  public static final int DEFAULT_PORT = 6379;
  /** Where every malformed-URI message points. */
  private static final String SEE_DOCS = " (docs/errors.md#malformed-uri)";

  /**
   * Checks the components.
   *
   * @throws NullPointerException if {@code host} is null
   * @throws IllegalArgumentException if the port is not 1–65535 or the database is negative
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
  }

  /**
   * Whether {@code uri} has a scheme this record parses ({@code redis} or {@code rediss}, any case): what a
   * driver of single servers answers from {@link RedisDriver#supports}. Says nothing about the rest of the URI.
   *
   * @throws NullPointerException if {@code uri} is null
   */
  public static boolean hasRedisScheme(URI uri) {
    String scheme = Objects.requireNonNull(uri, "uri").getScheme();
    return "redis".equalsIgnoreCase(scheme) || "rediss".equalsIgnoreCase(scheme);
  }

  /**
   * Parses a Redis URI.
   *
   * @throws NullPointerException if {@code uri} is null
   * @throws PotteryConfigurationException if it is not a {@code redis://} or {@code rediss://} URI of the
   *     form above; the message quotes the URI without its password
   */
  public static RedisEndpoint parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    try {
      return parse(new URI(uri));
    } catch (URISyntaxException e) {
      throw new PotteryConfigurationException(
          "Malformed Redis URI \"" + redactRaw(uri) + "\": " + e.getReason()
              + "; expected redis[s]://[[user]:password@]host[:port][/database]" + SEE_DOCS, e);
    }
  }

  /** Parses a Redis URI; see {@link #parse(String)}. */
  public static RedisEndpoint parse(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String shown = redactRaw(uri.toString());
    String scheme = uri.getScheme();
    boolean tls;
    if ("redis".equalsIgnoreCase(scheme)) {
      tls = false;
    } else if ("rediss".equalsIgnoreCase(scheme)) {
      tls = true;
    } else {
      throw new PotteryConfigurationException(
          "Redis URI \"" + shown + "\" has scheme " + (scheme == null ? "(none)" : "\"" + scheme + "\"")
              + "; expected redis:// or rediss:// (TLS), e.g. redis://localhost:6379/0" + SEE_DOCS);
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new PotteryConfigurationException(
          "Redis URI \"" + shown + "\" has no host; expected redis[s]://[[user]:password@]host[:port][/database]"
              + SEE_DOCS);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        user = decode(userInfo);
      } else {
        user = colon == 0 ? null : decode(userInfo.substring(0, colon));
        password = decode(userInfo.substring(colon + 1));
      }
    }
    int database = 0;
    String path = uri.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
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
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new PotteryConfigurationException(
          "Redis URI \"" + shown + "\" has a query or fragment, which Pottery does not read; "
              + "set timeouts with Pottery.builder() instead" + SEE_DOCS);
    }
    return new RedisEndpoint(tls, host, port, user, password, database);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Hides a password in a URI text that may not even parse. */
  private static String redactRaw(String uri) {
    int scheme = uri.indexOf("://");
    int at = uri.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return uri;
    }
    String userInfo = uri.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    String shownInfo = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
    return uri.substring(0, scheme + 3) + shownInfo + uri.substring(at);
  }

  /**
   * The URI with the password replaced by {@code ***}: {@code redis://app:***@10.0.0.3:6379/1}. This is the
   * form Pottery uses in every message.
   */
  public String redacted() {
    StringBuilder sb = new StringBuilder(tls ? "rediss://" : "redis://");
    if (user != null || password != null) {
      if (user != null) {
        sb.append(user);
      }
      if (password != null) {
        sb.append(":***");
      }
      sb.append('@');
    }
    sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
    return sb.toString();
  }

  /** Same as {@link #redacted()}: the password never shows. */
  @Override
  public String toString() {
    return redacted();
  }
}
