package io.pottery.internal.driver;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The exceptions a {@link RedisConnection} throws, with the same words whatever the driver: each names the
 * endpoint (redacted), the command and its first key, what happened and what to change. A driver keeps one per
 * connection, unwraps its library's exceptions (error replies, its own timeout types, futures) and hands the
 * rest here; what can be told from JDK types alone ({@link ConnectException}, {@link UnknownHostException},
 * {@link NoRouteToHostException}, {@code javax.net.ssl.SSLException}, {@link SocketTimeoutException}) is told
 * here.
 *
 * <p>For driver authors (SPI); applications do not call it. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ConnectionFailures {
  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final List<String> masters;

  /**
   * Failures of connections to {@code endpoint} opened with {@code settings} (their timeouts are quoted).
   *
   * @throws NullPointerException if an argument is null
   */
  public ConnectionFailures(RedisEndpoint endpoint, ConnectionSettings settings) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.masters = List.of(endpoint.redacted());
  }

  /** The redacted endpoint as a one-element list, as exceptions carry it in {@code masters()}. */
  public List<String> masters() {
    return masters;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Reasons a connection could not be opened: "Cannot connect to <endpoint>: <reason>"

  /**
   * Why opening a connection failed, from JDK types among {@code failure}, its causes and what they suppressed:
   * connection refused, unknown host, no route to host, TLS handshake failed, socket timeout; else the root
   * cause's class and message. Each says what to check (host, port, TLS, trust store, the connect timeout).
   *
   * @throws NullPointerException if {@code failure} is null
   */
  public String connectReason(Throwable failure) {
    if (find(failure, UnknownHostException.class) != null) {
      return "unknown host \"" + endpoint.host() + "\"; check the host in the URI";
    }
    if (find(failure, NoRouteToHostException.class) != null) {
      return "no route to host; check the host in the URI and the network";
    }
    if (find(failure, ConnectException.class) != null) {
      return "connection refused; check that Redis is running there and that the host and port in the URI are right";
    }
    Throwable tls = find(failure, ConnectionFailures::isSslException);
    if (tls != null) {
      return "TLS handshake failed (" + tls.getMessage() + "); check that the server speaks TLS on this port and that "
          + "its certificate, issued for \"" + endpoint.host() + "\", is trusted by the JVM trust store "
          + "(javax.net.ssl.trustStore)";
    }
    if (find(failure, SocketTimeoutException.class) != null) {
      return connectTimeoutReason();
    }
    return describe(failure);
  }

  /**
   * The reason for a connection that was not open, authenticated and on its database within the connect
   * timeout; for a driver whose library reports this with its own exception type (JDK's
   * {@link SocketTimeoutException} is recognized by {@link #connectReason}).
   */
  public String connectTimeoutReason() {
    return "no connection or handshake within " + settings.connectTimeout().toMillis() + " ms; check the host and "
        + "port" + (endpoint.tls() ? " and that the server speaks TLS on it" : "")
        + ", or raise Pottery.builder().connectTimeout if the server is only slow";
  }

  /**
   * The reason for an error reply to the handshake ({@code AUTH}, {@code HELLO}, {@code SELECT}): refused
   * credentials ({@code WRONGPASS}, {@code NOAUTH}, {@code NOPERM}, or text about {@code AUTH} or a password),
   * a refused database number ({@code DB index}), or any other error, quoting the server's text.
   *
   * @param serverText the error reply as the server sent it; may be null if the library lost it
   */
  public String handshakeRefusedReason(String serverText) {
    if (serverText != null && (serverText.startsWith("WRONGPASS") || serverText.startsWith("NOAUTH")
        || serverText.startsWith("NOPERM") || serverText.contains("AUTH") || serverText.contains("password"))) {
      return "the server refused the credentials (" + serverText + "); check the user and password in the URI";
    }
    if (serverText != null && serverText.contains("DB index")) {
      return "the server refused the database number " + endpoint.database() + " (" + serverText
          + "); check the database in the URI path";
    }
    return "the server answered the handshake with an error (" + serverText + ")";
  }

  /**
   * {@code Cannot connect to redis://host:6379/0: <reason>}, for a failed {@link RedisDriver#connect}.
   *
   * @param reason one of this class's reasons
   * @param failure the library's exception, kept as the cause
   */
  public RedisConnectionException cannotConnect(String reason, Throwable failure) {
    return new RedisConnectionException("Cannot connect to " + endpoint.redacted() + ": " + reason, null, masters,
        failure);
  }

  /**
   * {@code Cannot run GET (key "k"): cannot connect to redis://host:6379/0: <reason>}, for a command that needed
   * a new connection (a pool's, a reconnect) and could not get one.
   *
   * @param reason one of this class's reasons
   * @param failure the library's exception, kept as the cause
   */
  public RedisConnectionException cannotConnect(Command command, String reason, Throwable failure) {
    return new RedisConnectionException("Cannot run " + subject(command) + ": cannot connect to " + endpoint.redacted()
        + ": " + reason, command.firstKey(), masters, failure);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Commands on an open connection

  /** The exception for an error reply to {@code command}: the server's text, the command's first key. */
  public RedisErrorException errorReply(Command command, String serverText, Throwable cause) {
    return new RedisErrorException(serverText, command.firstKey(), masters, cause);
  }

  /** No reply to {@code command} within the command timeout; says it may or may not have run. */
  public RedisConnectionException noReply(Command command, Throwable cause) {
    return new RedisConnectionException(
        "No reply to " + subject(command) + " from " + endpoint.redacted() + " within "
            + settings.commandTimeout().toMillis() + " ms; the command may or may not have run. The server may be "
            + "overloaded, paused or unreachable; raise Pottery.builder().commandTimeout if it is only slow",
        command.firstKey(), masters, cause);
  }

  /**
   * {@code Cannot run GET (key "k"): the connection to redis://host:6379/0 dropped and reconnecting fails: <reason>
   * …}, for a command that failed (no reply in time, or refused while disconnected) while the driver's attempts to
   * open its connection again were failing. The reason is the last reconnect's, such as {@code the server refused
   * the credentials (WRONGPASS …); check the user and password in the URI} after they were revoked while
   * connected: without it, a connection that cannot come back reads like a slow server.
   *
   * @param reconnectReason one of this class's connect reasons, for the last failed reconnect
   * @param cause the driver's exception for the command, kept as the cause
   * @since 0.2
   */
  public RedisConnectionException reconnectFailing(Command command, String reconnectReason, Throwable cause) {
    return new RedisConnectionException("Cannot run " + subject(command) + ": the connection to " + endpoint.redacted()
        + " dropped and reconnecting fails: " + reconnectReason + ". If it was sent before the connection dropped,"
        + " it may or may not have run", command.firstKey(), masters, cause);
  }

  /**
   * The connection broke while {@code command} was sent or awaited; quotes the root cause. For a command that is
   * not {@linkplain Command#idempotent() idempotent} this is {@link #outcomeUnknown}: whoever cannot tell whether
   * the command was sent must assume it may have run.
   */
  public RedisConnectionException lost(Command command, Throwable cause) {
    if (!command.idempotent()) {
      return outcomeUnknown(command, cause);
    }
    return new RedisConnectionException("Connection to " + endpoint.redacted() + " lost during " + subject(command)
        + " (" + describe(cause) + "); the command may or may not have run", command.firstKey(), masters, cause);
  }

  /**
   * A command that is not idempotent was sent, then its connection dropped before the reply came: it may or may
   * not have run, and the driver did not send it again (a second run could apply it twice, or pop a second
   * element that no caller would ever see). {@code HINCRBY (key "k") on redis://host:6379/0: outcome unknown. …
   * (docs/errors.md#outcome-unknown)}. Every driver reports this case with this message, on a single server; the
   * cluster connections say the same with the node's address.
   *
   * @param cause what the driver saw (a reset, an end of stream, its own "dropped after sending" signal); quoted
   *     by its root cause and kept as the cause
   */
  public RedisConnectionException outcomeUnknown(Command command, Throwable cause) {
    return new RedisConnectionException(subject(command) + " on " + endpoint.redacted() + ": outcome unknown. The "
        + "connection dropped after the command was sent and before its reply came (" + describe(cause) + "); it may "
        + "or may not have run, and as it is not idempotent it was not sent again. Check the data before repeating it "
        + "(docs/errors.md#outcome-unknown)", command.firstKey(), masters, cause);
  }

  /** The connection was closed before {@code command} was sent. */
  public RedisConnectionException closedBeforeRun(Command command, Throwable cause) {
    return new RedisConnectionException("The connection to " + endpoint.redacted() + " was closed before "
        + subject(command) + " could run", command.firstKey(), masters, cause);
  }

  /** The connection was closed after {@code command} was sent but before its reply came. */
  public RedisConnectionException closedBeforeReply(Command command, Throwable cause) {
    return new RedisConnectionException("The connection to " + endpoint.redacted() + " was closed before "
        + subject(command) + " got a reply", command.firstKey(), masters, cause);
  }

  /** The calling thread was interrupted while it waited for the reply to {@code command}. */
  public RedisConnectionException interrupted(Command command, InterruptedException cause) {
    return new RedisConnectionException("Interrupted while waiting for the reply to " + subject(command) + " from "
        + endpoint.redacted() + "; the command may or may not have run", command.firstKey(), masters, cause);
  }

  /**
   * What a {@link RedisConnection} used after {@code close()} throws: {@code The Jedis connection to
   * redis://host:6379/0 is closed}, with the stack captured at {@code close()} as the cause.
   *
   * @param library the driver's library as users know it, such as {@code "Jedis"}
   * @param closedAt a throwable created in {@code close()}
   */
  public IllegalStateException closed(String library, Throwable closedAt) {
    return new IllegalStateException("The " + library + " connection to " + endpoint.redacted() + " is closed",
        closedAt);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers for drivers

  /** How messages name a command: {@code GET (key "k")}, or the bare name when it has no key. */
  public static String subject(Command command) {
    String key = command.firstKey();
    return command.name() + (key == null ? "" : " (key \"" + key + "\")");
  }

  /**
   * The first {@code type} among {@code failure}, its causes and the exceptions each of them suppressed (some
   * libraries suppress, e.g., the {@code ConnectException} of each address they tried), or null.
   *
   * @throws NullPointerException if {@code type} is null
   */
  public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return type.cast(find(failure, (Predicate<Throwable>) type::isInstance));
  }

  private static Throwable find(Throwable failure, Predicate<Throwable> wanted) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (wanted.test(t)) {
        return t;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        Throwable found = find(suppressed, wanted);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /**
   * Whether {@code t} is a {@code javax.net.ssl.SSLException}, told by name: pottery-api may depend on
   * {@code java.*} only (an architecture rule), and javax.net.ssl is outside it though in java.base.
   */
  private static boolean isSslException(Throwable t) {
    for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().equals("javax.net.ssl.SSLException")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage();
    return root.getClass().getSimpleName() + (text == null ? "" : ": " + text);
  }

  @Override
  public String toString() {
    return "ConnectionFailures{" + endpoint.redacted() + "}";
  }
}
