package io.pottery.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only on Redis {@link #value()} or newer; on an older server it is
 * skipped, and JUnit reports the reason: {@code needs Redis 7.0 or newer (HEXPIRE), but the test servers run
 * 6.2.6 (the Redis 6.2 binary from com.github.codemonstur:embedded-redis …)}. The version is read from the
 * class's own servers (those of {@link WithRedis}), so it starts them if they are not running yet.
 *
 * <pre>{@code
 * @WithRedis
 * class RedisMapExpiryTest {
 *   @RequiresRedis(value = "7.4", feature = "HEXPIRE")
 *   @MatrixTest
 *   void fieldsExpire(Pottery pottery, TestKey key) { … }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Inherited
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRedisCondition.class)
public @interface RequiresRedis {
  /** The oldest Redis version the test runs on, e.g. {@code "7.0"} or {@code "6.2.7"}. */
  String value();

  /** What the test needs from that version, for the skip reason, e.g. {@code "HEXPIRE"}; optional. */
  String feature() default "";
}
