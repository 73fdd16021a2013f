package io.pottery.bench.contenders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The raw contenders' quorum wait: counts the masters' replies to one fan-out as they arrive and wakes the caller
 * once a quorum said yes or can no longer say yes. No deadline: on loopback with healthy servers every master
 * answers, and the bench measures the happy path.
 */
final class Tally {
  private final int size;
  private final int quorum;
  private final Predicate<Object> isYes;
  private final List<Object> noReplies = new ArrayList<>();
  private int yes;
  private int other;
  private Throwable failure;

  Tally(int size, Predicate<Object> isYes) {
    this.size = size;
    this.quorum = size / 2 + 1;
    this.isYes = isYes;
  }

  void track(CompletionStage<?> reply) {
    reply.whenComplete(this::answer);
  }

  private synchronized void answer(Object reply, Throwable error) {
    if (error != null) {
      other++;
      failure = error;
    } else if (isYes.test(reply)) {
      yes++;
    } else {
      other++;
      noReplies.add(reply);
    }
    if (yes >= quorum || other > size - quorum) {
      notifyAll();
    }
  }

  /** Waits until decided; whether a quorum said yes. */
  synchronized boolean await() {
    boolean interrupted = false;
    while (yes < quorum && other <= size - quorum) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null && yes < quorum) {
      throw new IllegalStateException("a master failed", failure);
    }
    return yes >= quorum;
  }

  /** The replies that were not yes, so far. */
  synchronized List<Object> noReplies() {
    return new ArrayList<>(noReplies);
  }
}
