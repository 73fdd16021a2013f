package io.pottery.driver.lettuce;

import io.lettuce.core.event.EventBus;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.pottery.spi.RedisEndpoint;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import reactor.core.Disposable;

/**
 * Remembers why Lettuce's last attempt to reconnect one endpoint failed, until a connection to it is active
 * again. Lettuce reconnects in the background and keeps the commands sent meanwhile; when every attempt fails
 * (the credentials were revoked, the server is gone), those commands only time out, and the reason is in a log
 * line at best. {@link LettuceFailures} puts it into the command's exception instead.
 *
 * <p>Lettuce publishes reconnect events on the event bus of the {@code ClientResources} that all connections
 * of one driver share; an event is this endpoint's when its remote address is the endpoint's host and port
 * (the masters of one {@code Pottery} are distinct servers). Thread-safe.
 */
final class ReconnectWatch implements AutoCloseable {
  private final RedisEndpoint endpoint;
  private final Disposable subscription;
  private volatile Throwable lastFailure;

  /** Starts watching {@code bus} for {@code endpoint}'s reconnects; {@link #close()} stops it. */
  ReconnectWatch(RedisEndpoint endpoint, EventBus bus) {
    this.endpoint = endpoint;
    this.subscription = bus.get().subscribe(event -> {
      if (event instanceof ReconnectFailedEvent failed && isOurs(failed.remoteAddress())) {
        lastFailure = failed.getCause();
      } else if (event instanceof ConnectionActivatedEvent activated && isOurs(activated.remoteAddress())) {
        lastFailure = null;
      }
    });
  }

  /** Why the last reconnect failed, or null if none failed since the connection was last active. */
  Throwable lastFailure() {
    return lastFailure;
  }

  private boolean isOurs(SocketAddress address) {
    return address instanceof InetSocketAddress inet && Addresses.sameServer(inet, endpoint.host(), endpoint.port());
  }

  /** Stops watching. Idempotent. */
  @Override
  public void close() {
    subscription.dispose();
  }
}
