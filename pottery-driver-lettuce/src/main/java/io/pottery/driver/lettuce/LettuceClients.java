package io.pottery.driver.lettuce;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.pottery.spi.ClientSource;
import io.pottery.spi.RedisEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * "Bring your own client" for Lettuce: builds a {@link ClientSource} over what the application already has, for
 * {@code Pottery.builder().client(..)}.
 *
 * <pre>{@code
 * RedisClient appClient = ...;                       // the application's, with its ClientResources
 * try (Pottery pottery = Pottery.builder()
 *     .client(LettuceClients.of(appClient, RedisURI.create("redis://cache:6379/1")))
 *     .build()) { ... }
 * }</pre>
 *
 * <p>What Pottery shares: the client's {@link ClientResources} — event loops, timer, command latency recorder
 * (so the application's Lettuce metrics count Pottery's commands), tracing, event bus, DNS resolver — through
 * a {@linkplain ClientResources#mutate() derived} set (so that closing Pottery never shuts them down);
 * and, from a client, its {@code ClientOptions}' TLS and socket options. Pottery opens its own connections
 * (RESP2, its command timeout, auto-reconnect: what its no-double-run guarantees rest on), closes them in
 * {@code Pottery.close()}, and never shuts down the client or the resources it was given.
 *
 * @since 0.3
 */
public final class LettuceClients {
  private LettuceClients() {}

  /**
   * Shares the application's resources; the builder's {@code masters} URIs say where to connect (single
   * servers or {@code redis-cluster://}).
   *
   * @throws NullPointerException if {@code resources} is null
   */
  public static ClientSource of(ClientResources resources) {
    Objects.requireNonNull(resources, "resources");
    return new LettuceClientSource(resources, null, false, List.of(), List.of(), "lettuce ClientResources");
  }

  /**
   * Connects to {@code masters} (one independent master each; several for Redlock/NextId quorums) with the
   * client's resources and TLS/socket options. Each {@link RedisURI} is used as given (credentials provider,
   * TLS and peer verification, database, client name), copied so that Pottery never changes the caller's.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no master is given, or one is a Sentinel or socket URI
   */
  public static ClientSource of(RedisClient client, RedisURI... masters) {
    Objects.requireNonNull(client, "client");
    if (masters.length == 0) {
      throw new IllegalArgumentException("give at least one RedisURI to connect to");
    }
    List<RedisURI> uris = new ArrayList<>();
    List<RedisEndpoint> endpoints = new ArrayList<>();
    for (RedisURI master : masters) {
      RedisURI copy = copy(master);
      uris.add(copy);
      endpoints.add(endpoint(copy));
    }
    return new LettuceClientSource(client.getResources(), client.getOptions(), false, uris, endpoints,
        "lettuce RedisClient, " + endpoints.size() + (endpoints.size() == 1 ? " master" : " masters"));
  }

  /**
   * Connects to one Redis Cluster through {@code seeds}, with the cluster client's resources and TLS options;
   * the cluster counts as one master.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if no seed is given, or one is a Sentinel or socket URI
   */
  public static ClientSource of(RedisClusterClient client, Iterable<RedisURI> seeds) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(seeds, "seeds");
    List<RedisURI> uris = new ArrayList<>();
    List<RedisEndpoint.Node> nodes = new ArrayList<>();
    for (RedisURI seed : seeds) {
      RedisURI copy = copy(seed);
      uris.add(copy);
      nodes.add(new RedisEndpoint.Node(copy.getHost(), copy.getPort()));
    }
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("give at least one seed RedisURI of the cluster");
    }
    RedisURI first = uris.get(0);
    RedisEndpoint endpoint = RedisEndpoint.cluster(first.isSsl(), nodes, null, null);
    return new LettuceClientSource(client.getResources(), client.getOptions(), true, uris, List.of(endpoint),
        "lettuce RedisClusterClient, " + nodes.size() + (nodes.size() == 1 ? " seed" : " seeds"));
  }

  private static RedisURI copy(RedisURI uri) {
    Objects.requireNonNull(uri, "a RedisURI is null");
    if (uri.getSentinels() != null && !uri.getSentinels().isEmpty()) {
      throw new IllegalArgumentException("Sentinel URIs are not supported; give the master's address");
    }
    if (uri.getSocket() != null) {
      throw new IllegalArgumentException("Unix socket URIs are not supported; give host and port");
    }
    return RedisURI.builder(uri).build();
  }

  /**
   * The endpoint Pottery shows and checks: address, TLS, database. User and password stay out: the RedisURI
   * (or its credentials provider) authenticates by itself.
   */
  private static RedisEndpoint endpoint(RedisURI uri) {
    return new RedisEndpoint(uri.isSsl(), uri.getHost(), uri.getPort(), null, null, uri.getDatabase());
  }
}
