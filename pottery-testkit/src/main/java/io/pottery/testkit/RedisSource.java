package io.pottery.testkit;

/**
 * Where the testkit gets its Redis servers, in the order it tries them:
 *
 * <ol>
 *   <li>{@link #EXTERNAL}: the {@code redis://} URL (or several, comma-separated) in the environment variable
 *       {@code POTTERY_TEST_REDIS};
 *   <li>{@link #DOCKER}: containers through Testcontainers, when Testcontainers is on the test class path and
 *       a Docker engine answers;
 *   <li>{@link #PATH}: {@code redis-server} processes from the {@code PATH};
 *   <li>{@link #EMBEDDED}: the Redis 6.2 binary inside the {@code com.github.codemonstur:embedded-redis} jar,
 *       run as a process (Linux x86_64, arm64, x86; macOS x86_64, arm64).
 * </ol>
 *
 * <p>The system property (or JUnit configuration parameter) {@code pottery.test.redis} forces one:
 * {@code auto} (the default order), {@code external}, {@code docker}, {@code path}, {@code embedded}, or
 * {@code redis://} URLs used as external servers. A forced source that is not available fails the tests
 * with the reason; it never falls back silently. The choice is logged once per JVM at INFO level
 * ({@code System.Logger} {@code io.pottery.testkit.SourceSelection}).
 *
 * @since 0.1
 */
public enum RedisSource {
  /** Servers someone else runs, shared by all tests: never killed, paused or flushed by the testkit. */
  EXTERNAL(false),
  /** Redis containers, one per server; kill/pause/restart through the Docker API. */
  DOCKER(true),
  /** {@code redis-server} processes from the {@code PATH} on free loopback ports. */
  PATH(true),
  /** The Redis 6.2 binary from {@code com.github.codemonstur:embedded-redis}, run as a process. */
  EMBEDDED(true);

  private final boolean controllable;

  RedisSource(boolean controllable) {
    this.controllable = controllable;
  }

  /**
   * Whether tests may kill, pause and restart these servers, and get one server per requested master. Only
   * {@link #EXTERNAL} servers may not: other tests share them.
   */
  public boolean controllable() {
    return controllable;
  }

  /**
   * The source this JVM's tests use by default: the one {@code pottery.test.redis} forces, else the first
   * available in the order above. Probing happens once per JVM.
   *
   * @throws IllegalStateException if no source is available, or the forced one is not; the message says why
   *     and how to install Redis
   */
  public static RedisSource selected() {
    return SourceSelection.byDefault().require().source();
  }
}
