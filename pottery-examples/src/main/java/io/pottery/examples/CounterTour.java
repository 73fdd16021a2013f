package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.testkit.RawRedis;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tour of {@link RedisCounter}: Python pottery's {@code RedisCounter}, with {@code collections.Counter}'s semantics. */
final class CounterTour implements TourSection {

  @Override
  public String title() {
    return "RedisCounter: Python's collections.Counter in one Redis hash (Python pottery's RedisCounter)";
  }

  @Override
  public void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator) {
    String lettersKey = keys.named("letters");
    narrator.code("RedisCounter<String> letters = pottery.counter(\"" + lettersKey + "\", String.class);");
    RedisCounter<String> letters = pottery.counter(lettersKey, String.class);
    narrator.run("letters.add(List.of(\"g\", \"a\", \"l\", \"l\", \"a\", \"h\", \"a\", \"d\"));",
        () -> letters.add(List.of("g", "a", "l", "l", "a", "h", "a", "d")), "one script: HINCRBY per letter, atomic");
    narrator.show("letters.count(\"a\");", () -> letters.count("a"));
    narrator.show("letters.count(\"z\");", () -> letters.count("z"), "a missing element counts 0");
    narrator.show("letters.increment(\"z\", 2);", () -> letters.increment("z", 2), "HINCRBY");
    narrator.show("letters.mostCommon(2);", () -> letters.mostCommon(2),
        "l and z tie at 2: ties are ordered by the element's JSON bytes");
    narrator.run("letters.subtract(List.of(\"z\", \"z\", \"z\"));", () -> letters.subtract(List.of("z", "z", "z")),
        "counts may go below zero, as in Python");
    narrator.show("letters.asMap().get(\"z\");", () -> letters.asMap().get("z"), "the Map view of the same hash");
    narrator.show("letters.total();", letters::total, "the sum of all counts, negative ones included");
    narrator.show("new TreeMap<>(letters.plus(Map.of(\"z\", 1L)));", () -> new TreeMap<>(letters.plus(Map.of("z", 1L))),
        "Counter + Counter: a local result, positive counts only");

    narrator.say("In Redis, each field is the JSON of an element and holds its count in decimal (HGETALL " + lettersKey + "):");
    List<?> reply = (List<?>) raw.call("HGETALL", lettersKey);
    Map<String, String> fields = new TreeMap<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      fields.put(Narrator.quote((byte[]) reply.get(i)), Narrator.quote((byte[]) reply.get(i + 1)));
    }
    fields.forEach((field, count) -> narrator.say("  " + field + " -> " + count));
    narrator.say("Python reads the same counter: RedisCounter(redis=redis, key='" + lettersKey + "')['a'] == 3");

    narrator.run("letters.minusInPlace(Map.of(\"l\", 2L));", () -> letters.minusInPlace(Map.of("l", 2L)),
        "Counter -= Counter: deletes counts of 0 and below, atomically");
    narrator.show("new TreeMap<>(letters.asMap());", () -> new TreeMap<>(letters.asMap()),
        "the live Map<String, Long> view");
  }
}
