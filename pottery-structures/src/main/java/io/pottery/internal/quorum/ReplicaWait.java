package io.pottery.internal.quorum;

import io.pottery.spi.Command;
import java.time.Duration;
import java.util.Objects;

/**
 * Internal, may change: the {@code waitForReplicas(n, timeout)} setting of a Redlock or NextId. After each write
 * of a fan-out, the same pipeline sends {@code WAIT n timeoutMillis} to that master (on its node and connection,
 * so {@code WAIT} counts the replicas that have that write); a master whose reply is below {@code n} does not
 * count as a yes, and {@link QuorumFanOut} records it as failed with {@link ReplicasNotConfirmed}.
 *
 * @param replicas how many replicas must confirm each write, 1 or more
 * @param timeout how long {@code WAIT} blocks at most, at least 1 ms and shorter than the command timeout
 */
public record ReplicaWait(int replicas, Duration timeout) {

  /**
   * Checks the setting.
   *
   * @throws IllegalArgumentException if {@code replicas} is below 1 or {@code timeout} is below 1 ms
   * @throws NullPointerException if {@code timeout} is null
   */
  public ReplicaWait {
    Objects.requireNonNull(timeout, "timeout");
    if (replicas < 1) {
      throw new IllegalArgumentException("waitForReplicas: replicas must be 1 or more, was " + replicas);
    }
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("waitForReplicas: timeout must be at least 1 ms, was " + timeout);
    }
  }

  /**
   * Checks the timeout against the connections' command timeout: {@code WAIT} blocks for up to its timeout, so
   * a driver waiting less long for the reply would report a lost connection instead of a count.
   *
   * @param structure what the message calls the caller, e.g. {@code Redlock "printer"}
   * @throws IllegalArgumentException if the timeout is not shorter than {@code commandTimeout}
   */
  public void requireShorterThan(Duration commandTimeout, String structure) {
    if (timeout.compareTo(commandTimeout) >= 0) {
      throw new IllegalArgumentException(structure + ": waitForReplicas timeout " + timeout.toMillis()
          + " ms must be shorter than the command timeout " + commandTimeout.toMillis()
          + " ms (Pottery.Builder.commandTimeout), or the driver gives up on the WAIT reply first");
    }
  }

  /**
   * The {@code WAIT} command. Keyless and without a route slot: in a pipeline, a cluster driver runs it on the
   * node and connection of the keyed command before it. Idempotent: it writes nothing.
   */
  Command command() {
    return Command.builder("WAIT").arg(replicas).arg(timeout.toMillis()).idempotent().build();
  }

  /** {@code replicas=1, timeout=100 ms}, for builders' {@code toString()}. */
  @Override
  public String toString() {
    return "replicas=" + replicas + ", timeout=" + timeout.toMillis() + " ms";
  }
}
