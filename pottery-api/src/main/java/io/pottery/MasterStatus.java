package io.pottery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one master answered to {@link Pottery#probe()}: whether it is up, how long its round trip took, and the
 * version of the server. A value: immutable, compared by its fields.
 *
 * <p>A master is <em>up</em> when it answered the probe within the command timeout, even with an error reply (a
 * server whose ACL forbids {@code INFO} still serves commands; its version is then unknown). It is <em>down</em>
 * when it could not be reached, the connection failed, no reply came within the command timeout, or, for a
 * {@code redis-cluster://} master, the cluster reports {@code cluster_state:fail} (it refuses commands then).
 *
 * @param uri the master's URI as {@link Pottery#masters()} shows it: redacted, never a password
 * @param up whether the master answered in time (see above)
 * @param latency the probe's round trip when up; when down, how long it took to know (at most the command
 *     timeout, plus scheduling)
 * @param serverVersion the server's {@code redis_version}, e.g. {@code 7.2.4}; empty when down, or when the server
 *     did not tell
 * @param failure why the master is down, e.g. {@code no reply in 2000 ms}; empty exactly when up. Never holds a
 *     password: Pottery's messages redact URIs
 * @since 0.3
 */
public record MasterStatus(String uri, boolean up, Duration latency, Optional<String> serverVersion,
    Optional<String> failure) {

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code latency} is negative, or {@code failure} is empty for a master that
   *     is down or present for one that is up
   */
  public MasterStatus {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(serverVersion, "serverVersion");
    Objects.requireNonNull(failure, "failure");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("MasterStatus " + uri + ": latency is negative: " + latency);
    }
    if (up == failure.isPresent()) {
      throw new IllegalArgumentException("MasterStatus " + uri + ": a master that is " + (up ? "up" : "down")
          + (up ? " has no failure, was " + failure.get() : " needs the failure that put it down"));
    }
  }

  /**
   * A master that answered.
   *
   * @param uri the redacted URI
   * @param latency the round trip
   * @param serverVersion the server's version, or {@code null} if it did not tell
   * @return the status
   * @throws NullPointerException if {@code uri} or {@code latency} is null
   * @throws IllegalArgumentException if {@code latency} is negative
   */
  public static MasterStatus up(String uri, Duration latency, String serverVersion) {
    return new MasterStatus(uri, true, latency, Optional.ofNullable(serverVersion), Optional.empty());
  }

  /**
   * A master that did not answer in time, or whose cluster reports a failure.
   *
   * @param uri the redacted URI
   * @param latency how long it took to know
   * @param failure why, for people; never a password
   * @return the status
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code latency} is negative
   */
  public static MasterStatus down(String uri, Duration latency, String failure) {
    return new MasterStatus(uri, false, latency, Optional.empty(), Optional.of(Objects.requireNonNull(failure, "failure")));
  }
}
