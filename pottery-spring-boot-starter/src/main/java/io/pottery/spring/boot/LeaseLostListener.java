package io.pottery.spring.boot;

/**
 * Told when a ShedLock job's lease is lost while the job runs (see {@link LeaseLost}). Declare a bean; it is
 * called on a Pottery thread, so it should be quick (e.g. set a flag the job checks, interrupt the job's thread,
 * alert). An exception it throws is logged, not propagated.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface LeaseLostListener {
  /** Handles one lost lease. */
  void leaseLost(LeaseLost event);
}
