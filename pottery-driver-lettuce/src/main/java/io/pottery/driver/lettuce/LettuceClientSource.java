package io.pottery.driver.lettuce;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.pottery.spi.ClientSource;
import io.pottery.spi.RedisEndpoint;
import java.util.List;

/**
 * What {@link LettuceClients} captured: the application's resources, its client options (or {@code null}), and,
 * when the source names its servers, one list of Lettuce URIs per endpoint (one URI for a single server, the
 * seeds for a cluster). Immutable; the URIs are private copies.
 */
final class LettuceClientSource implements ClientSource {
  final ClientResources resources;
  final ClientOptions options;
  final boolean cluster;
  final List<RedisURI> uris;
  private final List<RedisEndpoint> endpoints;
  private final String description;

  LettuceClientSource(ClientResources resources, ClientOptions options, boolean cluster, List<RedisURI> uris,
      List<RedisEndpoint> endpoints, String description) {
    this.resources = resources;
    this.options = options;
    this.cluster = cluster;
    this.uris = List.copyOf(uris);
    this.endpoints = List.copyOf(endpoints);
    this.description = description;
  }

  @Override
  public String driverName() {
    return "lettuce";
  }

  @Override
  public List<RedisEndpoint> endpoints() {
    return endpoints;
  }

  /** The Lettuce URIs for {@code endpoint}, one of {@link #endpoints()}; for a cluster, all seeds. */
  List<RedisURI> urisFor(RedisEndpoint endpoint) {
    if (cluster) {
      return uris;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      if (endpoints.get(i) == endpoint) {
        return List.of(uris.get(i));
      }
    }
    throw new IllegalArgumentException(endpoint.redacted() + " is not one of this source's endpoints " + endpoints);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(description);
    if (!endpoints.isEmpty()) {
      sb.append(' ').append(endpoints.stream().map(RedisEndpoint::redacted).toList());
    }
    return sb.toString();
  }
}
