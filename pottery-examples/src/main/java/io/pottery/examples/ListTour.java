package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.RedisDeque;
import io.pottery.RedisList;
import io.pottery.testkit.RawRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tour of {@link RedisList} and {@link RedisDeque}: Python pottery's {@code RedisList} and {@code RedisDeque},
 * one Redis list each.
 */
final class ListTour implements TourSection {

  @Override
  public String title() {
    return "RedisList and RedisDeque: a java.util.List and a Deque in one Redis list (Python pottery's RedisList, RedisDeque)";
  }

  @Override
  public void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator) {
    String squaresKey = keys.named("squares");
    narrator.code("RedisList<Integer> squares = pottery.list(\"" + squaresKey + "\", Integer.class);");
    RedisList<Integer> squares = pottery.list(squaresKey, Integer.class);
    narrator.show("squares.addAll(List.of(1, 4, 16, 25));", () -> squares.addAll(List.of(1, 4, 16, 25)), "one RPUSH");
    narrator.run("squares.add(2, 9);", () -> squares.add(2, 9), "insert at an index: one Lua script, atomic");
    narrator.show("squares.get(2);", () -> squares.get(2), "one LINDEX");
    narrator.show("squares.indexOf(16);", () -> squares.indexOf(16), "one LPOS");
    narrator.show("squares.set(0, 0);", () -> squares.set(0, 0), "the old value; atomic");
    narrator.showThrows("squares.add(-1, 36);", () -> squares.add(-1, 36),
        "List's contract: Python's insert(-1, x) would prepend");
    narrator.run("squares.subList(0, 2).clear();", () -> squares.subList(0, 2).clear(), "sub-lists write through");
    narrator.run("squares.sort(Comparator.reverseOrder());", () -> squares.sort(Comparator.reverseOrder()),
        "sorted locally, written back only if unchanged");
    narrator.show("squares;", () -> new ArrayList<>(squares), "read page by page with LRANGE");
    narrator.say("In Redis, elements are JSON, as Python pottery writes them (LRANGE " + squaresKey + " 0 -1): "
        + stored(raw, squaresKey));

    String recentKey = keys.named("recent");
    narrator.code("RedisDeque<String> recent = pottery.deque(\"" + recentKey + "\", String.class, 3);");
    RedisDeque<String> recent = pottery.deque(recentKey, String.class, 3);
    narrator.show("recent.addAll(List.of(\"a\", \"b\", \"c\"));", () -> recent.addAll(List.of("a", "b", "c")));
    narrator.run("recent.addLast(\"d\");", () -> recent.addLast("d"), "maxlen 3: the head is dropped in the same step");
    narrator.run("recent.extendLeft(List.of(\"x\", \"y\"));", () -> recent.extendLeft(List.of("x", "y")),
        "as Python's extendleft; the tail is dropped");
    narrator.show("recent;", () -> new ArrayList<>(recent));
    narrator.run("recent.rotate(1);", () -> recent.rotate(1), "n modulo the size, as collections.deque");
    narrator.show("recent.pollLast();", recent::pollLast, "RPOP");
    narrator.show("recent.asList();", () -> new ArrayList<>(recent.asList()), "the same Redis list, as a RedisList");
  }

  private static String stored(RawRedis raw, String key) {
    List<String> shown = new ArrayList<>();
    for (Object element : (List<?>) raw.call("LRANGE", key, "0", "-1")) {
      shown.add(new String((byte[]) element, StandardCharsets.UTF_8));
    }
    return String.join(", ", shown);
  }
}
