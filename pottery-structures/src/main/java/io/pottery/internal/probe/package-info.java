/**
 * Internal, may change: {@link io.pottery.Pottery#probe()}, one round trip to every master at once, each bounded
 * by the command timeout. {@link io.pottery.internal.probe.MasterProbe} is the entry point.
 */
package io.pottery.internal.probe;
