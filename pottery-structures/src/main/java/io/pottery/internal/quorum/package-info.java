/**
 * Internal, may change: the quorum fan-out that Redlock and NextId share. {@link
 * io.pottery.internal.quorum.QuorumFanOut} sends one script to every master at once and gathers the answers
 * into a {@link io.pottery.internal.quorum.Round} within a deadline (or, for a batch of calls, one pipeline per
 * master and a round per call); a master that errs, times out or cannot be
 * reached counts as a failure, never as a crash or a hang.
 */
package io.pottery.internal.quorum;
