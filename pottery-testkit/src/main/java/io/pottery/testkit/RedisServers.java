package io.pottery.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A group of Redis servers for one test class, started together and closed together: one for collection
 * tests, five for Redlock quorum tests. {@link WithRedis} gives each test class its own; tests that need
 * servers of their own start them here and close them.
 *
 * @since 0.1
 */
public final class RedisServers implements AutoCloseable {
  private final List<RedisServer> servers;
  private final RedisSource source;

  RedisServers(List<RedisServer> servers, RedisSource source) {
    this.servers = Collections.unmodifiableList(List.copyOf(servers));
    this.source = source;
  }

  /**
   * Starts {@code count} servers from this JVM's {@link RedisSource#selected() selected source}, closing the
   * ones already started if a later one fails. Each is an independent master.
   *
   * @throws IllegalArgumentException if {@code count} is below 1
   * @throws IllegalStateException if no source of servers is available (the message says how to install
   *     Redis) or a server does not start
   * @throws org.opentest4j.TestAbortedException if the source is external and lists fewer than {@code count}
   *     servers: the calling test is skipped, with the reason
   */
  public static RedisServers start(int count) {
    return SourceSelection.byDefault().require().start(count);
  }

  /**
   * Starts {@code count} servers from the given source, e.g. {@link RedisSource#EMBEDDED} to run on Redis 6.2
   * whatever else the machine has.
   *
   * @throws IllegalArgumentException if {@code count} is below 1
   * @throws IllegalStateException if that source is not available here (the message says why) or a server
   *     does not start
   * @throws org.opentest4j.TestAbortedException if the source is external and lists fewer than {@code count}
   *     servers
   */
  public static RedisServers start(int count, RedisSource source) {
    return SourceSelection.of(Objects.requireNonNull(source, "source")).require().start(count);
  }

  /** Where these servers come from. */
  public RedisSource source() {
    return source;
  }

  /** The servers, in start order. */
  public List<RedisServer> all() {
    return servers;
  }

  /** The first server. */
  public RedisServer first() {
    return servers.get(0);
  }

  /**
   * The server at {@code index}.
   *
   * @throws IndexOutOfBoundsException if there is no such server
   */
  public RedisServer get(int index) {
    return servers.get(index);
  }

  /** How many servers there are. */
  public int size() {
    return servers.size();
  }

  /** Every server's {@code redis://} URI (database 0), in order, credentials included. */
  public String[] uris() {
    return servers.stream().map(RedisServer::uri).toArray(String[]::new);
  }

  /**
   * The lowest version among the servers, for tests that depend on a Redis feature; see also
   * {@link RequiresRedis}.
   *
   * @throws io.pottery.RedisConnectionException if a server cannot be reached
   */
  public RedisVersion version() {
    return servers.stream().map(RedisServer::version).min(RedisVersion::compareTo).orElseThrow();
  }

  /** Stops every server, even if stopping one fails. Idempotent. */
  @Override
  public void close() {
    RedisServer.closeAll(servers);
  }

  /** The servers, without credentials. */
  @Override
  public String toString() {
    return "RedisServers" + RedisServer.redacted(servers) + " from " + source.name().toLowerCase(java.util.Locale.ROOT);
  }
}
