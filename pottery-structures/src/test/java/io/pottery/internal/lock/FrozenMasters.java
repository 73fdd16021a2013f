package io.pottery.internal.lock;

import io.pottery.testkit.RedisServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The masters a fault test froze with SIGSTOP, so that its {@code @AfterEach} thaws every one of them even when the
 * test failed halfway: a master left frozen would hang the next test that uses it.
 */
final class FrozenMasters {
  private final List<RedisServer> frozen = new ArrayList<>();

  /** Freezes {@code server} (SIGSTOP) and remembers it for {@link #resumeAll()}. */
  void pause(RedisServer server) {
    server.pause();
    frozen.add(server);
  }

  /** Thaws (SIGCONT) every master frozen since the last call. */
  void resumeAll() {
    for (RedisServer server : frozen) {
      server.resume();
    }
    frozen.clear();
  }
}
