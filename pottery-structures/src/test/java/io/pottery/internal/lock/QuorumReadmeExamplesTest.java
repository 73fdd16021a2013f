package io.pottery.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.Redlock;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The README's Redlock, synchronize and NextId examples: each region between {@code // snippet:<name>} and
 * {@code // end-snippet} appears in README.md under {@code <!-- snippet:<name> -->} (up to indentation), and
 * runs here on five masters, on every driver and codec.
 */
@WithRedis(masters = 5)
class QuorumReadmeExamplesTest {

  /** A resource that refuses writes from stale lock holders, as the README describes. */
  static final class FencedStore {
    private final ConcurrentHashMap<String, Long> highest = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

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
  }

  static void print(String document) {
    assertThat(document).isNotEmpty();
  }

  @MatrixTest
  void redlock(Pottery pottery, TestKey key) {
    String printerKey = key.name();
    String document = "report.pdf";
    // snippet:redlock
    Redlock printer = pottery.redlock(printerKey);           // key redlock:<printerKey> on every master
    try (Redlock.Held held = printer.hold()) {               // waits until a quorum grants it
      print(document);                                       // critical section
      Duration left = printer.locked();                      // about 9.89 s of the 10 s lease remain
      printer.extend();                                      // back to 10 s; 3 extensions per acquisition
    }                                                        // released on every master
    // end-snippet

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
    assertThat(printer.locked()).isEqualTo(Duration.ZERO);
  }

  @MatrixTest
  void fencing(Pottery pottery, TestKey key) {
    FencedStore store = new FencedStore();
    String reportKey = key.name();
    // snippet:fencing
    Redlock reportLock = pottery.redlock(reportKey);
    try (Redlock.Held held = reportLock.hold()) {
      long token = held.fencingToken();                     // greater than every earlier holder's token
      boolean accepted = store.write("report", "v2", token); // the store refuses tokens below the highest seen
    }
    // end-snippet
    assertThat(store.write("report", "stale", 0)).isFalse();
  }

  @MatrixTest
  void synchronize(Pottery pottery, TestKey key) {
    String jobKey = key.name();
    List<String> log = new ArrayList<>();
    // snippet:synchronize
    int total = pottery.synchronize(jobKey, () -> 6 * 7);    // under a fresh Redlock on jobKey
    pottery.synchronize(jobKey, () -> log.add("ran alone"));
    Function<String, Integer> lengthAlone = pottery.redlockBuilder(jobKey)
        .timeout(Duration.ofSeconds(5))                      // QuorumNotAchieved after 5 s of waiting
        .wrap(String::length);                               // each call takes the lock afresh
    int length = lengthAlone.apply("pottery");
    // end-snippet
    assertThat(total).isEqualTo(42);
    assertThat(log).containsExactly("ran alone");
    assertThat(length).isEqualTo(7);
  }

  @MatrixTest
  void nextId(Pottery pottery, TestKey key) {
    String tweetIds = key.name();
    // snippet:nextid
    NextId ids = pottery.nextId(tweetIds);                   // key nextid:<tweetIds> on every master
    long first = ids.nextLong();                             // 1 on a new key
    long second = ids.nextLong();                            // greater, for every caller in every process
    // end-snippet
    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
  }

  @Test
  void everySnippetIsInTheReadme() throws Exception {
    Path source = Path.of("src/test/java/io/pottery/internal/lock/QuorumReadmeExamplesTest.java");
    Path readme = Path.of("../README.md");
    List<String> code = Files.readAllLines(source, StandardCharsets.UTF_8);
    String doc = normalize(Files.readString(readme, StandardCharsets.UTF_8));
    int found = 0;
    for (int i = 0; i < code.size(); i++) {
      String line = code.get(i).trim();
      if (line.startsWith("// snippet:")) {
        String name = line.substring("// snippet:".length());
        StringBuilder snippet = new StringBuilder();
        for (int j = i + 1; !code.get(j).trim().equals("// end-snippet"); j++) {
          snippet.append(code.get(j).trim()).append('\n');
        }
        assertThat(doc).as("README.md snippet " + name).contains("<!-- snippet:" + name + " -->\n```java\n" + snippet + "```");
        found++;
      }
    }
    assertThat(found).isEqualTo(5);
  }

  private static String normalize(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(line.trim()).append('\n');
    }
    return out.toString();
  }
}
