package io.pottery.testkit;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * One RESP2 socket to one server: writes a command, reads its reply. Error replies come back as
 * {@link RedisErrorException} values rather than being thrown, because the cluster router must look at
 * {@code MOVED}, {@code ASK} and {@code CLUSTERDOWN} before deciding what the caller sees. Not thread-safe:
 * {@link RawRedis} serializes calls.
 */
final class RespConnection implements RawRedis.Transport {
  private final String redactedUri;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(String redactedUri, Socket socket) throws IOException {
    this.redactedUri = redactedUri;
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  /**
   * Connects and authenticates ({@code AUTH} when a password is given); selects no database.
   *
   * @param redactedUri how messages name the server
   * @throws RedisConnectionException if the server cannot be reached
   * @throws RedisErrorException if {@code AUTH} is refused
   */
  static RespConnection open(boolean tls, String host, int port, String user, String password, Duration timeout,
      String redactedUri) {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Socket socket = null;
    try {
      socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      RespConnection connection = new RespConnection(redactedUri, socket);
      if (password != null) {
        byte[][] auth = user == null || user.isEmpty()
            ? new byte[][] {bytes("AUTH"), bytes(password)}
            : new byte[][] {bytes("AUTH"), bytes(user), bytes(password)};
        connection.callOrThrow(auth);
      }
      return connection;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new RedisConnectionException("Cannot connect to " + redactedUri + ": " + e, null, List.of(redactedUri), e);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** How messages name the server. */
  String redactedUri() {
    return redactedUri;
  }

  /**
   * Sends one command and returns its reply; an error reply is returned as a {@link RedisErrorException}.
   *
   * @throws RedisConnectionException if the connection fails or no reply comes within the timeout; the
   *     connection is closed then, since the stream can no longer be trusted to be in step
   * @throws IllegalStateException if the connection is closed
   */
  Object send(byte[][] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("a command needs at least its name");
    }
    if (socket.isClosed()) {
      throw new IllegalStateException("RawRedis to " + redactedUri + " is closed");
    }
    try {
      out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (byte[] arg : args) {
        Objects.requireNonNull(arg, "argument");
        out.write(('$' + Integer.toString(arg.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(arg);
        out.write('\r');
        out.write('\n');
      }
      out.flush();
      return read();
    } catch (IOException e) {
      close();
      throw new RedisConnectionException(new String(args[0], StandardCharsets.UTF_8) + " to " + redactedUri
          + " failed: " + e + "; the connection is closed", null, List.of(redactedUri), e);
    }
  }

  /** Like {@link #send}, with a top-level error reply thrown, naming this server. */
  Object callOrThrow(byte[][] args) {
    Object reply = send(args);
    if (reply instanceof RedisErrorException error) {
      throw new RedisErrorException(error.serverMessage(), null, List.of(redactedUri), null);
    }
    return reply;
  }

  @Override
  public Object call(byte[][] args) {
    return callOrThrow(args);
  }

  @Override
  public boolean isClosed() {
    return socket.isClosed();
  }

  private Object read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("connection closed by the server");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new RedisErrorException(line, null, List.of(redactedUri), null);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
          throw new EOFException("bulk string of " + length + " bytes cut short");
        }
        return bytes;
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          elements.add(read());
        }
        return elements;
      }
      default:
        throw new IOException("not a RESP2 reply: type byte " + type + " followed by \"" + line + "\"");
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed in the middle of a reply");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new IOException("a reply line ends in CR without LF");
        }
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }

  /** Closes the socket. Idempotent. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
