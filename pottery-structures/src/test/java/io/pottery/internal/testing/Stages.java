package io.pottery.internal.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waiting for the stages of the async API in tests: bounded (a stage that never completes fails the test instead
 * of hanging the build), and failures read as {@code join()} reports them.
 */
public final class Stages {
  /** Longer than any round a test runs, even on a loaded machine. */
  private static final long TIMEOUT_SECONDS = 30;

  private Stages() {}

  /**
   * The stage's value.
   *
   * @throws AssertionError if it failed or did not complete within 30 s
   */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("stage did not complete normally", e);
    }
  }

  /**
   * What the stage {@code call} returns failed with, unwrapped once: the async API fails with one {@link
   * CompletionException} around what the blocking twin throws.
   *
   * @throws AssertionError if the stage completed normally or not within 30 s
   */
  public static Throwable failure(Supplier<? extends CompletionStage<?>> call) {
    CompletionException e = assertThrows(CompletionException.class,
        () -> call.get().toCompletableFuture().orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).join());
    return e.getCause();
  }
}
