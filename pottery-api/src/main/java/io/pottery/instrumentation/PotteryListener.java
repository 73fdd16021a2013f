package io.pottery.instrumentation;

/**
 * Observes what Pottery's structures do, for metrics and tracing: operations with their outcome, quorum rounds
 * with each master's answer, and lock, NextId and cache events. Every method has an empty default, so an
 * implementation overrides only what it uses.
 *
 * <p><b>Scopes.</b> {@link #started} is called when a user-visible operation begins and returns this
 * listener's context for it (a timer sample, a tracing observation, or {@code null}). Pottery hands that same
 * context back to {@link #round} and {@link #event} for what happens inside the operation, and to
 * {@link #stopped} once, when it ends; so one lock acquisition is one scope with its quorum rounds inside.
 * Work that belongs to no operation (the Redlock watchdog's renewals) is reported with a {@code null} context.
 * Operations nest (a memoized call's Redis round trips run inside it); a listener that keeps a per-thread
 * current scope (as Micrometer's {@code Observation.openScope()} does) sees them in order.
 *
 * <p><b>Registration.</b> On {@code Pottery.builder().listener(…)}, several allowed, called in the order given;
 * and through {@link java.util.ServiceLoader} under {@code META-INF/services/io.pottery.instrumentation.PotteryListener}
 * (public no-argument constructor), after those given to the builder. With none registered, Pottery does no
 * instrumentation work at all.
 *
 * <p><b>Threads and failures.</b> Called on the thread doing the work (the caller's, or the watchdog's), so
 * keep methods short and non-blocking; implementations must be thread-safe. An exception a method throws is
 * logged and swallowed (it never changes what the operation returns), and the other listeners still run.
 *
 * <p><b>Privacy.</b> Keys ({@link Operation#key()}) are user data of unbounded cardinality; master addresses
 * are {@code host:port} only. Nothing reported ever carries a password.
 *
 * @param <C> this listener's per-operation context
 * @since 0.3
 */
public interface PotteryListener<C> {

  /**
   * An operation begins, on the calling thread.
   *
   * @return the context Pottery passes back for this operation, or {@code null}
   */
  default C started(Operation operation) {
    return null;
  }

  /**
   * A quorum round inside the operation whose context is given (or inside none: {@code null}) was decided.
   *
   * @param context what {@link #started} returned for the enclosing operation, or {@code null}
   */
  default void round(C context, QuorumRound round) {}

  /**
   * A lock, NextId or cache event happened inside the operation whose context is given (or inside none).
   *
   * @param context what {@link #started} returned for the enclosing operation, or {@code null}
   */
  default void event(C context, PotteryEvent event) {}

  /**
   * The operation ended; called once per {@link #started}, on the same thread.
   *
   * @param context what {@link #started} returned
   * @param outcome how it ended
   * @param error the exception it ended with (the caller sees it too), or {@code null}
   */
  default void stopped(C context, Operation operation, Outcome outcome, Throwable error) {}
}
