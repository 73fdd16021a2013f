/**
 * Internal, may change: {@link io.pottery.Redlock}. {@code QuorumRedlock} is the lock (Redlock over the
 * {@link io.pottery.internal.quorum.QuorumFanOut}, with Python pottery's key, value and script semantics, plus
 * the fencing counter); {@code RedlockSettings} its immutable settings; {@code Watchdog} the optional renewal
 * of one lease, and {@code Renewals} the one renewer of all of a {@code Pottery}'s watchdogs, in batches; {@link io.pottery.internal.lock.RedlockBuilder} the entry point {@code ConnectedPottery} calls. Scripts:
 * {@code redlock-*.lua} next to these classes in the resources.
 */
package io.pottery.internal.lock;
