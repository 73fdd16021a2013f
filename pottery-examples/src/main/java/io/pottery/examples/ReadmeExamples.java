package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import java.util.List;
import java.util.Map;

/**
 * The README's Java examples. Each region between {@code // snippet:<name>} and {@code // end-snippet} is
 * shown in README.md under {@code <!-- snippet:<name> -->}, character for character up to indentation;
 * ReadmeTest checks that, and runs these methods on every driver and codec.
 */
final class ReadmeExamples {
  private ReadmeExamples() {}

  /** The quick start: connect, write, read. Leaves the hash {@code tel} behind for the test to read. */
  static void quickStart(String redisUrl) {
    // snippet:quickstart
    try (Pottery pottery = Pottery.connect(redisUrl)) {  // e.g. "redis://localhost:6379/0"
      RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
      tel.put("jack", 4098);
      tel.put("sape", 4139);
      tel.merge("guido", 1, Integer::sum);     // atomic: a counter every JVM (and Python) can share
      System.out.println(tel.get("jack"));     // 4098
    }
    // end-snippet
  }

  /** The RedisMap section; returns what {@code getAll} read. */
  static Map<String, Integer> redisMap(Pottery pottery) {
    // snippet:redismap
    RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
    tel.put("jack", 4098);                   // stored as field "\"jack\"", value "4098": Python's bytes
    tel.putIfAbsent("sape", 4139);           // null: it was absent, now written (atomic)
    tel.putIfAbsent("jack", 1);              // 4098: present, nothing written
    tel.replace("sape", 4139, 4140);         // true: compare-and-set (atomic)
    tel.merge("visits", 1, Integer::sum);    // 1, then 2, 3, ... from any number of clients
    Map<String, Integer> some = tel.getAll(List.of("jack", "sape", "irv"));  // {jack=4098, sape=4140}
    for (Map.Entry<String, Integer> entry : tel.entrySet()) {  // pages through the hash with HSCAN
      System.out.println(entry.getKey() + " " + entry.getValue());
    }
    tel.keySet().remove("visits");           // views write through
    // end-snippet
    return some;
  }

  /** Choosing the driver and codec in the builder. */
  static Pottery choose(String redisUrl) {
    // snippet:choose
    Pottery pottery = Pottery.builder()
        .masters(redisUrl)
        .driver("jedis")     // or -Dpottery.driver=jedis
        .codec("gson")       // or -Dpottery.codec=gson
        .build();
    // end-snippet
    return pottery;
  }
}
