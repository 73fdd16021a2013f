package io.pottery.internal.discovery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.Pottery;
import io.pottery.PotteryConfigurationException;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Discovery with nothing on the class path: the messages must name the artifact to add. */
class PotteryAssemblyTest {

  private static ClassLoader emptyLoader() {
    return new URLClassLoader(new URL[0], null);
  }

  @Test
  void noStructuresNamesTheArtifact() {
    assertThatThrownBy(() -> Pottery.builder().masters("redis://localhost").classLoader(emptyLoader()).build())
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("No io.pottery.spi.StructuresProvider on the class path; add io.pottery:pottery-structures "
            + "(docs/errors.md#no-structures)");
  }

  @Test
  void malformedUriFailsBeforeDiscovery() {
    assertThatThrownBy(() -> Pottery.builder().masters("redis://:pw@").classLoader(emptyLoader()).build())
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessageContaining("no host")
        .hasMessageNotContaining("pw");
  }

  /** An application's client as a driver module would describe it: one server, named without its password. */
  private static io.pottery.spi.ClientSource clientNaming(String host, int port) {
    io.pottery.spi.RedisEndpoint endpoint = new io.pottery.spi.RedisEndpoint(false, host, port, null, null, 1);
    return new io.pottery.spi.ClientSource() {
      @Override
      public String driverName() {
        return "lettuce";
      }

      @Override
      public java.util.List<io.pottery.spi.RedisEndpoint> endpoints() {
        return java.util.List.of(endpoint);
      }

      @Override
      public String toString() {
        return "lettuce RedisClient, 1 master [" + endpoint.redacted() + "]";
      }
    };
  }

  @Test
  void aClientThatNamesItsServersAndMastersAreRefusedBeforeAnythingConnects() {
    assertThatThrownBy(() -> Pottery.builder().masters("redis://app:s3cret@cache:6379/0")
            .client(clientNaming("cache", 6379)).classLoader(emptyLoader()).build())
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessage("Connection settings given twice: masters [redis://app:***@cache:6379/0] and client lettuce"
            + " RedisClient, 1 master [redis://cache:6379/1]; give the masters either as URIs or through the client,"
            + " not both (docs/errors.md#client-and-masters)");
  }

  @Test
  void aClientIsGivenOnceAndShownByToString() {
    Pottery.Builder builder = Pottery.builder().client(clientNaming("cache", 6379));
    assertThatThrownBy(() -> builder.client(clientNaming("other", 6379)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("client was already set to lettuce RedisClient");
    org.assertj.core.api.Assertions.assertThat(builder.toString())
        .isEqualTo("Pottery.Builder{client=lettuce RedisClient, 1 master [redis://cache:6379/1]}");
  }

  @Test
  void settingsAreGivenOnce() {
    Pottery.Builder builder = Pottery.builder().driver("jedis");
    assertThatThrownBy(() -> builder.driver("lettuce"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("driver was already set to jedis");
  }
}
