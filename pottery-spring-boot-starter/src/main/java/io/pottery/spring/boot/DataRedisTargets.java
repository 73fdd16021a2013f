package io.pottery.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;

/** Reads Spring Boot's {@link DataRedisConnectionDetails}; loaded only when spring-boot-data-redis is present. */
final class DataRedisTargets {
  private DataRedisTargets() {}

  /**
   * The target the details describe.
   *
   * @throws IllegalStateException for Sentinel or master/replica details, which Pottery does not connect through
   */
  static RedisTarget from(DataRedisConnectionDetails details) {
    if (details.getSentinel() != null || details.getMasterReplica() != null) {
      throw new IllegalStateException("Spring Boot's Redis connection details name "
          + (details.getSentinel() != null ? "Sentinel" : "master/replica") + " servers; Pottery connects to masters"
          + " directly: set pottery.masters to the master URIs (redis://host:port/db), or pottery.enabled=false");
    }
    if (details.getCluster() != null) {
      List<RedisTarget.Node> nodes = new ArrayList<>();
      for (DataRedisConnectionDetails.Node node : details.getCluster().getNodes()) {
        nodes.add(new RedisTarget.Node(node.host(), node.port()));
      }
      return new RedisTarget(nodes, true, 0, details.getUsername(), details.getPassword(), details.getSslBundle());
    }
    DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
    return new RedisTarget(List.of(new RedisTarget.Node(standalone.getHost(), standalone.getPort())), false,
        standalone.getDatabase(), details.getUsername(), details.getPassword(), details.getSslBundle());
  }
}
