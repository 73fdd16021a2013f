package io.pottery.driver.jedis;

import io.pottery.RedisConnectionException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Turns what Jedis throws into {@link RedisConnectionException}s whose messages name the endpoint (redacted),
 * the command, what happened and what to change.
 */
final class JedisFailures {
  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final List<String> masters;

  JedisFailures(RedisEndpoint endpoint, ConnectionSettings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.masters = List.of(endpoint.redacted());
  }

  List<String> masters() {
    return masters;
  }

  /** Opening a connection failed (in {@code connect()} or when the pool opens another one later). */
  RedisConnectionException connectFailed(Throwable failure) {
    return new RedisConnectionException(
        "Cannot connect to " + endpoint.redacted() + ": " + connectReason(failure), null, masters, failure);
  }

  private String connectReason(Throwable failure) {
    JedisDataException refusal = find(failure, JedisDataException.class);
    if (refusal != null) {
      String text = refusal.getMessage();
      if (text != null && (text.startsWith("WRONGPASS") || text.startsWith("NOAUTH") || text.startsWith("NOPERM")
          || text.contains("AUTH") || text.contains("password"))) {
        return "the server refused the credentials (" + text + "); check the user and password in the URI";
      }
      if (text != null && text.contains("DB index")) {
        return "the server refused the database number " + endpoint.database() + " (" + text
            + "); check the database in the URI path";
      }
      return "the server answered the handshake with an error (" + text + ")";
    }
    if (find(failure, ConnectException.class) != null) {
      return "connection refused; check that Redis is running there and that the host and port in the URI are right";
    }
    if (find(failure, UnknownHostException.class) != null) {
      return "unknown host \"" + endpoint.host() + "\"; check the host in the URI";
    }
    if (find(failure, NoRouteToHostException.class) != null) {
      return "no route to host; check the host in the URI and the network";
    }
    SSLException tls = find(failure, SSLException.class);
    if (tls != null) {
      return "TLS handshake failed (" + tls.getMessage() + "); check that the server speaks TLS on this port and that "
          + "its certificate, issued for \"" + endpoint.host() + "\", is trusted by the JVM trust store "
          + "(javax.net.ssl.trustStore)";
    }
    if (find(failure, SocketTimeoutException.class) != null) {
      return "no connection or handshake within " + settings.connectTimeout().toMillis() + " ms; check the host and "
          + "port" + (endpoint.tls() ? " and that the server speaks TLS on it" : "")
          + ", or raise Pottery.builder().connectTimeout if the server is only slow";
    }
    return describe(failure);
  }

  /** A command got no reply: the server is unreachable, the connection broke, or the reply came too late. */
  RedisConnectionException commandFailed(Command command, Throwable failure) {
    String key = command.firstKey();
    String subject = command.name() + (key == null ? "" : " (key \"" + key + "\")");
    if (find(failure, NoSuchElementException.class) != null) {
      return new RedisConnectionException(
          "No connection to " + endpoint.redacted() + " became free for " + subject + " within "
              + settings.commandTimeout().toMillis() + " ms: all " + JedisConnection.POOL_SIZE
              + " pooled connections were busy; use fewer threads at once or raise Pottery.builder().commandTimeout",
          key, masters, failure);
    }
    if (failure instanceof IllegalStateException) {
      return new RedisConnectionException(
          "The connection to " + endpoint.redacted() + " was closed before " + subject + " could run", key, masters,
          failure);
    }
    SocketTimeoutException timeout = find(failure, SocketTimeoutException.class);
    if (timeout != null && !String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
      return new RedisConnectionException(
          "No reply to " + subject + " from " + endpoint.redacted() + " within " + settings.commandTimeout().toMillis()
              + " ms; the command may or may not have run. The server may be overloaded, paused or unreachable; "
              + "raise Pottery.builder().commandTimeout if it is only slow",
          key, masters, failure);
    }
    if (isConnectFailure(failure)) {
      return new RedisConnectionException(
          "Cannot run " + subject + ": cannot connect to " + endpoint.redacted() + ": " + connectReason(failure), key,
          masters, failure);
    }
    return new RedisConnectionException(
        "Connection to " + endpoint.redacted() + " lost during " + subject + " (" + describe(failure)
            + "); the command may or may not have run",
        key, masters, failure);
  }

  private static boolean isConnectFailure(Throwable failure) {
    return find(failure, ConnectException.class) != null || find(failure, UnknownHostException.class) != null
        || find(failure, NoRouteToHostException.class) != null || find(failure, SSLException.class) != null
        || find(failure, JedisDataException.class) != null
        || String.valueOf(failure.getMessage()).contains("Could not get a resource");
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage();
    return root.getClass().getSimpleName() + (text == null ? "" : ": " + text);
  }

  /** The first {@code type} among the failure, its causes and what they suppressed (Jedis suppresses, e.g., the
   * {@code ConnectException} of each address it tried). */
  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      for (Throwable suppressed : t.getSuppressed()) {
        T found = find(suppressed, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
