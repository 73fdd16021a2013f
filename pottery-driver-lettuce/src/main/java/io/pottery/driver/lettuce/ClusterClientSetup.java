package io.pottery.driver.lettuce;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import io.lettuce.core.protocol.ProtocolVersion;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the cluster path configures Lettuce's {@code RedisClusterClient}: the seed URIs and the client options.
 *
 * <p>The topology settings are what decides how long callers stall when a master fails. With Lettuce's
 * defaults (no periodic refresh, adaptive refreshes at most every 30 s) callers were measured stalling about
 * 10 s after a failover; here the client also refreshes after the first failed reconnect to a node, after
 * {@code MOVED} and {@code ASK}, at most every {@link #ADAPTIVE_RATE_LIMIT}, and every {@link #PERIODIC_REFRESH}
 * regardless, and {@link LettuceClusterConnection} asks for a refresh (rate-limited as well) when a command
 * could not run because its node was down or the cluster was reconfiguring.
 */
final class ClusterClientSetup {
  /** The least time between two adaptive refreshes. */
  static final Duration ADAPTIVE_RATE_LIMIT = Duration.ofMillis(500);
  /** A full topology refresh this often even when nothing seems wrong (each opens a connection per node). */
  static final Duration PERIODIC_REFRESH = Duration.ofSeconds(5);

  private ClusterClientSetup() {}

  /** One Lettuce URI per seed, each with the endpoint's credentials and TLS; Lettuce applies them to every node. */
  static List<RedisURI> seeds(RedisEndpoint endpoint, ConnectionSettings settings) {
    List<RedisURI> seeds = new ArrayList<>(endpoint.clusterSeeds().size());
    for (RedisEndpoint.Node node : endpoint.clusterSeeds()) {
      RedisURI.Builder uri = RedisURI.Builder.redis(node.host(), node.port()).withTimeout(settings.connectTimeout());
      LettuceDriver.authenticate(uri, endpoint);
      if (endpoint.tls()) {
        uri.withSsl(true).withVerifyPeer(SslVerifyMode.FULL);
      }
      seeds.add(uri.build());
    }
    return seeds;
  }

  static ClusterClientOptions options(ConnectionSettings settings) {
    ClusterTopologyRefreshOptions topology = ClusterTopologyRefreshOptions.builder()
        .enablePeriodicRefresh(PERIODIC_REFRESH)
        .enableAdaptiveRefreshTrigger(RefreshTrigger.MOVED_REDIRECT, RefreshTrigger.ASK_REDIRECT,
            RefreshTrigger.PERSISTENT_RECONNECTS, RefreshTrigger.UNCOVERED_SLOT, RefreshTrigger.UNKNOWN_NODE)
        .refreshTriggersReconnectAttempts(1)
        .adaptiveRefreshTriggersTimeout(ADAPTIVE_RATE_LIMIT)
        .closeStaleConnections(true)
        .dynamicRefreshSources(true)
        .build();
    return ClusterClientOptions.builder()
        // RESP3 would turn e.g. HGETALL into a map-shaped reply; the SPI is defined on RESP2.
        .protocolVersion(ProtocolVersion.RESP2)
        .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
        .timeoutOptions(TimeoutOptions.builder().timeoutCommands(true)
            .timeoutSource(new DeadlineTimeouts(settings.commandTimeout())).build())
        .autoReconnect(true)
        // A command for a node that is down fails at once, certainly not run, and is resent (to the slot's new
        // master once the topology shows it) instead of waiting in a buffer for a node that may never return.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .topologyRefreshOptions(topology)
        .build();
  }
}
