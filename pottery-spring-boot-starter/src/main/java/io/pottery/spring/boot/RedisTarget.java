package io.pottery.spring.boot;

import java.util.List;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where Spring Boot's Redis connection details point, in a form free of spring-boot-data-redis types (so the
 * rest of the starter loads without that module).
 *
 * @param nodes the single server, or the cluster's nodes
 * @param cluster whether the nodes are a Redis Cluster
 * @param database the database of a single server
 * @param user the user name, or {@code null}
 * @param password the password, or {@code null}
 * @param ssl the SSL bundle, or {@code null} for plain TCP
 */
record RedisTarget(List<Node> nodes, boolean cluster, int database, String user, String password, SslBundle ssl) {

  /** One server address. */
  record Node(String host, int port) {}

  /** The target as Pottery URIs, user and password percent-encoded; TLS trust from the JVM (not the bundle). */
  String uri() {
    StringBuilder sb = new StringBuilder(ssl != null ? "rediss" : "redis").append(cluster ? "-cluster://" : "://");
    if (password != null) {
      if (user != null) {
        sb.append(encode(user));
      }
      sb.append(':').append(encode(password)).append('@');
    }
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      sb.append(i == 0 ? "" : ",").append(node.host().indexOf(':') >= 0 ? "[" + node.host() + "]" : node.host())
          .append(':').append(node.port());
    }
    if (!cluster) {
      sb.append('/').append(database);
    }
    return sb.toString();
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** No password, for messages. */
  @Override
  public String toString() {
    return "RedisTarget" + nodes + (cluster ? " (cluster)" : "/" + database) + (ssl != null ? " TLS" : "");
  }
}
