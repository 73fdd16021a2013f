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

  @Test
  void settingsAreGivenOnce() {
    Pottery.Builder builder = Pottery.builder().driver("jedis");
    assertThatThrownBy(() -> builder.driver("lettuce"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("driver was already set to jedis");
  }
}
