package io.pottery.driver.lettuce;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns what Lettuce reports into the SPI's exceptions: {@link RedisErrorException} for an error reply,
 * {@link RedisConnectionException} for everything else, with messages that name the endpoint (redacted), the
 * command, what happened and what to change.
 */
final class LettuceFailures {
  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final List<String> masters;

  LettuceFailures(RedisEndpoint endpoint, ConnectionSettings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.masters = List.of(endpoint.redacted());
  }

  /** The exception for an error reply with the server's text. */
  RedisErrorException errorReply(Command command, String serverText, Throwable cause) {
    return new RedisErrorException(serverText, command.firstKey(), masters, cause);
  }

  /** Opening the connection failed. */
  RedisConnectionException connectFailed(Throwable failure) {
    return new RedisConnectionException("Cannot connect to " + endpoint.redacted() + ": " + connectReason(failure), null,
        masters, failure);
  }

  private String connectReason(Throwable failure) {
    RedisCommandExecutionException refusal = find(failure, RedisCommandExecutionException.class);
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
    if (find(failure, UnknownHostException.class) != null) {
      return "unknown host \"" + endpoint.host() + "\"; check the host in the URI";
    }
    if (find(failure, NoRouteToHostException.class) != null) {
      return "no route to host; check the host in the URI and the network";
    }
    if (find(failure, io.netty.channel.ConnectTimeoutException.class) != null
        || find(failure, RedisCommandTimeoutException.class) != null) {
      return "no connection or handshake within " + settings.connectTimeout().toMillis() + " ms; check the host and "
          + "port" + (endpoint.tls() ? " and that the server speaks TLS on it" : "")
          + ", or raise Pottery.builder().connectTimeout if the server is only slow";
    }
    if (find(failure, ConnectException.class) != null) {
      return "connection refused; check that Redis is running there and that the host and port in the URI are right";
    }
    SSLException tls = find(failure, SSLException.class);
    if (tls != null) {
      return "TLS handshake failed (" + tls.getMessage() + "); check that the server speaks TLS on this port and that "
          + "its certificate, issued for \"" + endpoint.host() + "\", is trusted by the JVM trust store "
          + "(javax.net.ssl.trustStore)";
    }
    return describe(failure);
  }

  /** What a command's failure means for the caller: an error reply, or a connection failure. */
  RuntimeException commandFailed(Command command, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RedisCommandExecutionException) {
      return errorReply(command, cause.getMessage(), cause);
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return timedOut(command, cause);
    }
    String key = command.firstKey();
    if (cause instanceof CancellationException) {
      return new RedisConnectionException("The connection to " + endpoint.redacted() + " was closed before "
          + subject(command) + " got a reply", key, masters, cause);
    }
    return new RedisConnectionException("Connection to " + endpoint.redacted() + " lost during " + subject(command)
        + " (" + describe(cause) + "); the command may or may not have run", key, masters, cause);
  }

  /** No reply within the command timeout. */
  RedisConnectionException timedOut(Command command, Throwable cause) {
    return new RedisConnectionException(
        "No reply to " + subject(command) + " from " + endpoint.redacted() + " within "
            + settings.commandTimeout().toMillis() + " ms; the command may or may not have run. The server may be "
            + "overloaded, paused or unreachable; raise Pottery.builder().commandTimeout if it is only slow",
        command.firstKey(), masters, cause);
  }

  /** The calling thread was interrupted while it waited for a reply. */
  RedisConnectionException interrupted(Command command, InterruptedException cause) {
    return new RedisConnectionException("Interrupted while waiting for the reply to " + subject(command) + " from "
        + endpoint.redacted() + "; the command may or may not have run", command.firstKey(), masters, cause);
  }

  private static String subject(Command command) {
    String key = command.firstKey();
    return command.name() + (key == null ? "" : " (key \"" + key + "\")");
  }

  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = root.getMessage();
    return root.getClass().getSimpleName() + (text == null ? "" : ": " + text);
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
