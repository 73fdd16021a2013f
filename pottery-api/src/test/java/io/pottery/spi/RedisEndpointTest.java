package io.pottery.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pottery.PotteryConfigurationException;
import org.junit.jupiter.api.Test;

class RedisEndpointTest {

  @Test
  void defaultsPortAndDatabase() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://localhost");
    assertThat(endpoint).isEqualTo(new RedisEndpoint(false, "localhost", 6379, null, null, 0));
  }

  @Test
  void readsEveryPart() {
    RedisEndpoint endpoint = RedisEndpoint.parse("rediss://app:s%40cret@10.0.0.3:6380/5");
    assertThat(endpoint.tls()).isTrue();
    assertThat(endpoint.host()).isEqualTo("10.0.0.3");
    assertThat(endpoint.port()).isEqualTo(6380);
    assertThat(endpoint.user()).isEqualTo("app");
    assertThat(endpoint.password()).isEqualTo("s@cret");
    assertThat(endpoint.database()).isEqualTo(5);
  }

  @Test
  void passwordOnlyAndUserOnly() {
    assertThat(RedisEndpoint.parse("redis://:pw@h").user()).isNull();
    assertThat(RedisEndpoint.parse("redis://:pw@h").password()).isEqualTo("pw");
    assertThat(RedisEndpoint.parse("redis://bob@h").user()).isEqualTo("bob");
    assertThat(RedisEndpoint.parse("redis://bob@h").password()).isNull();
  }

  @Test
  void ipv6Literal() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://[::1]:7000/2");
    assertThat(endpoint.host()).isEqualTo("::1");
    assertThat(endpoint.redacted()).isEqualTo("redis://[::1]:7000/2");
  }

  @Test
  void neverShowsThePassword() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://app:hunter2@h:1/0");
    assertThat(endpoint.toString()).isEqualTo("redis://app:***@h:1/0").doesNotContain("hunter2");
    assertThatThrownBy(() -> RedisEndpoint.parse("http://app:hunter2@h"))
        .isInstanceOf(PotteryConfigurationException.class)
        .hasMessageContaining("scheme \"http\"")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void rejectsBadDatabaseAndQueries() {
    assertThatThrownBy(() -> RedisEndpoint.parse("redis://h/x"))
        .isInstanceOf(PotteryConfigurationException.class).hasMessageContaining("database \"x\" is not a number");
    assertThatThrownBy(() -> RedisEndpoint.parse("redis://h/0?pool=1"))
        .isInstanceOf(PotteryConfigurationException.class).hasMessageContaining("\"pool\"").hasMessageContaining("Pottery.builder()");
    assertThatThrownBy(() -> RedisEndpoint.parse("redis://h/0?timeout=soon"))
        .isInstanceOf(PotteryConfigurationException.class).hasMessageContaining("timeout \"soon\"");
    assertThatThrownBy(() -> RedisEndpoint.parse("redis:///0"))
        .isInstanceOf(PotteryConfigurationException.class).hasMessageContaining("no host");
  }

  @Test
  void knowsWhichSchemesItParses() {
    assertThat(RedisEndpoint.hasRedisScheme(java.net.URI.create("redis://h"))).isTrue();
    assertThat(RedisEndpoint.hasRedisScheme(java.net.URI.create("REDISS://h:1/2"))).isTrue();
    assertThat(RedisEndpoint.hasRedisScheme(java.net.URI.create("http://h"))).isFalse();
    assertThat(RedisEndpoint.hasRedisScheme(java.net.URI.create("h:6379"))).isFalse();
  }

  @Test
  void aBadPortNamesTheRedactedUriAndTheDocs() {
    for (String port : new String[] {"0", "99999", "badport"}) {
      assertThatThrownBy(() -> RedisEndpoint.parse("redis://app:hunter2@h:" + port + "/0"))
          .isInstanceOf(PotteryConfigurationException.class)
          .hasMessage("Redis URI \"redis://app:***@h:" + port + "/0\": port \"" + port + "\" is not a number in 1..65535;"
              + " Redis listens on 6379 unless configured otherwise, e.g. redis://localhost:6379/0"
              + " (docs/errors.md#malformed-uri)");
    }
  }

  @Test
  void aMalformedEscapeInThePasswordIsNeitherQuotedNorChained() {
    for (String uri : new String[] {"redis://app:hunter2%zz@h:6380", "redis-cluster://app:hunter2%zz@h:6380,h:6381",
        "redis://app:hun ter2@h:6380", "app:hunter2@h:6380", "redis://app:hunter2@h:6380/0?timeout=x%zz"}) {
      assertThatThrownBy(() -> RedisEndpoint.parse(uri))
          .isInstanceOf(PotteryConfigurationException.class)
          .hasMessageContaining("(docs/errors.md#malformed-uri)")
          .hasMessageNotContaining("hunter2").hasMessageNotContaining("ter2")
          .satisfies(e -> assertThat(e.getCause()).as("cause of %s", e).isNull());
    }
  }
}
