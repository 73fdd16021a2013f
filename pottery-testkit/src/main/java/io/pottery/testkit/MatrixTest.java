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
 * {@link RedisServers}/{@link RedisServer} of {@link WithRedis}. Each invocation is named after its cell,
 * {@code [jedis × jackson]}, which is what Surefire reports show. A cell whose {@code Pottery} cannot be built
 * (say, its driver is not on the test class path) fails alone, with a message naming the cell and the
 * artifacts it needs.
 *
 * <p>For local iteration, the system property (or JUnit configuration parameter) {@code pottery.matrix}
 * narrows the cells: comma-separated {@code driver:codec}, either side {@code *}, a lone driver meaning all
 * its codecs, e.g. {@code ./mvnw test -Dpottery.matrix=lettuce:gson}. A value that matches no cell fails the
 * test rather than running nothing.
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
