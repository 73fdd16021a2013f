package io.pottery.internal.quorum;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Internal, may change: how one round of a {@link QuorumFanOut} is judged and waited for.
 *
 * @param isYes tells a yes answer from a no; called on driver threads with each master's reply
 * @param deadline how long the caller waits at most (the fan-out bounds it by the command timeout)
 * @param stopEarly whether the round returns as soon as its outcome is decided; {@code false} waits for every
 *     master (or the deadline), for operations that must see every answer
 * @param after an earlier round on the same masters, or {@code null}: each master then gets this round's
 *     command only once it has answered that one (or failed to), so that a release never overtakes, on a slow
 *     master, the acquisition it undoes, even when the driver runs one server's commands on several sockets
 */
public record RoundOptions(Predicate<Object> isYes, Duration deadline, boolean stopEarly, Round after) {

  /**
   * Checks the options.
   *
   * @throws NullPointerException if {@code isYes} or {@code deadline} is null
   */
  public RoundOptions {
    Objects.requireNonNull(isYes, "isYes");
    Objects.requireNonNull(deadline, "deadline");
  }

  /** A round that returns as soon as a quorum said yes, or can no longer say yes, or the deadline passed. */
  public static RoundOptions untilDecided(Predicate<Object> isYes, Duration deadline) {
    return new RoundOptions(isYes, deadline, true, null);
  }

  /** A round that waits for every master's answer (or the deadline), for operations that need them all. */
  public static RoundOptions untilEveryAnswer(Predicate<Object> isYes, Duration deadline) {
    return new RoundOptions(isYes, deadline, false, null);
  }

  /** These options, sending to each master only after it answered {@code earlier} ({@code null}: at once). */
  public RoundOptions after(Round earlier) {
    return new RoundOptions(isYes, deadline, stopEarly, earlier);
  }

  /** Whether master {@code master} may be sent this round's command now: there is no earlier round to wait for. */
  boolean mayGoNow(int master) {
    return after == null || after.settled(master);
  }
}
