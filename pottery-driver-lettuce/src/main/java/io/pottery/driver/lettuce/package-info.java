/**
 * Pottery's Redis driver over Lettuce. Start at {@link io.pottery.driver.lettuce.LettuceDriver}, the only public
 * type: {@code LettuceConnection} is the shared multiplexed connection to one server, {@code SharedResources} the
 * driver's reference-counted event loops, {@code RawCommands}, {@code RawCommand}, {@code RawKeyword} and
 * {@code RawOutput} turn Pottery's commands into Lettuce's and replies into the SPI's types, {@code SentCommands}
 * fails a written command that must not run twice when its connection drops, and
 * {@code LettuceFailures} tells from Lettuce's exceptions which of {@code io.pottery.internal.driver.ConnectionFailures}'s
 * messages applies.
 *
 * <p>The cluster path: {@code LettuceClusterConnection} routes each command (by its keys, its route slot, to every
 * node, or after the keyed command before it in a pipeline) over Lettuce's {@code RedisClusterClient}, configured
 * by {@code ClusterClientSetup}; {@code ClusterCall} follows one command through its attempts and decides whether
 * a failed one may be sent again; {@code TopologyRefresher}, {@code DeadlineTimeouts}, {@code ClusterFailures},
 * {@code NotSent} and {@code SentBeforeDisconnect} support it.
 */
package io.pottery.driver.lettuce;
