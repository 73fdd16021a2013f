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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;

/**
 * A tiny RESP2 client over one socket, for tests that must reach Redis around Pottery: to write the layout a
 * Python pottery process would leave, or to read the exact bytes Pottery wrote. It depends on no driver.
 *
 * <pre>{@code
 * try (RawRedis raw = server.client()) {
 *   raw.call("HSET", "tel", "\"jack\"", "4098");
 *   assertThat(raw.call("HGET", "tel", "\"jack\"")).isEqualTo("4098".getBytes(UTF_8));
 * }
 * }</pre>
 *
 * <p>Replies map as: integer → {@link Long}; bulk string → {@code byte[]}; simple string → {@link String};
 * array → {@code List<Object>} of these; null bulk string or null array → {@code null}. An error reply is
 * thrown as {@link RedisErrorException} (its {@code serverMessage()} is the server's text); inside an array
 * (as in an {@code EXEC} reply) it is returned as an element instead. A lost connection or a reply slower
 * than the timeout throws {@link RedisConnectionException} and closes the connection, since the stream can
 * no longer be trusted to be in step.
 *
 * <p>Calls are serialized (the methods are synchronized), one round trip each. Close it when done.
 *
 * @since 0.1
 */
public final class RawRedis implements AutoCloseable {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final String redactedUri;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawRedis(String redactedUri, Socket socket) throws IOException {
    this.redactedUri = redactedUri;
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = new BufferedOutputStream(socket.getOutputStream());
  }

  /**
   * Connects with a 5 s connect and reply timeout; see {@link #connect(String, Duration)}.
   *
   * @throws IllegalArgumentException if the URI is not {@code redis://} or {@code rediss://}
   * @throws RedisConnectionException if the server cannot be reached
   * @throws RedisErrorException if {@code AUTH} or {@code SELECT} is refused
   */
  public static RawRedis connect(String uri) {
    return connect(uri, DEFAULT_TIMEOUT);
  }

  /**
   * Connects to {@code redis[s]://[[user]:password@]host[:port][/database]}: authenticates with {@code AUTH}
   * when the URI has a password and selects the database when it names one other than 0. {@code rediss}
   * uses the JVM's default TLS settings.
   *
   * @param timeout the connect timeout and the longest wait for any one reply
   * @throws IllegalArgumentException if the URI is not {@code redis://} or {@code rediss://}
   * @throws RedisConnectionException if the server cannot be reached
   * @throws RedisErrorException if {@code AUTH} or {@code SELECT} is refused
   */
  public static RawRedis connect(String uri, Duration timeout) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    Endpoint endpoint = Endpoint.parse(uri);
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Socket socket = null;
    try {
      socket = endpoint.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
      socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      RawRedis raw = new RawRedis(endpoint.redacted(), socket);
      try {
        if (endpoint.password() != null) {
          if (endpoint.user() == null || endpoint.user().isEmpty()) {
            raw.call("AUTH", endpoint.password());
          } else {
            raw.call("AUTH", endpoint.user(), endpoint.password());
          }
        }
        if (endpoint.database() != 0) {
          raw.call("SELECT", Integer.toString(endpoint.database()));
        }
      } catch (RuntimeException e) {
        raw.close();
        throw e;
      }
      return raw;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new RedisConnectionException("Cannot connect to " + endpoint.redacted() + ": " + e, null,
          List.of(endpoint.redacted()), e);
    }
  }

  /** Whether a server answers PING with PONG at {@code uri} within 500 ms; never throws. */
  static boolean answersPing(String uri) {
    try (RawRedis raw = connect(uri, Duration.ofMillis(500))) {
      return "PONG".equals(raw.call("PING"));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Sends one command whose arguments are UTF-8 text and returns the reply, mapped as the class describes.
   *
   * @throws RedisErrorException if the server answers with an error
   * @throws RedisConnectionException if the connection fails or no reply comes within the timeout
   */
  public synchronized Object call(String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = Objects.requireNonNull(args[i], "argument " + i).getBytes(StandardCharsets.UTF_8);
    }
    return call(bytes);
  }

  /**
   * Sends one command with binary-safe arguments and returns the reply, mapped as the class describes.
   *
   * @throws RedisErrorException if the server answers with an error
   * @throws RedisConnectionException if the connection fails or no reply comes within the timeout
   */
  public synchronized Object call(byte[]... args) {
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
      Object reply = read();
      if (reply instanceof RedisErrorException error) {
        throw new RedisErrorException(error.serverMessage(), null, List.of(redactedUri), null);
      }
      return reply;
    } catch (IOException e) {
      close();
      throw new RedisConnectionException(new String(args[0], StandardCharsets.UTF_8) + " to " + redactedUri
          + " failed: " + e + "; the connection is closed", null, List.of(redactedUri), e);
    }
  }

  /**
   * Like {@link #call(String...)}, with bulk strings decoded as UTF-8 text (also inside arrays), for replies
   * that are known to be text.
   *
   * @throws RedisErrorException if the server answers with an error
   * @throws RedisConnectionException if the connection fails or no reply comes within the timeout
   */
  public synchronized Object callText(String... args) {
    return asText(call(args));
  }

  private static Object asText(Object reply) {
    if (reply instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (reply instanceof List<?> list) {
      List<Object> texts = new ArrayList<>(list.size());
      for (Object element : list) {
        texts.add(asText(element));
      }
      return texts;
    }
    return reply;
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

  /** Closes the connection. Idempotent. */
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

  /** {@code RawRedis{redis://host:port/db}}, without credentials. */
  @Override
  public String toString() {
    return "RawRedis{" + redactedUri + (socket.isClosed() ? ", closed" : "") + "}";
  }

  /** The parts of a {@code redis://} URI a raw connection needs. */
  record Endpoint(boolean tls, String host, int port, String user, String password, int database) {

    static Endpoint parse(String text) {
      URI uri;
      try {
        uri = URI.create(text.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Not a redis:// URI: \"" + redact(text) + "\"", e);
      }
      String scheme = uri.getScheme();
      if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("Not a redis:// or rediss:// URI: \"" + redact(text) + "\"");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("No host in \"" + redact(text) + "\"");
      }
      String user = null;
      String password = null;
      if (uri.getUserInfo() != null) {
        String info = uri.getUserInfo();
        int colon = info.indexOf(':');
        if (colon < 0) {
          password = info;
        } else {
          user = info.substring(0, colon);
          password = info.substring(colon + 1);
        }
      }
      int database = 0;
      String path = uri.getPath();
      if (path != null && path.length() > 1) {
        try {
          database = Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("The path of \"" + redact(text) + "\" is not a database number", e);
        }
      }
      return new Endpoint("rediss".equalsIgnoreCase(scheme), uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
          user, password, database);
    }

    String redacted() {
      return (tls ? "rediss" : "redis") + "://" + host + ":" + port + "/" + database;
    }

    /** {@code uri} with its path replaced by {@code /database}; credentials kept as written. */
    static String withDatabase(String uri, int database) {
      URI parsed = URI.create(uri.trim());
      return parsed.getScheme() + "://" + parsed.getRawAuthority() + "/" + database;
    }

    /** Drops {@code user:password@} from a URI text for messages. */
    static String redact(String text) {
      return text.replaceFirst("//[^/@]*@", "//");
    }
  }
}
