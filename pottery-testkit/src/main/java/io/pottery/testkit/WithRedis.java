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
 * {@link RedisServers} or {@link RedisServer} (the first) parameter. The servers start before the first use
 * and stop after the class.
 *
 * <pre>{@code
 * @WithRedis(masters = 5)
 * class RedlockFaultTest {
 *   @Test void survivesTwoDeadMasters(RedisServers servers) { servers.get(0).kill(); … }
 * }
 * }</pre>
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
}
