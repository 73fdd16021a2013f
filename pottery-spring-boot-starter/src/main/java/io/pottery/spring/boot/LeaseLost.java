package io.pottery.spring.boot;

import java.time.Duration;

/**
 * A ShedLock job's Redlock lease was lost while the job still ran: from then on another instance may run the
 * job too. Reported by {@link PotteryLockProvider} to every {@link LeaseLostListener} bean, on a Pottery thread,
 * while the job runs (not at unlock, when it is too late to act).
 *
 * @param lockName the ShedLock name of the job
 * @param fencingToken the token of the lost lease; writes carrying it should now be refused downstream
 * @param heldFor how long after acquisition the loss was seen
 * @param reason what happened, e.g. {@code "the lease ended at lockAtMostFor PT1S"}
 * @since 0.3
 */
public record LeaseLost(String lockName, long fencingToken, Duration heldFor, String reason) {}
