package io.pottery.internal.structures;

/**
 * One call of the failover workload: what it did, where, when, and how it ended.
 *
 * @param op the operation
 * @param shard the index of the shard (hash tag) whose keys it used
 * @param thread the worker that made the call
 * @param element the unique element it wrote ({@code t<thread>-<seq>}), for the operations that write one
 * @param startNanos {@link System#nanoTime()} before the call
 * @param endNanos {@link System#nanoTime()} after it returned or threw
 * @param kind success, failure, or a failure whose outcome is unknown
 * @param error the exception's class and message, for failures
 * @param value the id for {@link FailoverOp#NEXT_ID}, the fencing token for a lock, else 0
 */
record FailoverOutcome(FailoverOp op, int shard, int thread, String element, long startNanos, long endNanos,
    Kind kind, String error, long value) {

  /** How a call ended. */
  enum Kind {
    OK,
    FAILED,
    /** {@link io.pottery.RedisConnectionException} saying the outcome is unknown: it may have run. */
    UNKNOWN
  }

  long millis() {
    return (endNanos - startNanos) / 1_000_000;
  }

  boolean ok() {
    return kind == Kind.OK;
  }
}
