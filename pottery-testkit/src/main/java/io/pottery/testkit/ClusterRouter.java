package io.pottery.testkit;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cluster side of {@link RawRedis}: one {@link RespConnection} per node, a slot table from
 * {@code CLUSTER SLOTS}, and each call sent to the owner of its first key's slot. It follows {@code MOVED}
 * (and refreshes the table) and {@code ASK} (with {@code ASKING}), and until the timeout retries what
 * certainly did not run: {@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code LOADING}, a refused connection, and a
 * connection the server closed (a killed node; its replica takes over). A reply that times out is not
 * retried, since the command may have run.
 *
 * <p>Not thread-safe: {@link RawRedis} serializes calls.
 */
final class ClusterRouter implements RawRedis.Transport {
  private static final long PAUSE_MILLIS = 50;
  private static final Set<String> KEYLESS = Set.of("PING", "INFO", "CLUSTER", "SCRIPT", "FLUSHALL", "FLUSHDB",
      "DBSIZE", "CONFIG", "COMMAND", "TIME", "ECHO", "DEBUG", "READONLY", "READWRITE", "ASKING", "CLIENT",
      "FUNCTION", "KEYS", "SCAN", "RANDOMKEY", "LASTSAVE", "SAVE", "BGSAVE", "ROLE", "SLOWLOG", "LATENCY", "HELLO",
      "PUBLISH", "MULTI", "EXEC", "DISCARD", "SWAPDB", "MONITOR", "ACL", "LOLWUT");
  private static final Set<String> SCRIPTS = Set.of("EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO");
  private static final Set<String> SUBCOMMANDS_WITH_KEY = Set.of("OBJECT", "MEMORY", "XINFO");

  private final ClusterEndpoint endpoint;
  private final Duration timeout;
  private final Map<String, RespConnection> connections = new HashMap<>();
  private final Set<String> known = new LinkedHashSet<>();
  private final String[] owners = new String[HashSlot.SLOTS];
  private String lastNode;
  private boolean closed;

  private ClusterRouter(ClusterEndpoint endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    known.addAll(endpoint.seeds());
  }

  /**
   * Connects to the first seed that answers and reads the slot map.
   *
   * @throws RedisConnectionException if no seed answers {@code CLUSTER SLOTS}
   */
  static ClusterRouter connect(ClusterEndpoint endpoint, Duration timeout) {
    ClusterRouter router = new ClusterRouter(endpoint, timeout);
    RuntimeException failure = router.refresh();
    if (failure != null) {
      router.close();
      throw new RedisConnectionException("Cannot read the slot map of " + endpoint.redacted() + " from any seed: "
          + failure.getMessage(), null, List.of(endpoint.redacted()), failure);
    }
    return router;
  }

