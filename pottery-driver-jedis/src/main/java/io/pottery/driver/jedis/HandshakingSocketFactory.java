package io.pottery.driver.jedis;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.IOUtils;

/**
 * Jedis's socket factory, plus the TLS handshake right away, within what is left of the opening timeout: Jedis
 * builds a TLS context per socket (loading the trust store takes a while on a busy machine), and left to the
 * first write (the HELLO), a handshake that times out was followed by Jedis reading the socket once more for a
 * Redis error line, which doubled the wait against a server that never answers. The socket leaves with what
 * is left of the opening timeout for Redis's own handshake; {@link RawCalls#borrow} then sets the command
 * timeout.
 */
final class HandshakingSocketFactory implements JedisSocketFactory {
  private final JedisSocketFactory delegate;
  private final int openingMillis;

  HandshakingSocketFactory(JedisSocketFactory delegate, int openingMillis) {
    this.delegate = delegate;
    this.openingMillis = openingMillis;
  }

  @Override
  public Socket createSocket() {
    long start = System.nanoTime();
    Socket socket = delegate.createSocket();
    try {
      socket.setSoTimeout(left(start));
      if (socket instanceof SSLSocket) {
        ((SSLSocket) socket).startHandshake();
        socket.setSoTimeout(left(start));
      }
    } catch (IOException e) {
      IOUtils.closeQuietly(socket);
      throw new JedisConnectionException("TLS handshake failed", e);
    }
    return socket;
  }

  /** What is left of the opening timeout, at least 1 ms (0 would mean no timeout at all). */
  private int left(long startNanos) {
    long leftMillis = openingMillis - (System.nanoTime() - startNanos) / 1_000_000;
    return (int) Math.max(1, leftMillis);
  }
}
