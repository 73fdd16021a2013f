package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.RedisSet;
import io.pottery.testkit.RawRedis;
import java.util.List;
import java.util.TreeSet;

/** The tour of {@link RedisSet}: Python pottery's {@code RedisSet} as a {@code java.util.Set}. */
final class SetTour implements TourSection {

  @Override
  public String title() {
    return "RedisSet: a java.util.Set in one Redis set (Python pottery's RedisSet)";
  }

  @Override
  public void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator) {
    String fruitsKey = keys.named("fruits");
    String tropicalKey = keys.named("tropical");
    String bothKey = keys.named("both");
    narrator.code("RedisSet<String> fruits = pottery.set(\"" + fruitsKey + "\", String.class);");
    RedisSet<String> fruits = pottery.set(fruitsKey, String.class);
    narrator.show("fruits.addAll(List.of(\"apple\", \"banana\", \"cherry\"));",
        () -> fruits.addAll(List.of("apple", "banana", "cherry")), "one SADD");
    narrator.show("fruits.add(\"apple\");", () -> fruits.add("apple"), "already there");
    narrator.show("fruits.contains(\"banana\");", () -> fruits.contains("banana"));
    narrator.show("fruits.containsMany(List.of(\"apple\", \"kiwi\", \"cherry\"));",
        () -> fruits.containsMany(List.of("apple", "kiwi", "cherry")), "one SMISMEMBER");

    narrator.code("RedisSet<String> tropical = pottery.set(\"" + tropicalKey + "\", String.class);");
    RedisSet<String> tropical = pottery.set(tropicalKey, String.class);
    narrator.run("tropical.addAll(List.of(\"banana\", \"kiwi\", \"mango\"));",
        () -> tropical.addAll(List.of("banana", "kiwi", "mango")), null);
    narrator.show("new TreeSet<>(fruits.intersection(tropical));", () -> new TreeSet<>(fruits.intersection(tropical)),
        "SINTER on the server; a local result");
    narrator.show("new TreeSet<>(fruits.difference(tropical));", () -> new TreeSet<>(fruits.difference(tropical)));
    narrator.code("RedisSet<String> both = pottery.set(\"" + bothKey + "\", String.class);");
    RedisSet<String> both = pottery.set(bothKey, String.class);
    narrator.show("fruits.unionStore(both, List.of(tropical));", () -> fruits.unionStore(both, List.of(tropical)),
        "SUNIONSTORE: written into the set you name, on the same Redis");
    narrator.show("fruits.isSubsetOf(both);", () -> fruits.isSubsetOf(both), "compared on the server, one script");
    narrator.show("fruits.isDisjoint(List.of(\"lime\", \"kiwi\"));", () -> fruits.isDisjoint(List.of("lime", "kiwi")));

    narrator.say("In Redis, members are JSON, as Python pottery writes them (SMEMBERS " + fruitsKey + "):");
    TreeSet<String> members = new TreeSet<>();
    for (Object member : (List<?>) raw.call("SMEMBERS", fruitsKey)) {
      members.add(Narrator.quote((byte[]) member));
    }
    members.forEach(member -> narrator.say("  " + member));
    narrator.say("Python reads the same set: 'apple' in RedisSet(redis=redis, key='" + fruitsKey + "') == True");

    narrator.show("fruits.retainAll(List.of(\"apple\", \"kiwi\"));", () -> fruits.retainAll(List.of("apple", "kiwi")),
        "atomic: one script");
    narrator.show("new TreeSet<>(fruits);", () -> new TreeSet<>(fruits), "iteration pages with SSCAN");
    narrator.show("fruits.pop();", fruits::pop, "SPOP: removed at random, atomically");
    narrator.show("fruits.isEmpty();", fruits::isEmpty);
    narrator.showThrows("fruits.add(null);", () -> fruits.add(null), "no nulls");
  }
}
