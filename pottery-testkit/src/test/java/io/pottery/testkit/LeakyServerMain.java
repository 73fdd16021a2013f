package io.pottery.testkit;

/**
 * A test JVM that starts a server and never closes it, for the cleanup tests: with {@code exit} it exits at
 * once (the shutdown hook must kill the server); with {@code hang} it waits to be SIGKILLed (no hook runs,
 * and the next JVM's orphan sweep must kill the server). Prints {@code pid port} of the server first.
 */
final class LeakyServerMain {

  private LeakyServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    RedisServer server = RedisServers.start(1, RedisSource.valueOf(args[1])).first();
    System.out.println(server.pid() + " " + server.port());
    System.out.flush();
    if (args[0].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(120_000);
  }
}
