package io.pottery.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.Pottery;
import io.pottery.PotteryConfigurationException;
import io.pottery.instrumentation.Operation;
import io.pottery.instrumentation.PotteryListener;
import io.pottery.testkit.RedisServers;
import io.pottery.testkit.WithRedis;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners found with {@link java.util.ServiceLoader} are called after those given to the builder; a listed
 * class that cannot be loaded fails {@code build()} naming it; the same listener cannot be added twice.
 */
@WithRedis
class ListenerDiscoveryTest {
  /** What the discovered listener saw; tests in this class run one at a time. */
  static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

  /** Found through META-INF/services in a class loader of the test's own. */
  public static final class Discovered implements PotteryListener<Void> {
    @Override
    public Void started(Operation operation) {
      SEEN.add("discovered " + operation.structure() + " " + operation.name());
      return null;
    }
  }

  private static ClassLoader withServices(Path dir, String content) throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(PotteryListener.class.getName()), content);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ListenerDiscoveryTest.class.getClassLoader());
  }

  @Test
  void aDiscoveredListenerRunsAfterTheBuildersOnes(@TempDir Path dir, RedisServers servers) throws IOException {
    SEEN.clear();
    PotteryListener<Void> given = new PotteryListener<>() {
      @Override
      public Void started(Operation operation) {
        SEEN.add("given " + operation.structure() + " " + operation.name());
        return null;
      }
    };
    ClassLoader loader = withServices(dir, Discovered.class.getName() + "\n");
    try (Pottery pottery = Pottery.builder().masters(servers.uris()).classLoader(loader).listener(given).build()) {
      pottery.nextId("discovery").nextLong();
    }
    assertThat(SEEN).containsExactly("given NextId next", "discovered NextId next");
  }

  @Test
  void aBrokenDiscoveredListenerFailsTheBuildNamingIt(@TempDir Path dir, RedisServers servers) throws IOException {
    ClassLoader loader = withServices(dir, "com.example.NoSuchListener\n");
    assertThatThrownBy(() -> Pottery.builder().masters(servers.uris()).classLoader(loader).build())
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessageContaining("com.example.NoSuchListener")
        .hasMessageContaining("io.pottery.instrumentation.PotteryListener");
  }

  @Test
  void theSameListenerCannotBeAddedTwice() {
    PotteryListener<Void> listener = new PotteryListener<>() {};
    Pottery.Builder builder = Pottery.builder().listener(listener);
    assertThatThrownBy(() -> builder.listener(listener)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already added");
  }
}
