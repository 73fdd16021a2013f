package io.pottery.spring.boot;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.pottery.Pottery;
import io.pottery.driver.lettuce.LettuceClients;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.ssl.SslBundle;


/** The Lettuce side of the connection: loaded only when Lettuce and pottery-driver-lettuce are present. */
final class LettuceConnect {
  private LettuceConnect() {}

  /**
   * Points the builder at {@code masters}, else at {@code target}, sharing the application's resources when it
   * has them. With neither, leaves the builder alone (Pottery's default URI).
   */
  static void apply(Pottery.Builder builder, List<String> masters, RedisTarget target, ClientResources appResources) {
    if (!masters.isEmpty()) {
      builder.masters(masters.toArray(String[]::new));
      if (appResources != null) {
        builder.client(LettuceClients.of(appResources));
      }
      return;
    }
    if (target == null) {
      return;
    }
    if (appResources == null) {
      // No resources to share: Pottery's own, from the URI (TLS then trusts the JVM's trust store).
      builder.masters(target.uri());
      return;
    }
    List<RedisURI> uris = new ArrayList<>();
    for (RedisTarget.Node node : target.nodes()) {
      RedisURI.Builder uri = RedisURI.builder().withHost(node.host()).withPort(node.port());
      if (!target.cluster()) {
        uri.withDatabase(target.database());
      }
      if (target.password() != null) {
        if (target.user() != null) {
          uri.withAuthentication(target.user(), target.password());
        } else {
          uri.withPassword(target.password().toCharArray());
        }
      }
      if (target.ssl() != null) {
        uri.withSsl(true).withVerifyPeer(SslVerifyMode.FULL);
      }
      uris.add(uri.build());
    }
    // These clients only carry the application's resources and TLS options to Pottery, which makes its own
    // connections from them; they never connect, so they hold no connection or thread to shut down.
    if (target.cluster()) {
      RedisClusterClient client = RedisClusterClient.create(appResources, uris);
      if (target.ssl() != null) {
        client.setOptions(ClusterClientOptions.builder().sslOptions(sslOptions(target.ssl())).build());
      }
      builder.client(LettuceClients.of(client, uris));
    } else {
      RedisClient client = RedisClient.create(appResources);
      if (target.ssl() != null) {
        client.setOptions(ClientOptions.builder().sslOptions(sslOptions(target.ssl())).build());
      }
      builder.client(LettuceClients.of(client, uris.get(0)));
    }
  }

  /** The bundle's key and trust material, protocols and ciphers, as Spring Boot gives them to Lettuce. */
  private static SslOptions sslOptions(SslBundle bundle) {
    SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider()
        .keyManager(bundle.getManagers().getKeyManagerFactory())
        .trustManager(bundle.getManagers().getTrustManagerFactory());
    org.springframework.boot.ssl.SslOptions options = bundle.getOptions();
    if (options.getCiphers() != null) {
      ssl.cipherSuites(options.getCiphers());
    }
    if (options.getEnabledProtocols() != null) {
      ssl.protocols(options.getEnabledProtocols());
    }
    return ssl.build();
  }
}
