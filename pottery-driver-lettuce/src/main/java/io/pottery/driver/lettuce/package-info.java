/**
 * Pottery's Redis driver over Lettuce. Start at {@link io.pottery.driver.lettuce.LettuceDriver}, the only public
 * type: {@code LettuceConnection} is the shared multiplexed connection, {@code SharedResources} the driver's
 * reference-counted event loops, {@code RawOutput} and {@code StatusReplyMarker} turn replies into the SPI's
 * types, and {@code LettuceFailures} tells from Lettuce's exceptions which of
 * {@link io.pottery.spi.ConnectionFailures}'s messages applies.
 */
package io.pottery.driver.lettuce;
