package io.pottery.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * A server the testkit did not start and must not disturb: one of the URLs in {@code POTTERY_TEST_REDIS}.
 * Tests share it (their {@link TestKey}s keep them apart); killing, pausing or restarting it would break
 * everyone else's tests, so those operations abort the calling test, which JUnit reports as skipped.
 */
final class ExternalRedis implements RedisNode {
  private final String uri;
  private final RawRedis.Endpoint endpoint;

  ExternalRedis(String uri) {
    this.uri = uri.trim();
    this.endpoint = RawRedis.Endpoint.parse(this.uri);
  }

  @Override
  public String host() {
    return endpoint.host();
  }

  @Override
  public int port() {
    return endpoint.port();
  }

  @Override
  public String uri(int database) {
    return RawRedis.Endpoint.withDatabase(uri, database);
  }

  @Override
  public long pid() {
    return unsupported("has no process id the tests may use");
  }

  @Override
  public boolean isRunning() {
    return true;
  }

  @Override
  public void kill() {
    unsupported("cannot be killed");
  }

  @Override
  public void restart() {
    unsupported("cannot be restarted");
  }

  @Override
  public void pause() {
    unsupported("cannot be paused");
  }

  @Override
  public void resume() {
    unsupported("cannot be resumed");
  }

  private <T> T unsupported(String what) {
    return Assumptions.abort(endpoint.redacted() + " is an external server (" + SourceSelection.ENV + ") that other tests"
        + " share: it " + what + ". Declare @WithRedis(controllable = true) to skip such tests up front; unset "
        + SourceSelection.ENV + " to let the testkit start servers it may control.");
  }

  @Override
  public String log() {
    return "(" + endpoint.redacted() + " is external: its log is on its own host)";
  }

  /** Leaves the shared server as it is: tests never flush it. */
  @Override
  public void close() {}
}
