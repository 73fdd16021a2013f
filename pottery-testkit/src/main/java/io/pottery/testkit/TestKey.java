package io.pottery.testkit;

import java.util.UUID;

/**
 * A Redis key no other test uses, so tests need no flushing and may run in parallel on one server:
 * {@code test:<class>.<method>:<random>}.
 *
 * @param name the key
 * @since 0.1
 */
public record TestKey(String name) {

  /** A fresh key for the named test. */
  public static TestKey forTest(String testName) {
    return new TestKey("test:" + testName + ":" + UUID.randomUUID().toString().substring(0, 8));
  }

  /** A further key derived from this one, for tests that need several (e.g. set union operands). */
  public String derived(String suffix) {
    return name + ":" + suffix;
  }

  @Override
  public String toString() {
    return name;
  }
}
