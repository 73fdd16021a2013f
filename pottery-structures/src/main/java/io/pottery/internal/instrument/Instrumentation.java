package io.pottery.internal.instrument;

import io.pottery.instrumentation.Operation;
import io.pottery.instrumentation.Outcome;
import io.pottery.instrumentation.PotteryEvent;
import io.pottery.instrumentation.PotteryListener;
import io.pottery.instrumentation.QuorumRound;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Internal, may change: the listeners of one {@code Pottery} and the scope of the operation running on each
 * thread. Structures call {@link #start} around a user-visible operation and report quorum rounds and events in
 * between; rounds and events attach to the thread's current scope (the innermost operation started and not yet
 * stopped on that thread), so the quorum fan-out needs no scope passed down to it.
 *
 * <p>{@link #NONE} (no listener) answers {@link #enabled()} false and {@link #start} with {@link Scope#NONE};
 * every other method returns at once. Thread-safe. A listener's exception is logged at WARNING and swallowed.
 */
public final class Instrumentation {
  private static final System.Logger LOG = System.getLogger("io.pottery.instrumentation");

  /** No listener: nothing is done, nothing is allocated. */
  public static final Instrumentation NONE = new Instrumentation(List.of(), List.of());

  private final PotteryListener<Object>[] listeners;
  private final List<String> addresses;
  private final boolean enabled;
  private final ThreadLocal<Scope> current = new ThreadLocal<>();

  @SuppressWarnings("unchecked")
  private Instrumentation(List<PotteryListener<?>> listeners, List<String> addresses) {
    this.listeners = listeners.toArray(new PotteryListener[0]);
    this.addresses = List.copyOf(addresses);
    this.enabled = this.listeners.length > 0;
  }

  /**
   * The instrumentation for these listeners, or {@link #NONE} when there is none.
   *
   * @param addresses each master's {@code host:port}, in order, for quorum rounds
   */
  public static Instrumentation of(List<PotteryListener<?>> listeners, List<String> addresses) {
    return listeners.isEmpty() ? NONE : new Instrumentation(listeners, addresses);
  }

  /** Whether any listener is registered; call sites check it before building anything to report. */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Starts an operation on this thread; {@link Scope#NONE} when disabled. The caller must stop it (on this
   * thread) exactly once: {@link Scope#success()}, {@link Scope#stop(Outcome)} or {@link Scope#fail}.
   */
  public Scope start(String structure, String name, String key) {
    if (!enabled) {
      return Scope.NONE;
    }
    Operation operation = new Operation(structure, name, key);
    Scope scope = new Scope(this, operation, started(operation), current.get());
    current.set(scope);
    return scope;
  }

  /**
   * Starts an operation whose end another thread reports (an async stage): as {@link #start}, but the scope is
   * not made this thread's current one, so it neither nests under nor hides the caller's other operations, and
   * quorum rounds are not attributed to it. The stage's completion must stop it exactly once.
   */
  public Scope startDetached(String structure, String name, String key) {
    if (!enabled) {
      return Scope.NONE;
    }
    Operation operation = new Operation(structure, name, key);
    return new Scope(this, operation, started(operation), null);
  }

  /** Tells every listener {@code operation} started; their contexts, in listener order (null where one threw). */
  private Object[] started(Operation operation) {
    Object[] contexts = new Object[listeners.length];
    for (int i = 0; i < listeners.length; i++) {
      try {
        contexts[i] = listeners[i].started(operation);
      } catch (RuntimeException e) {
        warn(listeners[i], "started", e);
      }
    }
    return contexts;
  }

  void stopped(Scope scope, Outcome outcome, Throwable error) {
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].stopped(scope.contexts[i], scope.operation, outcome, error);
      } catch (RuntimeException e) {
        warn(listeners[i], "stopped", e);
      }
    }
    if (current.get() == scope) {
      if (scope.parent == null) {
        current.remove();
      } else {
        current.set(scope.parent);
      }
    }
  }

  /**
   * Reports a decided quorum round to the current scope (or to none). Rounds nobody waited for (a zero deadline:
   * the undo of a failed lock attempt) are not reported: their masters are silent only because nobody listened.
   *
   * @param description the fan-out's structure, e.g. {@code Redlock "printer"}: its first word is the type
   * @param name the script or command name; a script's resource path is cut to its file name without {@code .lua}
   * @param keys the round's keys; the first is reported
   * @param answers each master's answer, by index
   */
  public void round(String description, String name, List<byte[]> keys, Duration deadline, boolean achieved,
      boolean timedOut, int quorum, long elapsedNanos, IntFunction<QuorumRound.Answer> answers) {
    if (!enabled || deadline.isZero()) {
      return;
    }
    List<QuorumRound.MasterAnswer> list = new ArrayList<>(addresses.size());
    for (int i = 0; i < addresses.size(); i++) {
      list.add(new QuorumRound.MasterAnswer(i, addresses.get(i), answers.apply(i)));
    }
    int space = description.indexOf(' ');
    String structure = space < 0 ? description : description.substring(0, space);
    String key = keys.isEmpty() ? "" : new String(keys.get(0), StandardCharsets.UTF_8);
    QuorumRound round = new QuorumRound(structure, key, shortName(name), quorum, achieved, timedOut, elapsedNanos, list);
    Scope scope = current.get();
    if (scope != null) {
      scope.record(round);
    }
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].round(scope == null ? null : scope.contexts[i], round);
      } catch (RuntimeException e) {
        warn(listeners[i], "round", e);
      }
    }
  }

  /** {@code io/pottery/internal/lock/redlock-acquire.lua} → {@code redlock-acquire}; other names unchanged. */
  static String shortName(String name) {
    int slash = name.lastIndexOf('/');
    String file = slash < 0 ? name : name.substring(slash + 1);
    return file.endsWith(".lua") ? file.substring(0, file.length() - 4) : file;
  }

  /** Reports an event to the current scope of this thread (or to none). */
  public void event(PotteryEvent.Kind kind, String structure, String key, long count, long nanos) {
    if (!enabled) {
      return;
    }
    PotteryEvent event = new PotteryEvent(kind, structure, key, count, nanos);
    Scope scope = current.get();
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].event(scope == null ? null : scope.contexts[i], event);
      } catch (RuntimeException e) {
        warn(listeners[i], "event", e);
      }
    }
  }

  private static void warn(PotteryListener<?> listener, String method, RuntimeException e) {
    LOG.log(Level.WARNING, "instrumentation listener " + listener.getClass().getName() + "." + method
        + " failed; the operation goes on", e);
  }
}
