package io.pottery.testkit;

/**
 * What a {@link RedisServer} runs on: a local process, a Docker container, an external server, or (as the
 * first master of a cluster cell) the shared Redis Cluster. The
 * operations an implementation cannot perform abort the calling test (JUnit reports it skipped, with the
 * reason) rather than fail it.
 */
interface RedisNode {

  /** The host clients connect to. */
  String host();

  /** The TCP port clients connect to. */
  int port();

  /** The server's URI for {@code database}, credentials included (clients need them). */
  String uri(int database);

  /** The operating-system process id of the server. */
  long pid();

  /** Whether the server's process or container is alive (a paused one is). */
  boolean isRunning();

  /** Kills the server at once (SIGKILL); idempotent. */
  void kill();

  /** Starts a killed server again on the same port, empty. */
  void restart();

  /** Freezes the server (SIGSTOP): connections are accepted but nothing is answered. */
  void pause();

  /** Thaws a paused server (SIGCONT). */
  void resume();

  /** The server's log so far, for failure messages. */
  String log();

  /** Stops the server and releases what it holds; idempotent. */
  void close();
}
