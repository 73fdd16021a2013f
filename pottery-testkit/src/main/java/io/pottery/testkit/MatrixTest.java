package io.pottery.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per {@link MatrixCell} of {Jedis, Lettuce} × {Jackson, Gson}. The method may take
 * a {@link io.pottery.Pottery} (connected to the class's servers with that cell's driver and codec, closed
 * after the invocation), the {@link MatrixCell}, a {@link TestKey} (a fresh Redis key), and the
 * {@link RedisServers}/{@link RedisServer} of {@link WithRedis}.
 *
 * <pre>{@code
 * @WithRedis
 * class RedisMapTest {
 *   @MatrixTest
 *   void putThenGet(Pottery pottery, TestKey key) {
 *     RedisMap<String, Integer> map = pottery.map(key.name(), String.class, Integer.class);
 *     map.put("jack", 4098);
 *     assertThat(map.get("jack")).isEqualTo(4098);
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith({RedisExtension.class, MatrixExtension.class})
public @interface MatrixTest {}
