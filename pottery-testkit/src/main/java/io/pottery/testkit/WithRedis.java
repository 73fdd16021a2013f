package io.pottery.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class real Redis servers: test methods (and {@code @BeforeEach}/{@code @AfterEach}) may take a
 * {@link RedisServers} or {@link RedisServer} (the first) parameter, and a {@link RedisCluster} parameter (the
 * JVM's shared cluster, {@link RedisClusters#shared()}). The servers start at their first use,
 * are shared by the class's methods, and stop after the class, whether its tests pass or fail (and at the
 * latest when the JVM exits). Where they come from is {@link RedisSource}'s business.
 *
 * <pre>{@code
 * @WithRedis(masters = 5, controllable = true)
 * class RedlockFaultTest {
 *   @Test void survivesTwoDeadMasters(RedisServers servers) { servers.get(0).kill(); … }
 * }
 * }</pre>
 *
 * <p>A class is skipped, with the reason, when the servers cannot be what it asks for: {@code controllable}
 * on external servers, or more {@code masters} than external URLs. Put {@link RequiresRedis} beside it for
 * features of newer Redis versions.
 *
 * @since 0.1
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RedisExtension.class)
public @interface WithRedis {
  /** How many independent servers to start. */
  int masters() default 1;

  /**
   * Whether the tests kill, pause or restart servers. External servers ({@code POTTERY_TEST_REDIS}) are shared
   * and never disturbed, so there the class is skipped with the reason.
   */
  boolean controllable() default false;
}
