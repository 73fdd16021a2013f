package io.pottery.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * A chosen source of servers and what it needs to start them.
 *
 * @param source the kind of source
 * @param description what it is, for the log and messages, e.g. {@code redis-server from the PATH (/usr/bin/redis-server)}
 * @param externalUris for {@link RedisSource#EXTERNAL}: the servers' URIs, credentials included; else empty
 * @param executable for {@link RedisSource#PATH} and {@link RedisSource#EMBEDDED}: the binary; else {@code null}
 */
record ServerSupply(RedisSource source, String description, List<String> externalUris, Path executable) {

  ServerSupply {
    externalUris = List.copyOf(externalUris);
  }

  /**
   * Why this supply cannot give a test class what it asks for, if it cannot: servers it may control, or more
   * independent masters than the external URLs provide. A test class with such a gap is skipped with this
   * reason.
   */
  Optional<String> gap(int masters, boolean controllable) {
    if (controllable && !source.controllable()) {
      return Optional.of("needs Redis servers it may kill, pause or restart, but the tests use " + description
          + ", which other tests share. Unset " + SourceSelection.ENV + " (or run with -D" + SourceSelection.PROPERTY
          + "=path or =embedded) to run it.");
    }
    if (source == RedisSource.EXTERNAL && masters > externalUris.size()) {
      return Optional.of("needs " + masters + " independent Redis masters, but " + description + " gives "
          + externalUris.size() + ". List " + masters + " redis:// URLs separated by commas in "
          + SourceSelection.ENV + ", or unset it to let the testkit start its own.");
    }
    return Optional.empty();
  }

  /**
   * Starts (or, for external servers, checks) {@code count} servers; on failure closes those already started.
   *
   * @throws org.opentest4j.TestAbortedException if external servers are fewer than {@code count}
   * @throws IllegalStateException if a server does not start or an external one does not answer
   */
  RedisServers start(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    gap(count, false).ifPresent(gap -> Assumptions.abort("RedisServers.start(" + count + ") " + gap));
    List<RedisServer> started = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        started.add(new RedisServer(source, startOne(i)));
      }
    } catch (RuntimeException e) {
      started.forEach(RedisServer::close);
      throw e;
    }
    return new RedisServers(started, source);
  }

  private RedisNode startOne(int index) {
    switch (source) {
      case EXTERNAL:
        return checked(new ExternalRedis(externalUris.get(index)));
      case DOCKER:
        return DockerRedis.start();
      case PATH:
      case EMBEDDED:
        return RedisProcess.start(executable);
      default:
        throw new IllegalStateException("Unknown source " + source);
    }
  }

  private static ExternalRedis checked(ExternalRedis server) {
    try (RawRedis raw = RawRedis.connect(server.uri(0))) {
      raw.call("PING");
    } catch (RuntimeException e) {
      throw new IllegalStateException("The external Redis " + RawRedis.Endpoint.parse(server.uri(0)).redacted()
          + " from " + SourceSelection.ENV + " does not answer PING: " + e.getMessage()
          + ". Start it, fix the URL, or unset " + SourceSelection.ENV + " to let the testkit start servers.", e);
    }
    return server;
  }

  /** The external URIs without credentials, for messages. */
  static String redacted(List<String> uris) {
    return uris.stream().map(uri -> RawRedis.Endpoint.parse(uri).redacted()).collect(Collectors.joining(", "));
  }
}