  @Override
  public Object call(byte[][] args) {
    String command = new String(args[0], StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    byte[] key = firstKey(command, args);
    int slot = key == null ? -1 : HashSlot.of(key);
    long deadline = System.nanoTime() + timeout.toNanos();
    String target = slot < 0 ? (command.equals("WAIT") ? lastNode : null) : owners[slot];
    boolean asking = false;
    while (true) {
      String node = target != null ? target : known.iterator().next();
      Object reply;
      try {
        RespConnection connection = connection(node);
        if (asking) {
          connection.callOrThrow(new byte[][] {RespConnection.bytes("ASKING")});
        }
        reply = connection.send(args);
      } catch (RedisConnectionException e) {
        drop(node);
        if (!retriable(e) || System.nanoTime() > deadline) {
          throw e;
        }
        pause();
        refresh();
        target = slot < 0 ? otherThan(node) : owners[slot];
        asking = false;
        continue;
      }
      asking = false;
      if (reply instanceof RedisErrorException error) {
        String message = error.serverMessage();
        if (message.startsWith("MOVED ") || message.startsWith("ASK ")) {
          String[] parts = message.split(" ");
          target = address(parts[2], node);
          known.add(target);
          if (message.startsWith("ASK ")) {
            asking = true;
          } else {
            owners[Integer.parseInt(parts[1])] = target;
            refresh();
          }
          if (System.nanoTime() > deadline) {
            throw new RedisErrorException(message, null, List.of(endpoint.nodeUri(node)), null);
          }
          continue;
        }
        if ((message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN") || message.startsWith("LOADING"))
            && System.nanoTime() < deadline) {
          pause();
          refresh();
          target = slot < 0 ? target : owners[slot];
          continue;
        }
        throw new RedisErrorException(message, null, List.of(endpoint.nodeUri(node)), null);
      }
      lastNode = node;
      return reply;
    }
  }

  /**
   * The first key of a command, as the class describes for {@link RawRedis#connect(String, Duration)}, or
   * {@code null} for a keyless one.
   */
  static byte[] firstKey(String command, byte[][] args) {
    if (KEYLESS.contains(command)) {
      return null;
    }
    if (SCRIPTS.contains(command)) {
      if (args.length < 4) {
        return null;
      }
      try {
        return Integer.parseInt(new String(args[2], StandardCharsets.UTF_8).trim()) > 0 ? args[3] : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (SUBCOMMANDS_WITH_KEY.contains(command)) {
      return args.length > 2 ? args[2] : null;
    }
    if (command.equals("XREAD") || command.equals("XREADGROUP")) {
      for (int i = 1; i < args.length - 1; i++) {
        if (new String(args[i], StandardCharsets.UTF_8).equalsIgnoreCase("STREAMS")) {
          return args[i + 1];
        }
      }
      return null;
    }
    return args.length > 1 ? args[1] : null;
  }

  /** Refused connections and connections the server closed: the command did not run, or its node died. */
  private static boolean retriable(RedisConnectionException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads {@code CLUSTER SLOTS} from the first known node that answers and rebuilds the slot table.
   *
   * @return the last failure if no node answered, else {@code null}
   */
  private RuntimeException refresh() {
    RuntimeException failure = null;
    for (String node : new ArrayList<>(known)) {
      try {
        Object reply = connection(node).callOrThrow(new byte[][] {RespConnection.bytes("CLUSTER"),
            RespConnection.bytes("SLOTS")});
        Arrays.fill(owners, null);
        for (Object range : (List<?>) reply) {
          List<?> parts = (List<?>) range;
          int start = ((Long) parts.get(0)).intValue();
          int end = ((Long) parts.get(1)).intValue();
          List<?> master = (List<?>) parts.get(2);
          String host = new String((byte[]) master.get(0), StandardCharsets.UTF_8);
          String owner = address((host.isEmpty() || host.equals("?") ? node.substring(0, node.lastIndexOf(':')) : host)
              + ":" + master.get(1), node);
          known.add(owner);
          for (int slot = start; slot <= end; slot++) {
            owners[slot] = owner;
          }
        }
        return null;
      } catch (RuntimeException e) {
        drop(node);
        failure = e;
      }
    }
    return failure;
  }

  /** A {@code host:port} from a redirection; an empty host means the node that sent it. */
  private static String address(String hostPort, String from) {
    return hostPort.startsWith(":") ? from.substring(0, from.lastIndexOf(':')) + hostPort : hostPort;
  }

  private String otherThan(String node) {
    for (String candidate : known) {
      if (!candidate.equals(node)) {
        return candidate;
      }
    }
    return node;
  }

  private RespConnection connection(String node) {
    if (closed) {
      throw new IllegalStateException("RawRedis to " + endpoint.redacted() + " is closed");
    }
    RespConnection connection = connections.get(node);
    if (connection == null || connection.isClosed()) {
      int colon = node.lastIndexOf(':');
      connection = RespConnection.open(endpoint.tls(), node.substring(0, colon), Integer.parseInt(node.substring(colon + 1)),
          endpoint.user(), endpoint.password(), timeout, endpoint.nodeUri(node));
      connections.put(node, connection);
    }
    return connection;
  }

  private void drop(String node) {
    RespConnection connection = connections.remove(node);
    if (connection != null) {
      connection.close();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the cluster", e);
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    connections.values().forEach(RespConnection::close);
    connections.clear();
  }
}
