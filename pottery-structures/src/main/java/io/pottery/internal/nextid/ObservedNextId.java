package io.pottery.internal.nextid;

import io.pottery.NextId;
import io.pottery.internal.instrument.Instrumentation;
import io.pottery.internal.instrument.Scope;
import io.pottery.internal.script.Script;
import io.pottery.internal.structures.Backend;
import java.util.concurrent.CompletionStage;

/**
 * A {@link QuorumNextId} whose draws ({@code next}) and resets ({@code reset}) are reported to the
 * {@code Pottery}'s listeners, each as one scope with its quorum rounds inside. Created only when a listener is
 * registered ({@link #create}); otherwise the plain generator runs and pays nothing.
 */
final class ObservedNextId implements NextId {
  private static final String TYPE = "NextId";

  private final QuorumNextId ids;
  private final Instrumentation instrumentation;

  private ObservedNextId(QuorumNextId ids, Instrumentation instrumentation) {
    this.ids = ids;
    this.instrumentation = instrumentation;
  }

  /** {@code ids}, observed when {@code backend} has listeners. */
  static NextId create(Backend backend, QuorumNextId ids) {
    Instrumentation instrumentation = backend.instrumentation();
    return instrumentation.enabled() ? new ObservedNextId(ids, instrumentation) : ids;
  }

  @Override
  public String key() {
    return ids.key();
  }

  @Override
  public String redisKey() {
    return ids.redisKey();
  }

  @Override
  public long nextLong() {
    Scope scope = instrumentation.start(TYPE, "next", ids.redisKey());
    try {
      long id = ids.nextLong();
      scope.success();
      return id;
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  /**
   * {@inheritDoc} Reported as a {@code next} when the stage completes. Its scope is detached: the shared round
   * that issued the id runs on its leader's thread, so it is reported inside the leader's scope, if any, as for a
   * blocking caller served by another caller's round.
   */
  @Override
  public CompletionStage<Long> nextAsync() {
    Scope scope = instrumentation.startDetached(TYPE, "next", ids.redisKey());
    return ids.nextAsync().whenComplete((id, error) -> {
      if (error != null) {
        scope.fail(Script.unwrap(error));
      } else {
        scope.success();
      }
    });
  }

  @Override
  public boolean hasNext() {
    // The instrumented NextId ends where the plain one does: at Long.MAX_VALUE.
    return ids.hasNext();
  }

  @Override
  public void reset() {
    Scope scope = instrumentation.start(TYPE, "reset", ids.redisKey());
    try {
      ids.reset();
      scope.success();
    } catch (RuntimeException | Error e) {
      scope.fail(e);
      throw e;
    }
  }

  @Override
  public String toString() {
    return ids.toString();
  }
}
