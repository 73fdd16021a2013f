package com.example.consumer;

import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.RedisMap;
import io.pottery.Redlock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a user's application does with Pottery, compiled against pottery-api alone: connect to the Redis URL
 * given as the first argument, check that the driver and codec found on the class path are the ones named by
 * the second and third arguments, use a map, a counter, a lock and an id sequence, delete its keys, and exit
 * non-zero on any surprise.
 */
public final class Consumer {
  private Consumer() {
  }

  public static void main(String[] args) {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: Consumer <redis-url> <driver> <codec>");
    }
    String prefix = "consumer:" + UUID.randomUUID() + ":";
    try (Pottery pottery = Pottery.connect(args[0])) {
      check("driver", pottery.driverName(), args[1]);
      check("codec", pottery.codecName(), args[2]);

      RedisMap<String, Integer> tel = pottery.map(prefix + "tel", String.class, Integer.class);
      tel.put("jack", 4098);
      tel.merge("jack", 2, Integer::sum);
      check("tel.get(jack)", tel.get("jack"), 4100);

      RedisCounter<String> letters = pottery.counter(prefix + "letters", String.class);
      letters.add(List.of("g", "a", "l", "a", "h", "a", "d"));
      check("mostCommon(1)", letters.mostCommon(1), List.of(Map.entry("a", 3L)));

      Redlock lock = pottery.redlock(prefix + "printer");
      check("acquire", lock.acquire(), true);
      lock.release();

      NextId ids = pottery.nextId(prefix + "ids");
      long first = ids.nextLong();
      check("second id", ids.nextLong(), first + 1);
      ids.reset();

      tel.clear();
      letters.clear();
      System.out.printf("consumer OK: %s x %s against %s%n", pottery.driverName(), pottery.codecName(), args[0]);
    }
  }

  private static void check(String what, Object actual, Object expected) {
    if (!expected.equals(actual)) {
      throw new AssertionError(what + ": expected " + expected + " but got " + actual);
    }
  }
}
