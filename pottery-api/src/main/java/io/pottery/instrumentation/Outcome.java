package io.pottery.instrumentation;

/**
 * How an {@link Operation} ended. Constants may be added in later versions; treat an unknown one as
 * {@link #ERROR}.
 *
 * @since 0.3
 */
public enum Outcome {
  /** It did what was asked: the lock was acquired, released or extended; the ids were issued; the reply came. */
  SUCCESS,
  /**
   * A lock was not acquired before its timeout (or in its only attempt, with {@code blocking = false}) because
   * another holder had it: the masters answered, and said no.
   */
  TIMEOUT,
  /**
   * Too few masters said yes, and not because of another holder alone: masters failed or did not answer, so a
   * quorum was out of reach (a lock not acquired for that reason, a lost lease on release or extend, NextId
   * without a quorum).
   */
  QUORUM_NOT_ACHIEVED,
  /** Any other exception: a connection failure, an error reply, a closed {@code Pottery}, an interrupt. */
  ERROR
}
