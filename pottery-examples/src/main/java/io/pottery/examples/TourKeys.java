package io.pottery.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Redis keys one run of the tour creates, so that it can delete exactly those at the end: the tour may run
 * against a user's own Redis, where it must neither collide with nor leave behind anything. The random part is
 * a hash tag ({@code tour:{1a2b3c4d}:fruits}), so that on a Redis Cluster every key of one run is in one hash
 * slot and the steps that combine keys (set algebra, HyperLogLog merges) run there too.
 */
final class TourKeys {
  private final String prefix;
  private final List<String> created = new ArrayList<>();

  private TourKeys(String prefix) {
    this.prefix = prefix;
  }

  /** Keys under a fresh prefix, {@code tour:{<8 random hex digits>}:}: the random part is the hash tag. */
  static TourKeys fresh() {
    return new TourKeys("tour:{" + UUID.randomUUID().toString().substring(0, 8) + "}:");
  }

  /** The prefix every key of this run starts with, e.g. {@code tour:{1a2b3c4d}:}. */
  String prefix() {
    return prefix;
  }

  /** A key of this run, {@code <prefix><name>}, remembered for deletion. */
  String named(String name) {
    String key = prefix + name;
    track(key);
    return key;
  }

  /**
   * Remembers a key a structure derives from a named one, such as the {@code redlock:} keys of a lock, so
   * that it is deleted too.
   */
  void track(String key) {
    if (!created.contains(key)) {
      created.add(key);
    }
  }

  /** Every key remembered, in the order first seen. */
  List<String> created() {
    return List.copyOf(created);
  }
}
