package io.pottery.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per {@link MatrixCell} of {Jedis, Lettuce} × {Jackson, Gson} × {standalone, cluster}.
 * The method may take a {@link io.pottery.Pottery} (connected with that cell's driver and codec, closed after
 * the invocation), the {@link MatrixCell}, a {@link TestKey} (a fresh Redis key), the
 * {@link RedisServers}/{@link RedisServer} of {@link WithRedis}, and the shared {@link RedisCluster}. Each
 * invocation is named after its cell, {@code [jedis × jackson]} or {@code [jedis × jackson × cluster]}, which is
 * what Surefire reports show. A cell whose {@code Pottery} cannot be built (say, its driver is not on the test
 * class path) fails alone, with a message naming the cell and the artifacts it needs.
 *
 * <h2>Cluster cells</h2>
 * In a cluster cell the first master is the JVM's shared 3-master Redis Cluster ({@link RedisClusters#shared()}):
 * with {@code @WithRedis(masters = 1)} the {@code Pottery} gets its {@code redis-cluster://} seed URI as its one
 * master; with {@code masters = N} the cluster plus the class's standalone servers 2 to N (a cluster is one
 * failure domain, so one Redlock master). The {@code RedisServer} parameter (and the first of
 * {@code RedisServers}) is then the cluster: its {@code uri()} is the seed URI and its {@code client()} sends each
 * call to the node that owns the call's first key, so {@code server.client()} and
 * {@code RawRedis.connect(server.uri())} read what Pottery wrote in either topology. Its {@code kill()},
 * {@code pause()}, {@code restart()} and {@code pid()} throw, since every test shares the cluster. Keys of one
 * test spread over the masters; use {@link TestKey#withTag()} or {@link TestKey#sameSlot(String)} for keys a
 * multi-key operation needs in one slot.
 *
 * <p>A test that cannot run on a cluster says why with {@link #standaloneOnlyBecause()}; its cluster cells are
 * left out.
 *
 * <h2>Selecting cells</h2>
 * The system properties (or JUnit configuration parameters) {@code pottery.topology} ({@code standalone},
 * {@code cluster} or {@code standalone,cluster}; both when unset) and {@code pottery.matrix} (comma-separated {@code driver[:codec[:topology]]}, either of the first two
 * {@code *}, a lone driver meaning all its codecs; an entry's own topology wins over {@code pottery.topology})
 * choose the cells, e.g. {@code ./mvnw test -Dpottery.matrix=lettuce:gson:cluster} or
 * {@code -Dpottery.topology=standalone}. A value that names nothing of the matrix fails the test with the
 * valid names rather than running nothing.
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
 *
 *   @MatrixTest(standaloneOnlyBecause = "pauses the master to time out a call")
 *   void timesOut(Pottery pottery, TestKey key, RedisServer server) { server.pause(); … }
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
public @interface MatrixTest {

  /**
   * Why this test cannot run on a Redis Cluster; when given, its cluster cells are left out (for instance
   * {@code "kills a standalone master"}, {@code "counts keys with DBSIZE on one server"}). Empty, the default:
   * the test runs on every selected topology. The reason is mandatory, so that each exclusion can be reviewed;
   * a blank one fails the test. When only cluster cells are selected, such a test shows one skipped invocation
   * with the reason.
   */
  String standaloneOnlyBecause() default "";
}
