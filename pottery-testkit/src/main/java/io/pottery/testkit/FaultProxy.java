package io.pottery.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A TCP proxy on the loopback interface in front of one real Redis server, for tests of what a client does when
 * a reply is lost: it forwards every byte both ways, and on request drops a client's connection <em>after the
 * server has run a command and answered it, before the answer reaches the client</em> — the one failure in which
 * a client cannot know whether its command ran, and a client that sends the command again runs it twice.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.to(server);
 *      Pottery pottery = Pottery.builder().masters(proxy.uri()).driver("lettuce").build()) {
 *   RedisCounter<String> counter = pottery.counter(key, String.class);
 *   FaultProxy.Fault fault = proxy.dropReplyTo("HINCRBY", FaultProxy.Close.FIN);
 *   assertThatThrownBy(() -> counter.increment("home")).hasMessageContaining("outcome unknown");
 *   assertThat(fault.fired()).isTrue();
 *   assertThat(server.client().call("HGET", key, "\"home\"")).isEqualTo("1".getBytes(UTF_8)); // ran once
 * }
 * }</pre>
 *
 * <h2>How it pairs replies with requests</h2>
 * Each client connection gets its own connection to the server and two threads. The client-to-server thread cuts
 * the byte stream into requests (RESP arrays of bulk strings, or inline commands) and notes, for each, whether it
 * is the one an armed {@link Fault} waits for, before forwarding it; the server-to-client thread cuts the replies
 * (RESP2, and RESP3 apart from pushes) and forwards each whole reply, or, for the noted request, closes both
 * sockets instead. Redis answers each connection's requests in order, so the n-th reply belongs to the n-th
 * request. Replies to requests pipelined behind the dropped one are lost with the connection, as they would be
 * in a real network failure. Connections opened afterwards (the client's reconnect) work normally: a fault
 * fires once.
 *
 * <h2>What the client sees</h2>
 * {@link Close#FIN} closes the client's socket in order (the client reads end-of-stream, as after a server
 * restart or {@code CLIENT KILL}); {@link Close#RST} aborts it (linger 0: the client gets "connection reset", as
 * when a middlebox or a crashed host drops the connection).
 *
 * <h2>The other recipe</h2>
 * Without a proxy, a reply can be lost on the server itself: freeze it with {@link RedisServer#pause()}, start
 * the call, queue {@code CLIENT KILL TYPE normal SKIPME yes} from another socket, and thaw it: Redis then runs
 * the call's command and kills its connection before writing the reply. {@link ClientKillRecipe} does this; it
 * needs a {@code controllable} server and leaves it to chance (the socket order of one event-loop turn) whether
 * the command ran before the kill, where this proxy decides.
 *
 * <p>Threads are daemons named {@code fault-proxy-<port>-…}. Thread-safe. {@link #close()} stops accepting,
 * closes every connection and ends every thread.
 *
 * @since 0.1
 */
public final class FaultProxy implements AutoCloseable {
  /** How the proxy ends a client connection whose reply it drops. */
  public enum Close {
    /** An orderly close: the client reads end-of-stream. */
    FIN,
    /** An abortive close (SO_LINGER 0): the client gets a connection reset. */
    RST
  }

  private static final Object NO_FAULT = new Object();

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final AtomicReference<Fault> armed = new AtomicReference<>();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean rejecting;
  private volatile boolean closed;

  private FaultProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.acceptor = new Thread(this::acceptLoop, "fault-proxy-" + listener.getLocalPort() + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A proxy listening on a free loopback port, forwarding to {@code host:port}. Nothing is connected to the
   * target until a client connects to the proxy.
   *
   * @throws NullPointerException if {@code host} is null
   * @throws IllegalArgumentException if {@code port} is not a TCP port
   * @throws java.io.UncheckedIOException if no loopback port can be bound
   */
  public static FaultProxy to(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port (1 to 65535)");
    }
    try {
      return new FaultProxy(host, port);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot open a loopback port for the fault proxy", e);
    }
  }

  /**
   * A proxy in front of a standalone server of the testkit (not a cluster: cluster nodes tell clients each
   * other's real addresses, so a client would leave the proxy after its first topology read).
   *
   * @throws IllegalArgumentException if {@code server} is a Redis Cluster
   */
  public static FaultProxy to(RedisServer server) {
    if (server.isCluster()) {
      throw new IllegalArgumentException("FaultProxy cannot sit in front of a Redis Cluster (" + server + "): its nodes "
          + "announce their own addresses, so clients would bypass the proxy");
    }
    return to(server.host(), server.port());
  }

  /** The loopback address clients connect to, {@code 127.0.0.1} (or {@code ::1}). */
  public String host() {
    return listener.getInetAddress().getHostAddress();
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code redis://127.0.0.1:<port>/0}: the proxied server as a Pottery master URI. */
  public String uri() {
    return uri(0);
  }

  /** {@code redis://127.0.0.1:<port>/<database>}. */
  public String uri(int database) {
    String host = host().indexOf(':') >= 0 ? "[" + host() + "]" : host();
    return "redis://" + host + ":" + port() + "/" + database;
  }

  /** How many client connections the proxy has accepted so far (reconnects included, rejected ones not). */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /**
   * Arms a one-shot fault: the reply to the next request (on any connection) whose command name is
   * {@code command} (case-insensitive, e.g. {@code "EVALSHA"}) is dropped and that connection closed as
   * {@code how} says. Replaces a fault that was armed and has not fired.
   *
   * @throws NullPointerException if an argument is null
   */
  public Fault dropReplyTo(String command, Close how) {
    Objects.requireNonNull(command, "command");
    return dropReplyTo(args -> !args.isEmpty()
        && new String(args.get(0), StandardCharsets.UTF_8).equalsIgnoreCase(command), command, how);
  }

  /**
   * Arms a one-shot fault for the next request whose arguments (command name first, as sent) match
   * {@code request}. The predicate runs on a proxy thread for every request until one matches; it must be quick
   * and must not throw.
   *
   * @param description names the request in {@link Fault#toString()}
   * @throws NullPointerException if an argument is null
   */
  public Fault dropReplyTo(Predicate<List<byte[]>> request, String description, Close how) {
    Fault fault = new Fault(Objects.requireNonNull(request, "request"), Objects.requireNonNull(description, "description"),
        Objects.requireNonNull(how, "how"));
    armed.set(fault);
    return fault;
  }

  /**
   * Closes every client connection now (FIN or RST), whatever is in flight: replies to requests already
   * forwarded are lost, and so is anything the client sends until it reconnects.
   */
  public void disconnectAll(Close how) {
    for (Link link : links) {
      link.abort(how);
    }
  }

  /**
   * While {@code true}, the proxy closes each new client connection as soon as it accepts it (before anything is
   * read or forwarded): the client can neither reconnect nor send anything, as when its server is unreachable.
   * Connections already open are left alone.
   */
  public void rejectConnections(boolean reject) {
    this.rejecting = reject;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (rejecting || closed) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket server = new Socket();
        server.connect(new InetSocketAddress(targetHost, targetPort), 2000);
        server.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
        accepted.incrementAndGet();
        Link link = new Link(client, server);
        links.add(link);
        link.start();
      } catch (IOException e) {
        closeQuietly(client); // the target is down: the client sees its connection closed
      }
    }
  }

  /** Stops accepting, closes every connection and waits (briefly) for the proxy's threads to end. Idempotent. */
  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    for (Link link : links) {
      link.abort(Close.FIN);
    }
    try {
      acceptor.join(2000);
      for (Link link : links) {
        link.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FaultProxy{" + host() + ":" + port() + " -> " + targetHost + ":" + targetPort + (closed ? ", closed" : "") + "}";
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing: nothing left to do with it.
    }
  }

  /**
   * A fault armed with {@link #dropReplyTo}: fires once, on the first matching request, when the server's reply to
   * it arrives at the proxy.
   */
  public final class Fault {
    private final Predicate<List<byte[]>> request;
    private final String description;
    private final Close how;
    private final CountDownLatch fired = new CountDownLatch(1);

    private Fault(Predicate<List<byte[]>> request, String description, Close how) {
      this.request = request;
      this.description = description;
      this.how = how;
    }

    /** Whether the reply was dropped (the server had answered the request). */
    public boolean fired() {
      return fired.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the fault to fire; whether it did. */
    public boolean awaitFired(Duration timeout) throws InterruptedException {
      return fired.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Disarms the fault if it has not matched a request yet; a fault already matched still fires. */
    public void cancel() {
      armed.compareAndSet(this, null);
    }

    @Override
    public String toString() {
      return "Fault{drop the reply to " + description + ", close with " + how + (fired() ? ", fired" : "") + "}";
    }
  }

  /** One client connection and its server connection, with a thread each way. */
  private final class Link {
    private final Socket client;
    private final Socket server;
    /** For each request forwarded, in order: the Fault that drops its reply, or NO_FAULT. */
    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final Thread up;
    private final Thread down;
    private final AtomicReference<Boolean> ended = new AtomicReference<>(false);

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
      String name = "fault-proxy-" + port() + "-" + client.getPort();
      this.up = new Thread(this::requests, name + "-up");
      this.down = new Thread(this::replies, name + "-down");
      up.setDaemon(true);
      down.setDaemon(true);
    }

    void start() {
      up.start();
      down.start();
    }

    void join() throws InterruptedException {
      up.join(2000);
      down.join(2000);
    }

    /** Client to server: whole requests, each noted in {@link #pending} before it is forwarded. */
    private void requests() {
      try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
        Buffer buffer = new Buffer();
        while (buffer.fill(in)) {
          int start = 0;
          int end;
          while ((end = Resp.requestEnd(buffer.bytes, start, buffer.length)) != Resp.INCOMPLETE) {
            pending.add(claim(Resp.arguments(buffer.bytes, start, end)));
            out.write(buffer.bytes, start, end - start);
            start = end;
          }
          out.flush();
          buffer.consume(start);
        }
      } catch (IOException | RuntimeException e) {
        // The connection ended (or carried something that is not RESP): close both sides.
      } finally {
        abort(Close.FIN);
      }
    }

    private Object claim(List<byte[]> args) {
      Fault fault = armed.get();
      if (fault != null && fault.request.test(args) && armed.compareAndSet(fault, null)) {
        return fault;
      }
      return NO_FAULT;
    }

    /** Server to client: whole replies, each paired with the oldest request in {@link #pending}. */
    private void replies() {
      try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
        Buffer buffer = new Buffer();
        while (buffer.fill(in)) {
          int start = 0;
          int end;
          while ((end = Resp.end(buffer.bytes, start, buffer.length)) != Resp.INCOMPLETE) {
            Object owner = pending.poll();
            if (owner instanceof Fault) {
              Fault fault = (Fault) owner;
              out.write(buffer.bytes, 0, start); // the replies before it still reach the client
              out.flush();
              // Counted before closing, so that a client that sees the close also sees the fault fired.
              fault.fired.countDown();
              abort(fault.how);
              return;
            }
            start = end;
          }
          out.write(buffer.bytes, 0, start);
          out.flush();
          buffer.consume(start);
        }
      } catch (IOException | RuntimeException e) {
        // The connection ended: close both sides.
      } finally {
        abort(Close.FIN);
      }
    }

    /** Closes both sockets, the client's as {@code how} says; the first call decides. */
    void abort(Close how) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      links.remove(this);
      try {
        if (how == Close.RST) {
          client.setSoLinger(true, 0);
        } else {
          client.shutdownOutput();
        }
      } catch (IOException ignored) {
        // Already closed by the other side.
      }
      closeQuietly(client);
      closeQuietly(server);
    }
  }

  /** A growable byte buffer that keeps the unparsed tail of a stream. */
  private static final class Buffer {
    byte[] bytes = new byte[16 * 1024];
    int length;

    /** Reads what is available (at least one byte); false at end of stream. */
    boolean fill(InputStream in) throws IOException {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      int read;
      try {
        read = in.read(bytes, length, bytes.length - length);
      } catch (SocketException closed) {
        return false;
      }
      if (read < 0) {
        return false;
      }
      length += read;
      return true;
    }

    /** Drops the first {@code count} bytes. */
    void consume(int count) {
      System.arraycopy(bytes, count, bytes, 0, length - count);
      length -= count;
    }
  }
}
