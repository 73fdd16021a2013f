package io.pottery.internal.nextid;

import io.pottery.NextId;
import io.pottery.internal.structures.Backend;
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
    return new QuorumNextId(backend, key);
  }
}
