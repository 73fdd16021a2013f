package io.pottery.internal.quorum;

/**
 * Internal, may change: a master applied a write, but {@code WAIT} reported fewer replicas than
 * {@link ReplicaWait#replicas()} within the timeout. {@link Round} records it as that master's failure (it does
 * not count towards the quorum), and the message says what happened: {@code only 0 of 1 replicas confirmed the
 * write within 100 ms (waitForReplicas)}.
 */
final class ReplicasNotConfirmed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Object reply;

  ReplicasNotConfirmed(long confirmed, ReplicaWait wait, Object reply) {
    super("only " + confirmed + " of " + wait.replicas() + " replicas confirmed the write within "
        + wait.timeout().toMillis() + " ms (waitForReplicas)", null, false, false);
    this.reply = reply;
  }

  /** The master's reply to the write itself. */
  Object reply() {
    return reply;
  }
}
