package io.pottery.internal.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {
  private static final RedisEndpoint PLAIN = RedisEndpoint.parse("redis://app:secret@cache:6380/2");
  private static final RedisEndpoint TLS = RedisEndpoint.parse("rediss://cache:6380/2");
  private static final ConnectionSettings SETTINGS =
      new ConnectionSettings(Duration.ofMillis(1500), Duration.ofMillis(250));
  private static final Command GET = Command.builder("GET").key("tel").idempotent().build();
  private static final Command INCR = Command.builder("INCR").key("tel").build();

  private final ConnectionFailures failures = new ConnectionFailures(PLAIN, SETTINGS);

  private static RuntimeException wrapped(Throwable cause) {
    return new RuntimeException("library failure", new IOException("io", cause));
  }

  @Test
  void connectReasonsComeFromJdkTypesAnywhereInTheChain() {
    assertThat(failures.connectReason(wrapped(new ConnectException("Connection refused"))))
        .isEqualTo("connection refused; check that Redis is running there and that the host and port in the URI "
            + "are right");
    assertThat(failures.connectReason(wrapped(new UnknownHostException("cache"))))
        .isEqualTo("unknown host \"cache\"; check the host in the URI");
    assertThat(failures.connectReason(wrapped(new NoRouteToHostException())))
        .isEqualTo("no route to host; check the host in the URI and the network");
    assertThat(failures.connectReason(wrapped(new SSLHandshakeException("PKIX path building failed"))))
        .isEqualTo("TLS handshake failed (PKIX path building failed); check that the server speaks TLS on this port "
            + "and that its certificate, issued for \"cache\", is trusted by the JVM trust store "
            + "(javax.net.ssl.trustStore)");
    assertThat(failures.connectReason(wrapped(new SocketTimeoutException("connect timed out"))))
        .isEqualTo("no connection or handshake within 1500 ms; check the host and port, or raise "
            + "Pottery.builder().connectTimeout if the server is only slow");
    assertThat(failures.connectReason(wrapped(new IllegalStateException("odd"))))
        .isEqualTo("IllegalStateException: odd");
  }

  @Test
  void suppressedExceptionsCount() {
    IOException all = new IOException("all addresses failed");
    all.addSuppressed(new ConnectException("Connection refused"));
    assertThat(failures.connectReason(all)).startsWith("connection refused");
    assertThat(ConnectionFailures.find(all, ConnectException.class)).isSameAs(all.getSuppressed()[0]);
    assertThat(ConnectionFailures.find(all, UnknownHostException.class)).isNull();
  }

  @Test
  void theTimeoutReasonMentionsTlsForRediss() {
    assertThat(new ConnectionFailures(TLS, SETTINGS).connectTimeoutReason())
        .isEqualTo("no connection or handshake within 1500 ms; check the host and port and that the server speaks "
            + "TLS on it, or raise Pottery.builder().connectTimeout if the server is only slow");
  }

  @Test
  void handshakeRefusalsAreToldApart() {
    assertThat(failures.handshakeRefusedReason("WRONGPASS invalid username-password pair"))
        .isEqualTo("the server refused the credentials (WRONGPASS invalid username-password pair); check the user "
            + "and password in the URI");
    assertThat(failures.handshakeRefusedReason("ERR DB index is out of range"))
        .isEqualTo("the server refused the database number 2 (ERR DB index is out of range); check the database in "
            + "the URI path");
    assertThat(failures.handshakeRefusedReason("ERR unknown command 'HELLO'"))
        .isEqualTo("the server answered the handshake with an error (ERR unknown command 'HELLO')");
  }

  @Test
  void messagesNameTheRedactedEndpointAndTheCommand() {
    ConnectException refused = new ConnectException("Connection refused");
    RedisConnectionException connect = failures.cannotConnect("connection refused", refused);
    assertThat(connect).hasMessage("Cannot connect to redis://app:***@cache:6380/2: connection refused")
        .hasCause(refused);
    assertThat(connect.masters()).containsExactly("redis://app:***@cache:6380/2");
    assertThat(failures.cannotConnect(GET, "connection refused", refused))
        .hasMessage("Cannot run GET (key \"tel\"): cannot connect to redis://app:***@cache:6380/2: connection refused");
    assertThat(failures.noReply(GET, null)).hasMessage("No reply to GET (key \"tel\") from redis://app:***@cache:6380/2 "
        + "within 250 ms; the command may or may not have run. The server may be overloaded, paused or "
        + "unreachable; raise Pottery.builder().commandTimeout if it is only slow");
    assertThat(failures.lost(GET, wrapped(new IOException("Connection reset"))))
        .hasMessage("Connection to redis://app:***@cache:6380/2 lost during GET (key \"tel\") (IOException: "
            + "Connection reset); the command may or may not have run");
    IOException reset = new IOException("Connection reset");
    RedisConnectionException unknown = failures.lost(INCR, wrapped(reset));
    assertThat(failures.outcomeUnknown(INCR, reset)).hasMessage(unknown.getMessage());
    assertThat(unknown).hasMessage("INCR (key \"tel\") on redis://app:***@cache:6380/2: outcome unknown. The connection dropped after "
            + "the command was sent and before its reply came (IOException: Connection reset); it may or may not have "
            + "run, and as it is not idempotent it was not sent again. Check the data before repeating it "
            + "(docs/errors.md#outcome-unknown)")
        .hasRootCause(reset);
    assertThat(unknown.key()).hasValue("tel");
    assertThat(unknown.masters()).containsExactly("redis://app:***@cache:6380/2");
    assertThat(failures.closedBeforeRun(Command.builder("PING").build(), null))
        .hasMessage("The connection to redis://app:***@cache:6380/2 was closed before PING could run");
    assertThat(failures.closedBeforeReply(GET, null))
        .hasMessage("The connection to redis://app:***@cache:6380/2 was closed before GET (key \"tel\") got a reply");
    assertThat(failures.interrupted(GET, new InterruptedException())).hasMessage("Interrupted while waiting for the "
        + "reply to GET (key \"tel\") from redis://app:***@cache:6380/2; the command may or may not have run");
    Throwable closedAt = new Throwable("closed here");
    assertThat(failures.closed("Jedis", closedAt))
        .hasMessage("The Jedis connection to redis://app:***@cache:6380/2 is closed").hasCause(closedAt);
  }

  @Test
  void errorRepliesKeepTheServerTextAndKey() {
    RedisErrorException e = failures.errorReply(GET, "WRONGTYPE Operation against a key holding the wrong kind", null);
    assertThat(e.serverMessage()).isEqualTo("WRONGTYPE Operation against a key holding the wrong kind");
    assertThat(e.key()).hasValue("tel");
    assertThat(e.masters()).isEqualTo(List.of("redis://app:***@cache:6380/2"));
  }

  @Test
  void aCommandWhileReconnectingFailsSaysWhyReconnectingFails() {
    Throwable timeout = new IllegalStateException("no reply");
    RedisConnectionException e = failures.reconnectFailing(GET,
        failures.handshakeRefusedReason("WRONGPASS invalid username-password pair or user is disabled."), timeout);
    assertThat(e).hasMessage("Cannot run GET (key \"tel\"): the connection to redis://app:***@cache:6380/2 dropped"
        + " and reconnecting fails: the server refused the credentials (WRONGPASS invalid username-password pair or"
        + " user is disabled.); check the user and password in the URI. If it was sent before the connection"
        + " dropped, it may or may not have run");
    assertThat(e.key()).contains("tel");
    assertThat(e.masters()).containsExactly("redis://app:***@cache:6380/2");
    assertThat(e.getCause()).isSameAs(timeout);
  }
}
