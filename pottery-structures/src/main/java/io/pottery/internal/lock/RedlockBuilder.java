package io.pottery.internal.lock;

import io.pottery.Redlock;
import io.pottery.internal.quorum.ReplicaWait;
import io.pottery.internal.structures.Backend;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Internal, may change: creates {@link Redlock}s for {@code ConnectedPottery}, and is the {@link
 * Redlock.Builder} behind {@code Pottery.redlockBuilder}. Each setting may be given once (a second call quotes
 * the first value); bad values fail at once with {@link IllegalArgumentException}.
 */
public final class RedlockBuilder implements Redlock.Builder {
  private static final Duration MIN_AUTO_RELEASE = Duration.ofMillis(10);

  private final Backend backend;
  private final String key;
  private Duration autoRelease;
  private Integer numExtensions;
  private Boolean blocking;
  private Duration timeout;
  private Consumer<? super Redlock> onLeaseLost;
  private ReplicaWait replicaWait;

  private RedlockBuilder(Backend backend, String key) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.key = Objects.requireNonNull(key, "key");
  }

  /** A builder for the lock {@code key} (the name the user gave; the namespace is added by the lock). */
  public static Redlock.Builder builder(Backend backend, String key) {
    return new RedlockBuilder(backend, key);
  }

  /** A lock with the default settings. */
  public static Redlock redlock(Backend backend, String key) {
    Objects.requireNonNull(key, "key");
    backend.requireOpen("Redlock \"" + key + "\"");
    return ObservedRedlock.create(backend, key, RedlockSettings.DEFAULTS);
  }

  @Override
  public Redlock.Builder autoRelease(Duration autoRelease) {
    requireUnset("autoRelease", this.autoRelease);
    Objects.requireNonNull(autoRelease, "autoRelease");
    if (autoRelease.compareTo(MIN_AUTO_RELEASE) < 0) {
      throw new IllegalArgumentException("Redlock \"" + key + "\": autoRelease must be at least 10 ms, was " + autoRelease);
    }
    this.autoRelease = autoRelease;
    return this;
  }

  @Override
  public Redlock.Builder numExtensions(int numExtensions) {
    requireUnset("numExtensions", this.numExtensions);
    if (numExtensions < 0) {
      throw new IllegalArgumentException("Redlock \"" + key + "\": numExtensions must be 0 or more, was " + numExtensions);
    }
    this.numExtensions = numExtensions;
    return this;
  }

  @Override
  public Redlock.Builder blocking(boolean blocking) {
    requireUnset("blocking", this.blocking);
    this.blocking = blocking;
    return this;
  }

  @Override
  public Redlock.Builder timeout(Duration timeout) {
    requireUnset("timeout", this.timeout);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("Redlock \"" + key + "\": timeout must not be negative, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  @Override
  public Redlock.Builder watchdog(Consumer<? super Redlock> onLeaseLost) {
    requireUnset("watchdog", this.onLeaseLost);
    this.onLeaseLost = Objects.requireNonNull(onLeaseLost, "onLeaseLost");
    return this;
  }

  @Override
  public Redlock.Builder waitForReplicas(int replicas, Duration timeout) {
    requireUnset("waitForReplicas", this.replicaWait);
    this.replicaWait = new ReplicaWait(replicas, timeout);
    return this;
  }

  private void requireUnset(String setting, Object value) {
    if (value != null) {
      throw new IllegalStateException("Redlock \"" + key + "\": " + setting + " was already set to " + value);
    }
  }

  private RedlockSettings settings() {
    if (Boolean.FALSE.equals(blocking) && timeout != null) {
      throw new IllegalStateException("Redlock \"" + key + "\": a timeout needs blocking = true (as in Python pottery)");
    }
    RedlockSettings d = RedlockSettings.DEFAULTS;
    return new RedlockSettings(autoRelease == null ? d.autoRelease() : autoRelease,
        numExtensions == null ? d.numExtensions() : numExtensions,
        blocking == null ? d.blocking() : blocking, timeout, onLeaseLost, replicaWait);
  }

  @Override
  public Redlock build() {
    backend.requireOpen("Redlock \"" + key + "\"");
    return ObservedRedlock.create(backend, key, settings());
  }

  @Override
  public <T> T synchronize(Supplier<T> body) {
    Objects.requireNonNull(body, "body");
    try (Redlock.Held held = build().hold()) {
      return body.get();
    }
  }

  @Override
  public <T, R> Function<T, R> wrap(Function<T, R> function) {
    Objects.requireNonNull(function, "function");
    RedlockSettings settings = settings();
    return argument -> {
      backend.requireOpen("Redlock \"" + key + "\"");
      try (Redlock.Held held = ObservedRedlock.create(backend, key, settings).hold()) {
        return function.apply(argument);
      }
    };
  }

  /** Lists only the settings given. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Redlock.Builder{key=").append(key);
    if (autoRelease != null) { sb.append(", autoRelease=").append(autoRelease); }
    if (numExtensions != null) { sb.append(", numExtensions=").append(numExtensions); }
    if (blocking != null) { sb.append(", blocking=").append(blocking); }
    if (timeout != null) { sb.append(", timeout=").append(timeout); }
    if (onLeaseLost != null) { sb.append(", watchdog=on"); }
    if (replicaWait != null) { sb.append(", waitForReplicas=").append(replicaWait); }
    return sb.append('}').toString();
  }
}
