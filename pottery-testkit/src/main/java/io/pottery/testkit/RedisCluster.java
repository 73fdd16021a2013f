package io.pottery.testkit;

import io.pottery.RedisConnectionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster for tests: {@code redis-server} processes on free loopback ports (from the {@code PATH} or
 * the embedded 6.2 binary, as for {@link RedisServer}), with nothing on disk and a 1 s node timeout, so a
 * killed master's replica takes over within a few seconds. The testkit builds the cluster itself with
 * {@link RawRedis}, no driver: slots spread evenly over the masters ({@code CLUSTER ADDSLOTSRANGE}, or
 * {@code ADDSLOTS} on 6.2), a distinct config epoch per node, {@code CLUSTER MEET}, {@code CLUSTER REPLICATE}.
 * {@link #start} returns once every node reports {@code cluster_state:ok}, every node sees the same slot map
 * and roles, and every replica's link to its master is up; {@link #startupTime()} says how long that took
 * (about 2.1 s: Redis holds a new master back for 2 s).
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start(3, 1)) {
 *   RedisServer master = cluster.killMasterOwning("tel");
 *   ClusterFailover failover = cluster.awaitFailover(master, Duration.ofSeconds(10));
 *   try (RawRedis raw = cluster.client()) { raw.call("SET", "tel", "x"); }   // reaches failover.promoted()
 * }
 * }</pre>
 *
 * <p>Nodes are {@link RedisServer}s: each has its host, port, pid and a {@link RedisServer#client() client} of
 * its own. The cluster's bus uses {@code --cluster-port} on a second free port on Redis 7 and later, and port +
 * 10000 on 6.2 (so on 6.2 only client ports whose bus port is free are used). Every process is registered with
 * the JVM's reaper like any test server: {@link #close()} stops them all by pid, even after a failed test, a
 * shutdown hook stops what is left at JVM exit, and a later JVM sweeps those of a JVM that was SIGKILLed.
 *
 * <p>{@link RedisClusters#shared()} gives one 3-master cluster per test JVM; tests that kill or pause nodes
 * start their own (3 masters, 1 replica each) and close it.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class RedisCluster implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final String HOST = "127.0.0.1";
  private static final RedisVersion CLUSTER_PORT_OPTION = new RedisVersion(7, 0, 0);
  private static final RedisVersion SLOT_RANGES = new RedisVersion(7, 0, 0);
  private static final int START_ATTEMPTS = 3;

  private final RedisSource source;
  private final RedisVersion version;
  private final List<RedisServer> nodes;
  private final List<RedisServer> masters;
  private final List<RedisServer> replicas;
  private final Map<RedisServer, String> ids;
  private final Map<RedisServer, List<RedisServer>> replicasOf;
  /** One slot of each master's range as started; a promoted replica inherits its master's. */
  private final Map<RedisServer, Integer> representativeSlot = new ConcurrentHashMap<>();
  private final Map<RedisServer, Long> stoppedAt = new ConcurrentHashMap<>();
  private final Set<RedisServer> paused = ConcurrentHashMap.newKeySet();
  private final String seedUri;
  private volatile Duration startupTime = Duration.ZERO;

  private RedisCluster(RedisSource source, RedisVersion version, List<RedisServer> masters, List<RedisServer> replicas,
      Map<RedisServer, List<RedisServer>> replicasOf) {
    this.source = source;
    this.version = version;
    this.masters = List.copyOf(masters);
    this.replicas = List.copyOf(replicas);
    List<RedisServer> all = new ArrayList<>(masters);
    all.addAll(replicas);
    this.nodes = List.copyOf(all);
    this.replicasOf = Collections.unmodifiableMap(new LinkedHashMap<>(replicasOf));
    this.ids = new ConcurrentHashMap<>();
    this.seedUri = "redis-cluster://" + masters.stream().map(node -> node.host() + ":" + node.port())
        .collect(Collectors.joining(","));
  }

  /**
   * Starts a cluster of {@code masters} masters with {@code replicasPerMaster} replicas each, from this JVM's
   * selected {@link RedisSource} if it runs processes ({@code path} or {@code embedded}); with Docker or
   * external servers selected, from the {@code redis-server} on the {@code PATH}, else the embedded one.
   *
   * @throws IllegalArgumentException if {@code masters} is below 1 or {@code replicasPerMaster} below 0
   * @throws IllegalStateException if there is no {@code redis-server} to run (the message says how to install
   *     Redis), or the cluster is not ready within 30 s (the message holds every node's view and log)
   */
  public static RedisCluster start(int masters, int replicasPerMaster) {
    ServerSupply supply = SourceSelection.byDefault().supply();
    if (supply != null && supply.executable() != null) {
      return start(masters, replicasPerMaster, supply.source(), supply.executable());
    }
    Probe path = SourceSelection.MACHINE.path();
    if (path.found()) {
      return start(masters, replicasPerMaster, RedisSource.PATH, path.executable());
    }
    Probe embedded = SourceSelection.MACHINE.embedded();
    if (embedded.found()) {
      return start(masters, replicasPerMaster, RedisSource.EMBEDDED, embedded.executable());
    }
    throw new IllegalStateException("A Redis Cluster for tests needs a redis-server to run: " + path.detail() + "; "
        + embedded.detail() + ". Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install"
        + " redis) or put " + EmbeddedBinary.ARTIFACT + " on the test class path.");
  }

  /**
   * Starts a cluster as {@link #start(int, int)} does, from the given source: {@link RedisSource#PATH} or
   * {@link RedisSource#EMBEDDED} (Redis 6.2, whatever else the machine has).
   *
   * @throws IllegalArgumentException if the source does not run processes (Docker, external), or the counts
   *     are out of range
   * @throws IllegalStateException if that source is not available here, or the cluster is not ready in 30 s
   */
  public static RedisCluster start(int masters, int replicasPerMaster, RedisSource source) {
    Objects.requireNonNull(source, "source");
    if (source != RedisSource.PATH && source != RedisSource.EMBEDDED) {
      throw new IllegalArgumentException("A test cluster runs redis-server processes: use RedisSource.PATH or"
          + " RedisSource.EMBEDDED, not " + source);
    }
    return start(masters, replicasPerMaster, source, SourceSelection.of(source).require().executable());
  }

  private static RedisCluster start(int masterCount, int replicasPerMaster, RedisSource source, Path executable) {
    if (masterCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least 1 master, asked for " + masterCount);
    }
    if (replicasPerMaster < 0) {
      throw new IllegalArgumentException("replicasPerMaster must not be negative, was " + replicasPerMaster);
    }
    long begin = System.nanoTime();
    RedisVersion version = versionOf(executable);
    List<RedisServer> masters = new ArrayList<>();
    List<RedisServer> replicas = new ArrayList<>();
    Map<RedisServer, List<RedisServer>> replicasOf = new LinkedHashMap<>();
    try {
      for (int i = 0; i < masterCount; i++) {
        masters.add(startNode(source, executable, version));
      }
      for (RedisServer master : masters) {
        List<RedisServer> own = new ArrayList<>();
        for (int r = 0; r < replicasPerMaster; r++) {
          RedisServer replica = startNode(source, executable, version);
          own.add(replica);
          replicas.add(replica);
        }
        replicasOf.put(master, List.copyOf(own));
      }
    } catch (RuntimeException e) {
      masters.forEach(RedisServer::close);
      replicas.forEach(RedisServer::close);
      throw e;
    }
    RedisCluster cluster = new RedisCluster(source, version, masters, replicas, replicasOf);
    try {
      cluster.form();
      cluster.startupTime = Duration.ofNanos(System.nanoTime() - begin);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static RedisServer startNode(RedisSource source, Path executable, RedisVersion version) {
    boolean busOption = version.isAtLeast(CLUSTER_PORT_OPTION);
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int[] ports = freePorts(busOption);
      List<String> options = new ArrayList<>(List.of(
          "--cluster-enabled", "yes",
          "--cluster-config-file", "nodes-" + ports[0] + ".conf",
          "--cluster-node-timeout", "1000",
          "--repl-diskless-sync-delay", "0"));
      if (busOption) {
        options.addAll(List.of("--cluster-port", Integer.toString(ports[1])));
      }
      try {
        return new RedisServer(source, RedisProcess.start(executable, ports[0], options));
      } catch (IllegalStateException e) {
        // Another process may have taken a port between the check and the bind: try other ports.
        failure = e;
      }
    }
    throw new IllegalStateException("Cannot start a cluster node of " + executable + " after " + START_ATTEMPTS
        + " attempts: " + failure.getMessage(), failure);
  }

  /**
   * A free client port and a free bus port: any second port with {@code --cluster-port}, else (6.2) port + 10000,
   * which rules out client ports above 55535 and those whose neighbour is taken.
   */
  private static int[] freePorts(boolean busOption) {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = RedisProcess.freePort();
      int bus = busOption ? RedisProcess.freePort() : port + 10000;
      if (bus != port && bus <= 65535 && (busOption || RedisProcess.isFree(bus))) {
        return new int[] {port, bus};
      }
    }
    throw new IllegalStateException("No free loopback port pair for a cluster node (client port and bus port"
        + (busOption ? "" : " = port + 10000") + ")");
  }

  /** The version {@code redis-server --version} prints ({@code v=7.0.15}). */
  private static RedisVersion versionOf(Path executable) {
    try {
      Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      int at = output.indexOf("v=");
      if (at < 0) {
        throw new IllegalStateException(executable + " --version printed no v=: " + output);
      }
      return RedisVersion.parse(output.substring(at + 2).split("\\s")[0]);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run " + executable + " --version: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + executable + " --version", e);
    }
  }

  /** Assigns slots and epochs, introduces the nodes to each other, attaches replicas, and waits until ready. */
  private void form() {
    for (RedisServer node : nodes) {
      ids.put(node, (String) RawRedis.asText(command(node, "CLUSTER", "MYID")));
    }
    for (int i = 0; i < masters.size(); i++) {
      int from = i * HashSlot.SLOTS / masters.size();
      int to = (i + 1) * HashSlot.SLOTS / masters.size() - 1;
      RedisServer master = masters.get(i);
      if (version.isAtLeast(SLOT_RANGES)) {
        command(master, "CLUSTER", "ADDSLOTSRANGE", Integer.toString(from), Integer.toString(to));
      } else {
        List<String> args = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
        for (int slot = from; slot <= to; slot++) {
          args.add(Integer.toString(slot));
        }
        command(master, args.toArray(String[]::new));
      }
      representativeSlot.put(master, from);
    }
    // Distinct epochs up front, so no two masters need to bump theirs by a collision round first.
    for (int i = 0; i < nodes.size(); i++) {
      command(nodes.get(i), "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
    }
    RedisServer first = nodes.get(0);
    for (RedisServer node : nodes.subList(1, nodes.size())) {
      if (version.isAtLeast(CLUSTER_PORT_OPTION)) {
        command(first, "CLUSTER", "MEET", node.host(), Integer.toString(node.port()), Integer.toString(busPort(node)));
      } else {
        command(first, "CLUSTER", "MEET", node.host(), Integer.toString(node.port()));
      }
    }
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    await(deadline, "every node knows every other", () -> {
      for (RedisServer node : nodes) {
        ClusterView view = view(node);
        if (view.nodes().size() < nodes.size() || view.meeting()) {
          return false;
        }
      }
      return true;
    });
    replicasOf.forEach((master, own) -> own.forEach(replica -> command(replica, "CLUSTER", "REPLICATE", ids.get(master))));
    await(deadline, "every node reports cluster_state:ok, agrees on slots and roles, and replicas are linked",
        this::ready);
  }

  private int busPort(RedisServer node) {
    String config = ((List<?>) RawRedis.asText(command(node, "CONFIG", "GET", "cluster-port"))).get(1).toString();
    int bus = Integer.parseInt(config);
    return bus == 0 ? node.port() + 10000 : bus;
  }

  /** Whether the live, unpaused nodes all report ok, agree, and see their masters; replicas linked. */
  private boolean ready() {
    ClusterView agreed = null;
    for (RedisServer node : live()) {
      if (!clusterStateOk(node)) {
        return false;
      }
      ClusterView view = view(node);
      if (agreed == null) {
        agreed = view;
      } else if (!agreed.equals(view)) {
        return false;
      }
    }
    if (agreed == null) {
      return false;
    }
    for (RedisServer node : live()) {
      String id = ids.get(node);
      if (!agreed.isMaster(id)) {
        String replication = (String) RawRedis.asText(command(node, "INFO", "replication"));
        if (!replication.contains("master_link_status:up")) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean clusterStateOk(RedisServer node) {
    return ((String) RawRedis.asText(command(node, "CLUSTER", "INFO"))).contains("cluster_state:ok");
  }

  private ClusterView view(RedisServer node) {
    return ClusterView.parse((String) RawRedis.asText(command(node, "CLUSTER", "NODES")));
  }

  /** The nodes that run and are not paused. */
  private List<RedisServer> live() {
    return nodes.stream().filter(RedisServer::isRunning).filter(node -> !paused.contains(node)).toList();
  }

  private RedisServer anyLive() {
    return live().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("No node of " + this + " is running and unpaused"));
  }

  private static Object command(RedisServer node, String... args) {
    try (RawRedis raw = RawRedis.connect(node.uri(), Duration.ofSeconds(2))) {
      return raw.call(args);
    }
  }

  private interface Check {
    boolean holds();
  }

  private void await(long deadline, String what, Check check) {
    RuntimeException last = null;
    while (true) {
      try {
        if (check.holds()) {
          return;
        }
        last = null;
      } catch (RedisConnectionException e) {
        // A node answering slowly while the cluster settles: ask again.
        last = e;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
      sleep(20);
    }
    StringBuilder state = new StringBuilder();
    for (RedisServer node : nodes) {
      state.append("\n--- ").append(node).append(paused.contains(node) ? " (paused)" : "");
      if (node.isRunning() && !paused.contains(node)) {
        try {
          state.append("\n").append(view(node));
        } catch (RuntimeException e) {
          state.append("\n(no view: ").append(e.getMessage()).append(")");
        }
      }
      state.append("\nlog: ").append(node.log());
    }
    throw new IllegalStateException("Redis Cluster " + seedUri + " did not reach: " + what
        + (last == null ? "" : " (last error: " + last.getMessage() + ")") + state, last);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Redis Cluster", e);
    }
  }

  /**
   * The seed URI of the masters as started, {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,…}, for
   * {@code Pottery.builder().masters(…)} and {@link RawRedis#connect(String)}.
   */
  public String seedUri() {
    return seedUri;
  }

  /** How long {@link #start} took, processes included, until the cluster was ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Where the nodes' {@code redis-server} comes from: {@link RedisSource#PATH} or {@link RedisSource#EMBEDDED}. */
  public RedisSource source() {
    return source;
  }

  /** The Redis version the nodes run, from {@code redis-server --version}. */
  public RedisVersion version() {
    return version;
  }

  /** Every node: the masters, then the replicas, as started. */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** The masters as started, in slot order (the first owns slot 0); see {@link #masterFor} for the current owner. */
  public List<RedisServer> masters() {
    return masters;
  }

  /** The replicas as started, those of the first master first. */
  public List<RedisServer> replicas() {
    return replicas;
  }

  /**
   * The first replica started for {@code master}.
   *
   * @throws IllegalArgumentException if {@code master} was not started as a master of this cluster, or has no
   *     replica
   */
  public RedisServer replicaOf(RedisServer master) {
    List<RedisServer> own = replicasOf.get(master);
    if (own == null || own.isEmpty()) {
      throw new IllegalArgumentException(master + " is not a master of " + this + " with a replica; masters: "
          + masters + ", replicas per master: " + replicas.size() / masters.size());
    }
    return own.get(0);
  }

  /**
   * The cluster node id of a node ({@code CLUSTER MYID}).
   *
   * @throws IllegalArgumentException if it is not a node of this cluster
   */
  public String nodeId(RedisServer node) {
    String id = ids.get(Objects.requireNonNull(node, "node"));
    if (id == null) {
      throw new IllegalArgumentException(node + " is not a node of " + this);
    }
    return id;
  }

  /**
   * The hash slot of a key, asked of a live node ({@code CLUSTER KEYSLOT}).
   *
   * @throws io.pottery.RedisConnectionException if the node cannot be reached
   */
  public int slotOf(String key) {
    return slotOf(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The hash slot of a binary key, asked of a live node ({@code CLUSTER KEYSLOT}). */
  public int slotOf(byte[] key) {
    try (RawRedis raw = anyLive().client()) {
      return ((Long) raw.call(new byte[][] {RespConnection.bytes("CLUSTER"), RespConnection.bytes("KEYSLOT"), key}))
          .intValue();
    }
  }

  /**
   * The node that owns a key's slot now, according to a live node's {@code CLUSTER NODES}.
   *
   * @throws IllegalStateException if no node owns the slot (the cluster is not yet ready or has lost it)
   */
  public RedisServer masterFor(String key) {
    return masterFor(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The node that owns a binary key's slot now; see {@link #masterFor(String)}. */
  public RedisServer masterFor(byte[] key) {
    int slot = slotOf(key);
    int port = view(anyLive()).ownerPort(slot);
    return nodes.stream().filter(node -> node.port() == port).findFirst()
        .orElseThrow(() -> new IllegalStateException("No node of " + this + " owns slot " + slot));
  }

  /**
   * Kills a node with SIGKILL and waits until its process is gone; remembers when, for
   * {@link #awaitFailover}. Idempotent.
   *
   * @throws IllegalArgumentException if it is not a node of this cluster
   */
  public void kill(RedisServer node) {
    nodeId(node);
    stoppedAt.putIfAbsent(node, System.nanoTime());
    paused.remove(node);
    node.kill();
  }

  /**
   * Freezes a node with SIGSTOP; the other nodes see it fail after the 1 s node timeout, and a paused master's
   * replica takes over as for a dead one.
   *
   * @throws IllegalArgumentException if it is not a node of this cluster
   * @throws IllegalStateException if it is not running
   */
  public void pause(RedisServer node) {
    nodeId(node);
    node.pause();
    paused.add(node);
    stoppedAt.putIfAbsent(node, System.nanoTime());
  }

  /**
   * Thaws a node frozen by {@link #pause}. A master whose slots moved to its replica meanwhile rejoins as that
   * replica's replica.
   *
   * @throws IllegalArgumentException if it is not a node of this cluster
   * @throws IllegalStateException if it is not running
   */
  public void resume(RedisServer node) {
    nodeId(node);
    node.resume();
    paused.remove(node);
    stoppedAt.remove(node);
  }

  /**
   * Kills (SIGKILL) the master that owns {@code key}'s slot now and returns it.
   *
   * @throws IllegalStateException if no node owns the slot
   */
  public RedisServer killMasterOwning(String key) {
    RedisServer master = masterFor(key);
    kill(master);
    return master;
  }

  /**
   * Waits until a master that was killed or paused has been replaced: every live node reports
   * {@code cluster_state:ok}, all agree on the slot map and roles, and the failed master's slots belong to
   * another node (its replica, promoted).
   *
   * @param failedMaster a master of this cluster, killed or paused
   * @return the promoted replica and the time from the kill (or pause) until then
   * @throws IllegalArgumentException if the node is not one of this cluster, owned no slots when the cluster
   *     last knew it, or has no replica
   * @throws IllegalStateException if that does not happen within {@code timeout}; the message holds every
   *     node's view and log
   */
  public ClusterFailover awaitFailover(RedisServer failedMaster, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    nodeId(failedMaster);
    Integer slot = representativeSlot.get(failedMaster);
    if (slot == null) {
      throw new IllegalArgumentException(failedMaster + " owns no slots of " + this);
    }
    ClusterView now = view(anyLive());
    if (now.ownerPort(slot) == failedMaster.port() && !now.hasReplica(nodeId(failedMaster))) {
      throw new IllegalArgumentException(failedMaster + " has no replica in " + this + " to take over its slots;"
          + " start the cluster with RedisCluster.start(masters, 1)");
    }
    long since = stoppedAt.getOrDefault(failedMaster, System.nanoTime());
    RedisServer[] promoted = new RedisServer[1];
    await(System.nanoTime() + timeout.toNanos(), "a new owner for slot " + slot + " of " + failedMaster, () -> {
      if (!ready()) {
        return false;
      }
      int port = view(anyLive()).ownerPort(slot);
      if (port < 0 || port == failedMaster.port()) {
        return false;
      }
      promoted[0] = nodes.stream().filter(node -> node.port() == port).findFirst().orElse(null);
      return promoted[0] != null;
    });
    Duration took = Duration.ofNanos(System.nanoTime() - since);
    representativeSlot.remove(failedMaster);
    representativeSlot.put(promoted[0], slot);
    return new ClusterFailover(failedMaster, promoted[0], took);
  }

  /**
   * Waits until every live, unpaused node reports {@code cluster_state:ok}, they agree on slots and roles, and
   * their replicas are linked, as after {@link #start}: for tests that resume a node or restart one.
   *
   * @throws IllegalStateException if that does not happen within {@code timeout}
   */
  public void awaitReady(Duration timeout) {
    await(System.nanoTime() + timeout.toNanos(), "every node reports cluster_state:ok, agrees on slots and roles,"
        + " and replicas are linked", this::ready);
  }

  /**
   * A new cluster client: each call goes to the node that owns its first key's slot now, following
   * redirections and riding out a failover for up to 5 s (see {@link RawRedis#connect(String, Duration)}). The
   * caller closes it.
   *
   * @throws io.pottery.RedisConnectionException if no node answers
   */
  public RawRedis client() {
    List<RedisServer> ordered = new ArrayList<>(live());
    ordered.sort((a, b) -> Boolean.compare(!masters.contains(a), !masters.contains(b)));
    if (ordered.isEmpty()) {
      ordered.addAll(nodes);
    }
    return RawRedis.connect("redis-cluster://" + ordered.stream().map(node -> node.host() + ":" + node.port())
        .collect(Collectors.joining(",")));
  }

  /** A new connection to one node, not following redirections: {@code node.client()}. The caller closes it. */
  public RawRedis clientFor(RedisServer node) {
    nodeId(node);
    return node.client();
  }

  /**
   * Deletes every key: {@code FLUSHALL} on each live node that is a master now.
   *
   * @throws io.pottery.RedisConnectionException if a master cannot be reached
   */
  public void flushAll() {
    List<Integer> ports = view(anyLive()).masterPorts();
    for (RedisServer node : live()) {
      if (ports.contains(node.port())) {
        command(node, "FLUSHALL");
      }
    }
  }

  /** Stops every node by pid (paused ones too) and deletes their files, even if stopping one fails. Idempotent. */
  @Override
  public void close() {
    RedisServer.closeAll(nodes);
  }

  /** {@code RedisCluster{redis-cluster://127.0.0.1:p1,…, 3 masters, 3 replicas, 7.0.15}}. */
  @Override
  public String toString() {
    return "RedisCluster{" + seedUri + ", " + masters.size() + " masters, " + replicas.size() + " replicas, "
        + version + "}";
  }

  /** Node views keyed by port, for diagnostics in tests of this package. */
  Map<Integer, ClusterView> views() {
    Map<Integer, ClusterView> views = new HashMap<>();
    for (RedisServer node : live()) {
      views.put(node.port(), view(node));
    }
    return views;
  }
}
