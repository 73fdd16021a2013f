package io.pottery.testkit;

import java.time.Duration;

/**
 * What {@link RedisCluster#awaitFailover(RedisServer, Duration)} saw: the replica that took over a dead
 * master's slots, and how long it took.
 *
 * @param failed the master that died (or was paused)
 * @param promoted the former replica that now owns the failed master's slots
 * @param took from the {@link RedisCluster#kill(RedisServer) kill} (or {@code pause}, or the call to
 *     {@code awaitFailover} if the cluster did not stop the node itself) until every live node reported
 *     {@code cluster_state:ok} and agreed on the new owner
 * @since 0.1
 */
public record ClusterFailover(RedisServer failed, RedisServer promoted, Duration took) {}
