package io.pottery.driver.jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The rule that tells Jedis 8 from 7.x and older, and what the driver says about an old one. */
class JedisVersionCheckTest {

  @Test
  void jedis8PassesWhereClusterCommandArgumentsIsGoneAndRedisClusterClientIsThere() {
    assertThat(JedisVersionCheck.problem(false, true, "8.0.2")).isNull();
    assertThat(JedisVersionCheck.problem(false, true, null)).isNull();
  }

  @Test
  void jedis7IsRefusedNamingBothVersions() {
    String problem = JedisVersionCheck.problem(true, true, "7.5.0");
    assertThat(problem).contains("Jedis 7.5.0").contains("needs Jedis 8.x").contains("8.0.2")
        .contains("redis.clients:jedis");
  }

  @Test
  void olderJedisWithoutRedisClusterClientIsRefusedEvenWithoutMetadata() {
    assertThat(JedisVersionCheck.problem(true, false, null)).contains("an older Jedis").contains("needs Jedis 8.x");
    assertThat(JedisVersionCheck.problem(false, false, "4.4.3")).contains("Jedis 4.4.3");
  }

  @Test
  void theJedisOnThisClassPathIsAccepted() {
    assertThatCode(JedisVersionCheck::requireJedis8).doesNotThrowAnyException();
  }
}
