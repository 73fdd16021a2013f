package io.pottery.driver.lettuce;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.netty.util.concurrent.EventExecutorGroup;
import io.pottery.RedisErrorException;
import io.pottery.internal.driver.ClusterRouting;
import io.pottery.spi.Command;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.HashSlots;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RedisConnection} to a Redis Cluster over Lettuce's {@code StatefulRedisClusterConnection}, shared by
 * every thread, routing each command as {@link RedisConnection}'s "Clusters" section says:
 * <ul>
 *   <li>a command with keys is checked with {@link HashSlots#requireOneSlot} and dispatched through the cluster
 *       connection, which sends it to its slot's master by its first key (every key position is added with
 *       {@code addKey}) and follows {@code MOVED} and {@code ASK} itself;
 *   <li>a keyless command with a route slot goes to that slot's master over Lettuce's connection to that node;
 *   <li>{@code SCRIPT} goes to every live node, replicas included, {@code FLUSHALL} and {@code FLUSHDB} to every
 *       live master; the reply is the first master's and any node's failure is thrown;
 *   <li>a pipeline is split by node; each node's commands are dispatched as one batch on Lettuce's connection to
 *       that node, so a keyless command such as {@code WAIT} lands right after the keyed command before it, on the
 *       same socket; replies come back in request order, error replies in place;
 *   <li>any other keyless command is refused with {@link IllegalArgumentException}.
 * </ul>
 * Failed attempts are retried by {@link ClusterCall} within the command timeout when that cannot run a command
 * twice. Reply types are those of {@link LettuceConnection}: the same {@link RawOutput} serves every
 * node connection, and {@link SentCommands} fails the written, unanswered commands of a node whose connection
 * drops.
 */
final class LettuceClusterConnection implements RedisConnection {
  private final RedisEndpoint endpoint;
  private final ConnectionSettings settings;
  private final ClusterFailures failures;
  private final RedisClusterClient client;
  private final StatefulRedisClusterConnection<byte[], byte[]> connection;
  private final Runnable releaseResources;
  private final SentCommands tracked;
  private final TopologyRefresher refresher;
  private final EventExecutorGroup scheduler;
  /**
   * Calls not yet complete, by their result: failed by {@link #close()} since their scheduled retries die with the
   * event loops, and expired by a caller whose wait ran out.
   */
  private final Map<CompletableFuture<Object>, ClusterCall> pending = new ConcurrentHashMap<>();
  /** How long a caller waits at most: calls end by their deadline; this is a backstop. */
  private final long waitMillis;
  private final AtomicReference<Throwable> closedAt = new AtomicReference<>();

