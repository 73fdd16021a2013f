/**
 * Real Redis servers and clusters for tests, and the test matrix. Start with {@link io.pottery.testkit.WithRedis}
 * (servers for a test class) and {@link io.pottery.testkit.MatrixTest} (a test run on {Jedis, Lettuce} ×
 * {Jackson, Gson} × {standalone, cluster}); {@link io.pottery.testkit.RedisCluster} and
 * {@link io.pottery.testkit.RedisClusters#shared()} give Redis Clusters, with controls for failover tests;
 * {@link io.pottery.testkit.RedisSource} tells where servers come from and how to force one;
 * {@link io.pottery.testkit.RequiresRedis} skips tests of newer Redis features on older servers;
 * {@link io.pottery.testkit.RawRedis} reads and writes bytes around Pottery; {@link io.pottery.testkit.FaultProxy}
 * (a proxy that drops a connection right after the server answered) and {@link io.pottery.testkit.ClientKillRecipe}
 * lose replies on purpose, for tests that no command runs twice.
 *
 * @since 0.1
 */
package io.pottery.testkit;
