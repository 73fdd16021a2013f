package io.pottery.internal.lock;

import io.pottery.Redlock;
import io.pottery.internal.quorum.ReplicaWait;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The settings of one {@link Redlock}.
 *
 * @param autoRelease how long a lease lasts unless extended
 * @param numExtensions how many {@code extend()} calls one acquisition allows
 * @param blocking whether {@code hold()} and {@code synchronize} wait
 * @param timeout how long they wait, or {@code null} for forever
 * @param onLeaseLost the watchdog's callback, or {@code null} when the watchdog is off
 * @param replicaWait the {@code waitForReplicas} setting for acquire and extend, or {@code null} for none
 */
record RedlockSettings(Duration autoRelease, int numExtensions, boolean blocking, Duration timeout,
    Consumer<? super Redlock> onLeaseLost, ReplicaWait replicaWait) {

  static final RedlockSettings DEFAULTS =
      new RedlockSettings(Redlock.DEFAULT_AUTO_RELEASE, Redlock.DEFAULT_NUM_EXTENSIONS, true, null, null, null);

  /** The auto-release time in whole milliseconds, as sent with {@code PX} (truncated, as Python pottery). */
  long autoReleaseMillis() {
    return autoRelease.toMillis();
  }

  /** The clock-drift allowance in milliseconds: 1% of the auto-release time plus 2 ms, as Python pottery. */
  double driftMillis() {
    return autoRelease.toMillis() * 0.01 + 2;
  }

  /** Whether the watchdog renews held leases. */
  boolean watchdog() {
    return onLeaseLost != null;
  }
}
