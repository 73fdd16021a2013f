package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import java.util.Comparator;
import java.util.List;

/**
 * The README's RedisList and RedisDeque examples. Each region between {@code // snippet:<name>} and {@code //
 * end-snippet} is shown in README.md under {@code <!-- snippet:<name> -->}, character for character up to
 * indentation; ReadmeTest checks that; ListExamplesTest runs these methods on every driver and codec.
 */
final class ListExamples {
  private ListExamples() {}

  /** The RedisList section, on the key {@code squares}; returns the list. */
  static RedisList<Integer> redisList(Pottery pottery) {
    // snippet:redislist
    RedisList<Integer> squares = pottery.list("squares", Integer.class);
    squares.addAll(List.of(1, 4, 16, 25));   // one RPUSH: stored as "1", "4", "16", "25", Python's bytes
    squares.add(2, 9);                       // [1, 4, 9, 16, 25]: insert at an index (atomic, one script)
    squares.get(2);                          // 9: one LINDEX
    squares.set(0, 0);                       // returns 1: the old value (atomic)
    squares.indexOf(16);                     // 3: one LPOS
    squares.subList(0, 2).clear();           // [9, 16, 25]: sub-lists write through
    squares.sort(Comparator.reverseOrder()); // [25, 16, 9]: sorted locally, written back atomically
    for (int square : squares) {             // pages through the list with LRANGE
      System.out.println(square);
    }
    // end-snippet
    return squares;
  }

  /** The RedisDeque section, on the key {@code recent}; returns the deque. */
  static RedisDeque<String> redisDeque(Pottery pottery) {
    // snippet:redisdeque
    RedisDeque<String> recent = pottery.deque("recent", String.class, 3);  // maxlen 3, as deque(maxlen=3)
    recent.addAll(List.of("a", "b", "c"));   // [a, b, c]: one script
    recent.addLast("d");                     // [b, c, d]: the head was dropped in the same atomic step
    recent.addFirst("z");                    // [z, b, c]: the tail was dropped
    recent.extendLeft(List.of("x", "y"));    // [y, x, z]: as Python's extendleft
    recent.rotate(1);                        // [z, y, x]: n modulo the size, as collections.deque
    recent.pollLast();                       // "x": RPOP
    recent.asList().get(1);                  // "y": the same Redis list as a RedisList
    // end-snippet
    return recent;
  }
}
