package io.pottery.instrumentation;

import java.util.List;
import java.util.Objects;

/**
 * One fan-out to every master of a quorum structure (Redlock, NextId, synchronize) and what each master
 * answered by the time the round was decided. Reported once per round, right after the caller stopped waiting.
 *
 * @param structure {@code Redlock} or {@code NextId}
 * @param key the full Redis key; user data, see {@link Operation#key()}
 * @param name what the round ran: the Lua script's name ({@code redlock-acquire}, {@code redlock-fence},
 *     {@code redlock-extend}, {@code redlock-release}, {@code redlock-locked}, {@code nextid-propose}) or the
 *     command ({@code DEL})
 * @param quorum how many yes answers make a quorum: n/2 + 1
 * @param achieved whether at least {@code quorum} masters said yes
 * @param timedOut whether the caller stopped waiting at the deadline, before the round was decided (then the
 *     {@link Answer#SILENT} masters did not answer in time; otherwise they were only not awaited)
 * @param elapsedNanos from sending to the decision (or the deadline), in nanoseconds
 * @param answers one per master, in the order the masters were given
 * @since 0.3
 */
public record QuorumRound(String structure, String key, String name, int quorum, boolean achieved, boolean timedOut,
    long elapsedNanos, List<MasterAnswer> answers) {

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public QuorumRound {
    Objects.requireNonNull(structure, "structure");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(name, "name");
    answers = List.copyOf(answers);
  }

  /** How many masters gave {@code answer}. */
  public int count(Answer answer) {
    int n = 0;
    for (MasterAnswer a : answers) {
      if (a.answer() == answer) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether failures, rather than other holders' answers, put the quorum out of reach: more masters failed
   * (or stayed silent past the deadline) than the quorum can spare.
   */
  public boolean quorumImpossible() {
    int unreachable = count(Answer.ERROR) + (timedOut ? count(Answer.SILENT) : 0);
    return unreachable > answers.size() - quorum;
  }

  /** What one master answered. */
  public enum Answer {
    /** It did what the round asked (set the lock, stored the ids, …). */
    YES,
    /** It answered, and refused: the lock is held by another, a higher id is stored, the lease is not ours. */
    NO,
    /** It failed: an error reply, a connection failure, a reply of the wrong shape. */
    ERROR,
    /** It had not answered when the round was decided or the deadline passed (e.g. a frozen server). */
    SILENT
  }

  /**
   * One master's answer.
   *
   * @param index the master's position in {@code Pottery.builder().masters(…)}, from 0
   * @param address {@code host:port} (a cluster's first seed); never a user name or password
   * @param answer what it answered
   */
  public record MasterAnswer(int index, String address, Answer answer) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code address} or {@code answer} is null
     */
    public MasterAnswer {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(answer, "answer");
    }
  }
}
