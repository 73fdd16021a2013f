package io.pottery.internal.testing;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.RedisMap;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A second JVM for the quorum tests, started with the test class path. {@code lock <driver> <key> <threads>
 * <perThread> <uri>...}: each thread increments the counter {@code <key>:counter} (a plain get-then-put on a
 * RedisMap, not atomic by itself) under one shared Redlock on {@code <key>}. {@code nextid <driver> <key>
 * <threads> <perThread> <uri>...}: each thread prints {@code <thread> <id>} per id. Prints {@code done} last.
 */
public final class QuorumWorkerMain {
  private QuorumWorkerMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String driver = args[1];
    String key = args[2];
    int threads = Integer.parseInt(args[3]);
    int perThread = Integer.parseInt(args[4]);
    String[] uris = java.util.Arrays.copyOfRange(args, 5, args.length);
    PrintStream out = System.out;
    try (Pottery pottery = Pottery.builder().masters(uris).driver(driver).codec("jackson").build()) {
      List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
      CountDownLatch done = new CountDownLatch(threads);
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      Redlock lock = pottery.redlock(key);
      NextId ids = pottery.nextId(key);
      RedisMap<String, Integer> counter = pottery.map(key + ":counter", String.class, Integer.class);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        new Thread(() -> {
          try {
            for (int i = 0; i < perThread; i++) {
              if (mode.equals("lock")) {
                increment(lock, counter);
              } else {
                lines.add("child-" + thread + " " + ids.nextLong());
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          } finally {
            done.countDown();
          }
        }).start();
      }
      done.await();
      for (String line : lines) {
        out.println(line);
      }
      for (Throwable failure : failures) {
        failure.printStackTrace(out);
      }
      out.println(failures.isEmpty() ? "done" : "failed");
    }
  }

  /** The unprotected read-modify-write that loses updates unless the lock excludes every other holder. */
  public static void increment(Redlock lock, RedisMap<String, Integer> counter) {
    lock.lock();
    try {
      Integer n = counter.get("n");
      counter.put("n", n == null ? 1 : n + 1);
    } finally {
      lock.unlock();
    }
  }

  /** Starts this class in a new JVM with the test class path. */
  public static Process start(String... args) throws java.io.IOException {
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(QuorumWorkerMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