  LettuceClusterConnection(RedisEndpoint endpoint, ConnectionSettings settings, LettuceFailures failures,
      RedisClusterClient client, StatefulRedisClusterConnection<byte[], byte[]> connection, SentCommands tracked,
      Runnable releaseResources) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.failures = new ClusterFailures(endpoint, settings, failures);
    this.client = client;
    this.connection = connection;
    this.releaseResources = releaseResources;
    this.tracked = tracked;
    this.refresher = new TopologyRefresher(client);
    this.scheduler = client.getResources().eventExecutorGroup();
    this.waitMillis = settings.commandTimeout().toMillis() + 1000;
  }

  /**
   * Opens Lettuce's connection to every master now and waits, up to the connect timeout, until each is active:
   * Lettuce hands out a new node connection slightly before it accepts commands, and would refuse (with
   * {@code REJECT_COMMANDS}) the first commands sent on it. A master that cannot be reached is left to the
   * commands' own retries.
   */
  void connectToMasters() {
    long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
    List<CompletableFuture<StatefulRedisConnection<byte[], byte[]>>> opening = new ArrayList<>();
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.getRole().isUpstream() && !node.is(NodeFlag.FAIL) && !node.is(NodeFlag.NOADDR)) {
        opening.add(nodeConnection(node));
      }
    }
    try {
      for (CompletableFuture<StatefulRedisConnection<byte[], byte[]>> node : opening) {
        StatefulRedisConnection<byte[], byte[]> open = node.get(Math.max(0, deadline - System.nanoTime()),
            TimeUnit.NANOSECONDS);
        while (!open.isOpen() && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      // That master is down or slow: commands for it retry until it is back or replaced.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public RedisEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Object execute(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    return await(command, submit(command, route(command), deadline()));
  }

  @Override
  public CompletionStage<Object> executeAsync(Command command) {
    Objects.requireNonNull(command, "command");
    requireOpen();
    int slot;
    try {
      slot = route(command);
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return submit(command, slot, deadline());
  }

  @Override
  public List<Object> pipeline(List<Command> commands) {
    Objects.requireNonNull(commands, "commands");
    requireOpen();
    if (commands.isEmpty()) {
      return new ArrayList<>(0);
    }
    // Route everything first: a refused command means nothing is sent.
    int n = commands.size();
    ClusterRouting.Plan plan = ClusterRouting.plan(commands, failures.lettuce().masters(), endpoint.redacted());
    int[] slots = plan.slots();
    boolean[] pinned = plan.pinned();
    long deadline = deadline();
    List<CompletableFuture<Object>> replies = new ArrayList<>(n);
    int i = 0;
    while (i < n) {
      if (plan.everyNode(i)) {
        // Runs after everything before it and before everything after it, as in a pipeline on one server.
        settle(replies);
        CompletableFuture<Object> everywhere = submit(commands.get(i), -1, deadline);
        replies.add(everywhere);
        settle(List.of(everywhere));
        i++;
        continue;
      }
      int end = i;
      while (end < n && (slots[end] >= 0)) {
        end++;
      }
      sendByNode(commands, slots, pinned, i, end, deadline, replies);
      i = end;
    }
    List<Object> results = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      try {
        results.add(await(commands.get(j), replies.get(j)));
      } catch (RedisErrorException e) {
        results.add(e);
      }
    }
    return results;
  }

  /** Waits until every reply so far is in, whatever it is; their outcomes are read later, in order. */
  private void settle(List<CompletableFuture<Object>> replies) {
    try {
      CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Read in order by the caller, which reports the first failure.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Dispatches commands [from, to) as one batch per node, in order within each node. */
  private void sendByNode(List<Command> commands, int[] slots, boolean[] pinned, int from, int to, long deadline,
      List<CompletableFuture<Object>> replies) {
    Partitions partitions = connection.getPartitions();
    Map<RedisClusterNode, List<RedisCommand<byte[], byte[], ?>>> batches = new LinkedHashMap<>();
    Map<RedisClusterNode, List<ClusterCall>> calls = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      Command command = commands.get(i);
      int slot = slots[i];
      // Retries go alone: a keyed command through the cluster connection (which follows redirections), a pinned
      // one to its slot's master.
      ClusterCall call = newCall(command, deadline, pinned[i] || command.keyPositions().length == 0
          ? (c, d) -> sendToSlotMaster(c, slot, d) : this::sendKeyed);
      replies.add(call.result());
      RedisClusterNode master = partitions.getMasterBySlot(slot);
      if (master == null) {
        call.startWith(new ClusterCall.Attempt(
            CompletableFuture.failedFuture(new NotSent("no master is known for slot " + slot, null)), "(none)"));
        continue;
      }
      AsyncCommand<byte[], byte[], Object> sent = toLettuce(command, deadline, master);
      batches.computeIfAbsent(master, m -> new ArrayList<>()).add(sent);
      calls.computeIfAbsent(master, m -> new ArrayList<>()).add(call);
      call.startWith(new ClusterCall.Attempt(sent, describe(master)));
    }
    for (Map.Entry<RedisClusterNode, List<RedisCommand<byte[], byte[], ?>>> batch : batches.entrySet()) {
      RedisClusterNode master = batch.getKey();
      List<RedisCommand<byte[], byte[], ?>> sent = batch.getValue();
      nodeConnection(master).whenComplete((node, failure) -> {
        if (failure != null) {
          NotSent notSent = new NotSent("no connection to node " + describe(master), failure);
          sent.forEach(c -> c.completeExceptionally(notSent));
          return;
        }
        try {
          node.dispatch(sent);
        } catch (RuntimeException e) {
          NotSent notSent = new NotSent("node " + describe(master) + " refused the commands", e);
          sent.forEach(c -> c.completeExceptionally(notSent));
        }
      });
    }
  }

  /** The slot a lone command goes to, or {@link ClusterRouting#EVERY_NODE}; see {@link ClusterRouting#route}. */
  private int route(Command command) {
    return ClusterRouting.route(command, failures.lettuce().masters(), endpoint.redacted());
  }

  /** Starts the call for a routed command; slot -1 means every node. */
  private CompletableFuture<Object> submit(Command command, int slot, long deadline) {
    if (slot < 0) {
      return everyNode(command, deadline);
    }
    ClusterCall.Sender sender = command.keyPositions().length > 0 ? this::sendKeyed
        : (c, d) -> sendToSlotMaster(c, slot, d);
    return newCall(command, deadline, sender).start().result();
  }

  private ClusterCall newCall(Command command, long deadline, ClusterCall.Sender sender) {
    ClusterCall call = new ClusterCall(command, deadline, sender, failures, refresher, scheduler, this::isClosed);
    pending.put(call.result(), call);
    call.result().whenComplete((reply, failure) -> pending.remove(call.result()));
    return call;
  }

  /** Through the cluster connection: Lettuce picks the master by the first key and follows redirections. */
  private ClusterCall.Attempt sendKeyed(Command command, long deadline) {
    int slot = HashSlots.slot(command.arg(command.keyPositions()[0]));
    RedisClusterNode master = connection.getPartitions().getMasterBySlot(slot);
    AsyncCommand<byte[], byte[], Object> sent = toLettuce(command, deadline, master);
    String node = describe(master);
    try {
      connection.dispatch(sent);
    } catch (RuntimeException e) {
      sent.completeExceptionally(new NotSent("the cluster connection refused the command", e));
    }
    return new ClusterCall.Attempt(sent, node);
  }

  /** To the master that owns {@code slot} now, over Lettuce's connection to that node. */
  private ClusterCall.Attempt sendToSlotMaster(Command command, int slot, long deadline) {
    RedisClusterNode master = connection.getPartitions().getMasterBySlot(slot);
    if (master == null) {
      return new ClusterCall.Attempt(
          CompletableFuture.failedFuture(new NotSent("no master is known for slot " + slot, null)), "(none)");
    }
    return sendToNode(command, master, deadline);
  }

  private ClusterCall.Attempt sendToNode(Command command, RedisClusterNode target, long deadline) {
    AsyncCommand<byte[], byte[], Object> sent = toLettuce(command, deadline, target);
    nodeConnection(target).whenComplete((node, failure) -> {
      if (failure != null) {
        sent.completeExceptionally(new NotSent("no connection to node " + describe(target), failure));
        return;
      }
      try {
        node.dispatch(sent);
      } catch (RuntimeException e) {
        sent.completeExceptionally(new NotSent("node " + describe(target) + " refused the command", e));
      }
    });
    return new ClusterCall.Attempt(sent, describe(target));
  }

  private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> nodeConnection(RedisClusterNode node) {
    try {
      return connection.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@code SCRIPT} on every live node, {@code FLUSHALL}/{@code FLUSHDB} on every live master; each node's call
   * retries on its own. Completes with the first master's reply once all succeeded, else with the first failure
   * in node order (masters first).
   */
  private CompletableFuture<Object> everyNode(Command command, long deadline) {
    boolean replicasToo = command.name().equalsIgnoreCase("SCRIPT");
    List<RedisClusterNode> targets = new ArrayList<>();
    List<RedisClusterNode> replicas = new ArrayList<>();
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.is(NodeFlag.FAIL) || node.is(NodeFlag.NOADDR) || node.is(NodeFlag.HANDSHAKE)) {
        continue; // known dead or not yet part of the cluster; a node that comes back gets scripts by NOSCRIPT fallback
      }
      if (node.getRole().isUpstream()) {
        targets.add(node);
      } else if (replicasToo) {
        replicas.add(node);
      }
    }
    targets.addAll(replicas);
    if (targets.isEmpty()) {
      return CompletableFuture.failedFuture(failures.notRun(command, "(none)", 0,
          new NotSent("the topology lists no live node", null)));
    }
    List<CompletableFuture<Object>> each = new ArrayList<>(targets.size());
    for (RedisClusterNode target : targets) {
      each.add(newCall(command, deadline, (c, d) -> sendToNode(c, target, d)).start().result());
    }
    return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).handle((done, failure) -> {
      for (CompletableFuture<Object> reply : each) {
        if (reply.isCompletedExceptionally()) {
          reply.join(); // throws the node's failure, wrapped in CompletionException and unwrapped by callers
        }
      }
      return each.get(0).join();
    });
  }

  /**
   * Every cluster command fails when its node's connection drops after sending it ({@link SentCommands}):
   * {@link ClusterCall} resends the idempotent ones itself, possibly to another node.
   *
   * @param node the node it goes to, or null if no master is known for its slot
   */
  private AsyncCommand<byte[], byte[], Object> toLettuce(Command command, long deadline, RedisClusterNode node) {
    AsyncCommand<byte[], byte[], Object> lettuce =
        RawCommands.toLettuce(command, (c, text) -> failures.lettuce().errorReply(c, text, null), true, deadline);
    if (node == null) {
      tracked.track(lettuce, null, 0);
    } else {
      tracked.track(lettuce, node.getUri().getHost(), node.getUri().getPort());
    }
    return lettuce;
  }

  private long deadline() {
    return System.nanoTime() + settings.commandTimeout().toNanos();
  }

  /** {@code host:port} of a node, an IPv6 literal in brackets ({@link RedisEndpoint.Node#toString()}). */
  private static String describe(RedisClusterNode node) {
    return node == null ? "(none)" : new RedisEndpoint.Node(node.getUri().getHost(), node.getUri().getPort()).toString();
  }

  private Object await(Command command, CompletableFuture<Object> reply) {
    try {
      return reply.get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw rethrown(command, e.getCause());
    } catch (TimeoutException e) {
      ClusterCall late = pending.get(reply);
      if (late == null) {
        throw failures.lettuce().timedOut(command, e);
      }
      late.expire();
      return await(command, reply);
    } catch (CancellationException e) {
      throw failures.lettuce().commandFailed(command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.lettuce().interrupted(command, e);
    }
  }

  /** Calls complete with Pottery's exceptions already; anything else is turned into one. */
  private RuntimeException rethrown(Command command, Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof io.pottery.PotteryException || cause instanceof IllegalArgumentException) {
      return (RuntimeException) cause;
    }
    return failures.lettuce().commandFailed(command, cause);
  }

  private boolean isClosed() {
    return closedAt.get() != null;
  }

  private void requireOpen() {
    Throwable closed = closedAt.get();
    if (closed != null) {
      throw failures.lettuce().closed(closed);
    }
  }

  /**
   * Closes every node connection and the client, fails the calls still pending, then gives back the driver's
   * shared event loops (the last connection to do so shuts them down). Idempotent.
   */
  @Override
  public void close() {
    if (!closedAt.compareAndSet(null, new Throwable("closed here"))) {
      return;
    }
    refresher.stop();
    try {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } finally {
      for (ClusterCall call : pending.values()) {
        call.result().completeExceptionally(failures.lettuce().commandFailed(call.command(),
            new CancellationException("connection closed")));
      }
      releaseResources.run();
    }
  }

  @Override
  public String toString() {
    return "LettuceClusterConnection{" + endpoint.redacted() + (closedAt.get() == null ? "" : ", closed") + "}";
  }
}
