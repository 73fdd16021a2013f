package io.pottery.examples;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The README's Redlock, synchronize and NextId examples. Each region between {@code // snippet:<name>} and
 * {@code // end-snippet} is shown in README.md under {@code <!-- snippet:<name> -->}; ReadmeTest checks that,
 * and QuorumExamplesTest runs these methods on five masters with every driver and codec.
 */
final class QuorumExamples {
  private QuorumExamples() {}

  /** A resource that refuses writes from stale lock holders: it remembers the highest fencing token seen. */
  static final class FencedStore {
    private final ConcurrentHashMap<String, Long> highest = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

    /** Writes {@code value} unless a write with a higher token came first; says whether it wrote. */
    boolean write(String name, String value, long token) {
      boolean[] accepted = {false};
      highest.compute(name, (k, seen) -> {
        if (seen != null && token < seen) {
          return seen;
        }
        accepted[0] = true;
        values.put(name, value);
        return token;
      });
      return accepted[0];
    }

    String get(String name) {
      return values.get(name);
    }
  }

  private static void print(String document) {
    if (document.isEmpty()) {
      throw new IllegalArgumentException("nothing to print");
    }
  }

  /** Holds the lock {@code printerKey} with {@code hold()}, then with the Lock API; returns the validity seen. */
  static Duration redlock(Pottery pottery, String printerKey) {
    String document = "report.pdf";
    // snippet:redlock
    Redlock printer = pottery.redlock(printerKey);           // key redlock:<printerKey> on every master
    try (Redlock.Held held = printer.hold()) {               // waits until a quorum grants it
      print(document);                                       // critical section
      Duration left = printer.locked();                      // about 9.89 s of the 10 s lease remain
      printer.extend();                                      // back to 10 s; 3 extensions per acquisition
    }                                                        // released on every master
    // end-snippet
    Duration seen = pottery.redlock(printerKey).locked();

    // snippet:redlock-lock
    Redlock lock = pottery.redlockBuilder(printerKey)
        .autoRelease(Duration.ofSeconds(30))                 // lease length, default 10 s
        .watchdog(lost -> System.err.println("lost " + lost)) // optional: renew while held
        .build();
    if (lock.tryLock()) {                                    // java.util.concurrent.locks.Lock
      try {
        print(document);
      } finally {
        lock.unlock();
      }
    }
    // end-snippet
    return seen;
  }

  /** Writes to {@code store} with the fencing token of a lease on {@code reportKey}; returns whether it was accepted. */
  static boolean fencing(Pottery pottery, String reportKey, FencedStore store) {
    // snippet:fencing
    Redlock reportLock = pottery.redlock(reportKey);
    try (Redlock.Held held = reportLock.hold()) {
      long token = held.fencingToken();                     // greater than every earlier holder's token
      boolean accepted = store.write("report", "v2", token); // the store refuses tokens below the highest seen
      return accepted;
    }
    // end-snippet
  }

  /** Runs code under the lock {@code jobKey}; returns {@code [42, 7]} and adds "ran alone" to {@code log}. */
  static List<Integer> synchronize(Pottery pottery, String jobKey, List<String> log) {
    // snippet:synchronize
    int total = pottery.synchronize(jobKey, () -> 6 * 7);    // under a fresh Redlock on jobKey
    pottery.synchronize(jobKey, () -> log.add("ran alone"));
    Function<String, Integer> lengthAlone = pottery.redlockBuilder(jobKey)
        .timeout(Duration.ofSeconds(5))                      // QuorumNotAchieved after 5 s of waiting
        .wrap(String::length);                               // each call takes the lock afresh
    int length = lengthAlone.apply("pottery");
    // end-snippet
    return List.of(total, length);
  }

  /** Two ids from the sequence {@code tweetIds}. */
  static List<Long> nextId(Pottery pottery, String tweetIds) {
    // snippet:nextid
    NextId ids = pottery.nextId(tweetIds);                   // key nextid:<tweetIds> on every master
    long first = ids.nextLong();                             // 1 on a new key
    long second = ids.nextLong();                            // greater, for every caller in every process
    // end-snippet
    return List.of(first, second);
  }
}
