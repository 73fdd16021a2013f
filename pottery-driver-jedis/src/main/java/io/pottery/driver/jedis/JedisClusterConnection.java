package io.pottery.driver.jedis;

import io.pottery.RedisConnectionException;
import io.pottery.RedisErrorException;
import io.pottery.spi.Command;
import io.pottery.internal.driver.ConnectionFailures;
import io.pottery.spi.ConnectionSettings;
import io.pottery.internal.driver.ClusterRouting;
import io.pottery.internal.driver.RetryBackoff;
import io.pottery.spi.HashSlots;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * A {@link RedisConnection} to a Redis Cluster. Jedis 8's {@link ClusterConnectionProvider} (the topology layer
 * under its {@code RedisClusterClient}) holds the slot map, read from the seeds with {@code CLUSTER SLOTS} and
 * read again after a redirection or a lost node; commands run over {@link ClusterNodePools}, one pool per node of
 * connections that read replies into the SPI's types, on the calling thread as on a single server. Routing follows
 * the "Clusters" section of {@link RedisConnection}:
 * <ul>
 *   <li>{@link HashSlots#requireOneSlot} first, so a cross-slot command is refused before anything is sent;
 *   <li>a command with keys, or a {@linkplain Command#routeSlot() route slot}, goes to that slot's master;
 *   <li>{@code SCRIPT} goes to every node, replicas included, {@code FLUSHALL} and {@code FLUSHDB} to every master;
 *       a replica that cannot be reached is skipped (it is not serving; a failover would not promote it while it
 *       is down), a master that cannot be reached fails the command;
 *   <li>in a pipeline, a keyless command without a route slot (such as {@code WAIT}) runs on the connection of the
 *       routed command before it; a pipeline sends each node's commands on one connection to that node, node
 *       after node, and a {@code SCRIPT}/{@code FLUSH…} in it runs between the commands before and after it;
 *   <li>{@code MOVED}, {@code ASK}, {@code TRYAGAIN}, {@code CLUSTERDOWN} and connections that cannot be opened
 *       mean the command did not run: it is tried again (after {@code MOVED}, with the slot map read again) with
 *       jittered backoff until the command timeout; a command whose reply did not come is tried again only if
 *       {@linkplain Command#idempotent() idempotent}, and otherwise fails with "outcome unknown".
 * </ul>
 */
final class JedisClusterConnection implements RedisConnection {
  private static final Set<String> NOT_RUN = Set.of("MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN");
  private static final CommandArguments ASKING = new CommandArguments(Protocol.Command.ASKING);

  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final JedisFailures failures;
  private final ClusterConnectionProvider topology;
  private final ClusterNodePools pools;
  private final AsyncLane async;

  private JedisClusterConnection(RedisEndpoint endpoint, ConnectionSettings settings, JedisFailures failures,
      ClusterConnectionProvider topology, ClusterNodePools pools) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.failures = failures;
    this.topology = topology;
    this.pools = pools;
    this.async = new AsyncLane("pottery-jedis-cluster-" + JedisConnection.hostAndPort(endpoint));
  }

  /**
   * Reads the slot map from the first seed that answers (in random order, as Jedis does), so that unreachable
   * seeds, a wrong password or a server that is not a cluster node fail here.
   *
   * @throws RedisConnectionException if no seed answers or the credentials are refused; names the endpoint
   */
  static JedisClusterConnection open(RedisEndpoint endpoint, ConnectionSettings settings, JedisClientConfig config) {
    return open(endpoint, settings, config, JedisConnection.poolConfig(settings));
  }

  /** As {@link #open(RedisEndpoint, ConnectionSettings, JedisClientConfig)}, with these limits for each node's pool. */
  static JedisClusterConnection open(RedisEndpoint endpoint, ConnectionSettings settings, JedisClientConfig config,
      org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection> nodePool) {
    JedisFailures failures = new JedisFailures(endpoint, settings);
    Set<HostAndPort> seeds = endpoint.clusterSeeds().stream().map(node -> new HostAndPort(node.host(), node.port()))
        .collect(Collectors.toCollection(LinkedHashSet::new));
    ClusterConnectionProvider topology;
    try {
      topology = new ClusterConnectionProvider(seeds, config, topologyPoolConfig(settings));
    } catch (JedisException | IllegalStateException e) {
      throw failures.connectFailed(e);
    }
    return new JedisClusterConnection(endpoint, settings, failures, topology, new ClusterNodePools(config, settings, nodePool));
  }

  /**
   * The pools Jedis's topology layer keeps per node are used only to read the slot map again, one connection at
   * a time: small, no evictor thread, no JMX.
   */
  private static ConnectionPoolConfig topologyPoolConfig(ConnectionSettings settings) {
    ConnectionPoolConfig config = JedisConnection.poolConfig(settings);
    config.setMaxTotal(2);
    config.setMaxIdle(1);
    config.setMaxWait(settings.connectTimeout());
    return config;
  }

  @Override
  public RedisEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Object execute(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    return JedisConnection.unwrap(run(command));
  }

  @Override
  public CompletionStage<Object> executeAsync(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    try {
      return async.run(() -> JedisConnection.unwrap(run(command)));
    } catch (RejectedExecutionException e) {
      requireOpen(); // closed meanwhile: say so the same way as before
      throw e;
    }
  }

  /** Runs one command where it belongs; an error reply is returned, not thrown. */
  private Object run(Command command) {
    int slot = ClusterRouting.route(command, failures.masters(), endpoint.redacted());
    return slot == ClusterRouting.EVERY_NODE ? broadcast(command) : runOnSlot(command, slot);
  }

  // ---------------------------------------------------------------------------------------------------------
  // One command on one slot, with the retries the cluster contract allows

  private Object runOnSlot(Command command, int slot) {
    CommandArguments args = JedisConnection.arguments(command);
    Function<String, RedisErrorException> errors = errorReplies(command);
    long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
    HostAndPort redirect = null;
    boolean asking = false;
    for (int attempt = 0; ; attempt++) {
      HostAndPort node = redirect != null ? redirect : owner(slot);
      if (node == null) {
        if (!RetryBackoff.sleep(attempt + 1, deadline)) {
          throw failures.noOwner(command, slot);
        }
        refreshSlots();
        continue;
      }
      Connection connection;
      try {
        connection = pools.borrow(node);
      } catch (JedisException e) {
        if (ConnectionFailures.find(e, NoSuchElementException.class) != null) {
          throw failures.commandFailed(command, e); // every pooled connection to the node is busy: not a node fault
        }
        // Nothing was sent: the node is down or failing over. Read the slot map again and retry.
        refreshSlots();
        redirect = null;
        asking = false;
        if (RetryBackoff.sleep(attempt + 1, deadline)) {
          continue;
        }
        throw failures.nodeUnreachable(command, nodeName(node), e);
      } catch (IllegalStateException e) {
        throw failures.common().closed("Jedis", async.closedAt() == null ? e : async.closedAt());
      }
      Object reply;
      try {
        reply = asking
            ? RawCalls.callAll(connection, List.of(ASKING, args), List.of(errors, errors)).get(1)
            : RawCalls.call(connection, args, errors);
      } catch (RuntimeException e) {
        pools.clearIdle(node);
        if (!JedisFailures.isTimeout(e)) {
          refreshSlots(); // a lost connection: the node may be gone
        }
        if (command.idempotent() && RetryBackoff.sleep(attempt + 1, deadline)) {
          redirect = null;
          asking = false;
          continue;
        }
        throw command.idempotent() ? failures.commandFailed(command, e) : failures.outcomeUnknown(command, nodeName(node), e);
      } finally {
        JedisConnection.giveBack(connection, async.executor());
      }
      redirect = null;
      asking = false;
      if (!(reply instanceof RedisErrorException error) || !NOT_RUN.contains(error.errorCode())) {
        return reply;
      }
      switch (error.errorCode()) {
        case "MOVED" -> {
          refreshSlots();
          redirect = target(error);
        }
        case "ASK" -> {
          redirect = target(error);
          asking = redirect != null;
        }
        case "CLUSTERDOWN" -> refreshSlots();
        default -> { } // TRYAGAIN: the slot is being migrated; the same node may answer soon
      }
      if (System.nanoTime() >= deadline || (!"MOVED".equals(error.errorCode()) && !"ASK".equals(error.errorCode())
          && !RetryBackoff.sleep(attempt + 1, deadline))) {
        return reply;
      }
    }
  }

  /** The master that serves {@code slot} in the current slot map, or null if none does. */
  private HostAndPort owner(int slot) {
    return topology.getNode(slot);
  }

  /** Reads the slot map again from any node that answers; a failure leaves the old map (the retry will tell). */
  private void refreshSlots() {
    try {
      topology.renewSlotCache();
    } catch (JedisException | IllegalStateException e) {
      // No node answered now; the next attempt meets the same condition and reports it.
    }
  }

  /** The node a {@code MOVED}/{@code ASK} error names ({@code MOVED 3999 127.0.0.1:6381}), or null. */
  private static HostAndPort target(RedisErrorException error) {
    String[] parts = error.serverMessage().split(" ");
    if (parts.length < 3) {
      return null;
    }
    try {
      return HostAndPort.from(parts[2]);
    } catch (RuntimeException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Commands for every node

  /**
   * Runs {@code SCRIPT} on every node, {@code FLUSHALL}/{@code FLUSHDB} on every master, each once; returns the
   * first master's reply, or the first error reply any node gave.
   */
  private Object broadcast(Command command) {
    boolean replicasToo = command.name().equalsIgnoreCase("SCRIPT");
    Set<String> masters = new LinkedHashSet<>(topology.getPrimaryNodes().keySet());
    List<String> nodes = new ArrayList<>(masters);
    if (replicasToo) {
      replicas(masters).stream().filter(node -> !masters.contains(node)).forEach(nodes::add);
    }
    CommandArguments args = JedisConnection.arguments(command);
    Function<String, RedisErrorException> errors = errorReplies(command);
    Object first = null;
    RedisErrorException error = null;
    for (String name : nodes) {
      HostAndPort node = HostAndPort.from(name);
      boolean master = masters.contains(name);
      Object reply;
      Connection connection;
      try {
        connection = pools.borrow(node);
      } catch (JedisException e) {
        if (!master) {
          continue;
        }
        throw failures.nodeUnreachable(command, name, e);
      } catch (IllegalStateException e) {
        throw failures.common().closed("Jedis", async.closedAt() == null ? e : async.closedAt());
      }
      try {
        reply = RawCalls.call(connection, args, errors);
      } catch (RuntimeException e) {
        pools.clearIdle(node);
        if (!master) {
          continue;
        }
        throw failures.commandFailed(command, e);
      } finally {
        JedisConnection.giveBack(connection, async.executor());
      }
      if (reply instanceof RedisErrorException e && error == null) {
        error = e;
      }
      if (master && first == null) {
        first = reply;
      }
    }
    if (error != null) {
      return error;
    }
    if (first == null) {
      throw failures.noOwner(command, 0);
    }
    return first;
  }

  /**
   * Every replica ({@code host:port}) in the {@code CLUSTER NODES} reply of the first master that answers. Jedis's
   * topology layer keeps replicas only when reading from replicas is enabled, so they are asked for here.
   */
  private List<String> replicas(Set<String> masters) {
    CommandArguments clusterNodes = new CommandArguments(Protocol.Command.CLUSTER).add("NODES");
    Command described = Command.builder("CLUSTER").arg("NODES").build();
    for (String master : masters) {
      HostAndPort node = HostAndPort.from(master);
      Connection connection;
      try {
        connection = pools.borrow(node);
      } catch (JedisException e) {
        continue;
      }
      Object reply;
      try {
        reply = RawCalls.call(connection, clusterNodes, errorReplies(described));
      } catch (RuntimeException e) {
        pools.clearIdle(node);
        continue;
      } finally {
        JedisConnection.giveBack(connection, async.executor());
      }
      if (reply instanceof byte[] text) {
        return ClusterNodesReply.replicas(new String(text, StandardCharsets.UTF_8));
      }
    }
    return List.of();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Pipelines

  @Override
  public List<Object> pipeline(List<Command> commands) {
    Objects.requireNonNull(commands, "commands");
    requireOpen();
    int n = commands.size();
    // Check every command before sending any, so a cross-slot or unroutable one stops the whole pipeline unsent.
    ClusterRouting.Plan plan = ClusterRouting.plan(commands, failures.masters(), endpoint.redacted());
    int[] slots = plan.slots();
    boolean[] pinned = plan.pinned();
    Object[] replies = new Object[n];
    int from = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || plan.everyNode(i)) {
        runSegment(commands, slots, pinned, from, i, replies);
        if (i < n) {
          replies[i] = broadcast(commands.get(i));
        }
        from = i + 1;
      }
    }
    return new ArrayList<>(Arrays.asList(replies));
  }

  /** Runs commands {@code from} (inclusive) to {@code to} (exclusive), none of them for every node. */
  private void runSegment(List<Command> commands, int[] slots, boolean[] pinned, int from, int to, Object[] replies) {
    if (from >= to) {
      return;
    }
    Map<HostAndPort, List<Integer>> byNode = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      HostAndPort node = owner(slots[i]);
      if (node == null) {
        refreshSlots();
        node = owner(slots[i]);
      }
      if (node == null) {
        throw failures.noOwner(commands.get(i), slots[i]);
      }
      byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<HostAndPort, List<Integer>> group : byNode.entrySet()) {
      runGroup(group.getKey(), slots[group.getValue().get(0)], group.getValue(), commands, replies);
    }
    // A command a node did not run (its slot moved, the cluster was down) runs again on its own; a pinned keyless
    // command ran where its anchor was sent and keeps its reply.
    for (int i = from; i < to; i++) {
      if (!pinned[i] && replies[i] instanceof RedisErrorException error && NOT_RUN.contains(error.errorCode())) {
        replies[i] = runOnSlot(commands.get(i), slots[i]);
      }
    }
  }

  /**
   * Sends one node's share of a pipeline on one connection, retrying as far as the commands allow. When no
   * connection to the node can be opened (nothing was sent), the slot map is read again and the group goes to
   * whichever node then owns {@code slot} (a failover moves all of a master's slots to one replica).
   */
  private void runGroup(HostAndPort first, int slot, List<Integer> indexes, List<Command> commands, Object[] replies) {
    HostAndPort node = first;
    List<CommandArguments> args = new ArrayList<>(indexes.size());
    List<Function<String, RedisErrorException>> errors = new ArrayList<>(indexes.size());
    Command notIdempotent = null;
    for (int i : indexes) {
      Command command = commands.get(i);
      args.add(JedisConnection.arguments(command));
      errors.add(errorReplies(command));
      if (notIdempotent == null && !command.idempotent()) {
        notIdempotent = command;
      }
    }
    Command head = commands.get(indexes.get(0));
    long deadline = System.nanoTime() + settings.commandTimeout().toNanos();
    for (int attempt = 0; ; attempt++) {
      Connection connection;
      try {
        connection = pools.borrow(node);
      } catch (JedisException e) {
        if (ConnectionFailures.find(e, NoSuchElementException.class) != null) {
          throw failures.commandFailed(head, e);
        }
        refreshSlots();
        HostAndPort now = owner(slot);
        if (now != null) {
          node = now;
        }
        if (RetryBackoff.sleep(attempt + 1, deadline)) {
          continue;
        }
        throw failures.nodeUnreachable(head, nodeName(node), e);
      } catch (IllegalStateException e) {
        throw failures.common().closed("Jedis", async.closedAt() == null ? e : async.closedAt());
      }
      try {
        List<Object> got = RawCalls.callAll(connection, args, errors);
        for (int k = 0; k < indexes.size(); k++) {
          replies[indexes.get(k)] = got.get(k);
        }
        return;
      } catch (RuntimeException e) {
        pools.clearIdle(node);
        if (notIdempotent == null && RetryBackoff.sleep(attempt + 1, deadline)) {
          if (!JedisFailures.isTimeout(e)) {
            refreshSlots(); // a lost connection: the node may be gone, and its slots with a new owner
            HostAndPort now = owner(slot);
            node = now == null ? node : now;
          }
          continue;
        }
        throw notIdempotent == null ? failures.commandFailed(head, e)
            : failures.outcomeUnknown(notIdempotent, nodeName(node), e);
      } finally {
        JedisConnection.giveBack(connection, async.executor());
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Helpers


  private Function<String, RedisErrorException> errorReplies(Command command) {
    return text -> failures.common().errorReply(command, text, null);
  }

  /** {@code host:port}, an IPv6 literal in brackets ({@link RedisEndpoint.Node#toString()}). */
  private static String nodeName(HostAndPort node) {
    return new RedisEndpoint.Node(node.getHost(), node.getPort()).toString();
  }

  private void requireOpen() {
    async.requireOpen(failures);
  }

  /**
   * Closes the connection: lets queued {@link #executeAsync} commands finish (waiting at most the command
   * timeout), stops its threads, and closes every node's pool and the topology's connections. Idempotent.
   */
  @Override
  public void close() {
    async.close(settings.commandTimeout(), () -> {
      try {
        pools.close();
      } finally {
        topology.close();
      }
    });
  }

  @Override
  public String toString() {
    return "JedisClusterConnection{" + endpoint.redacted() + (async.closedAt() == null ? "" : ", closed") + "}";
  }
}
