package io.pottery.internal.nextid;

import io.pottery.NextId;
import io.pottery.internal.quorum.ReplicaWait;
import io.pottery.internal.structures.Backend;
import java.time.Duration;
import java.util.Objects;

/** Internal, may change: creates {@link NextId}s for {@code ConnectedPottery}. */
public final class NextIds {
  /** Python pottery's default key. */
  public static final String DEFAULT_KEY = "current";

  private NextIds() {}

  /** The generator {@code nextid:<key>} (after the namespace) over the backend's masters. */
  public static NextId nextId(Backend backend, String key) {
    Objects.requireNonNull(key, "key");
    backend.requireOpen("NextId \"" + key + "\"");
    return ObservedNextId.create(backend, new QuorumNextId(backend, key, null));
  }

  /** Settings for the id generator {@code nextid:<key>}; {@link NextId.Builder#build()} makes it. */
  public static NextId.Builder builder(Backend backend, String key) {
    Objects.requireNonNull(key, "key");
    return new Builder(backend, key);
  }

  private static final class Builder implements NextId.Builder {
    private final Backend backend;
    private final String key;
    private ReplicaWait replicaWait;

    Builder(Backend backend, String key) {
      this.backend = Objects.requireNonNull(backend, "backend");
      this.key = key;
    }

    @Override
    public NextId.Builder waitForReplicas(int replicas, Duration timeout) {
      if (replicaWait != null) {
        throw new IllegalStateException("NextId \"" + key + "\": waitForReplicas was already set to " + replicaWait);
      }
      this.replicaWait = new ReplicaWait(replicas, timeout);
      return this;
    }

    @Override
    public NextId build() {
      backend.requireOpen("NextId \"" + key + "\"");
      return ObservedNextId.create(backend, new QuorumNextId(backend, key, replicaWait));
    }

    @Override
    public String toString() {
      return "NextId.Builder{key=" + key + (replicaWait == null ? "" : ", waitForReplicas=" + replicaWait) + "}";
    }
  }
}
