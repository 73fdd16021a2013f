package io.pottery.examples;

import io.pottery.CachedOrderedMap;
import io.pottery.ContextTimer;
import io.pottery.MemoizedFunction;
import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.testkit.RawRedis;
import java.util.List;

/** The tour of the caches ({@code memoize}, {@link CachedOrderedMap}) and {@link ContextTimer}. */
final class CacheTour implements TourSection {

  @Override
  public String title() {
    return "memoize, CachedOrderedMap and ContextTimer: shared caches (Python pottery's redis_cache, CachedOrderedDict)";
  }

  @Override
  public void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator) {
    String fibKey = keys.named("fib-cache");
    narrator.code("MemoizedFunction<Integer, Long> fib = pottery.memoize(\"" + fibKey + "\", CacheTour::slowFib, TypeRef.of(Long.class));");
    MemoizedFunction<Integer, Long> fib = pottery.memoize(fibKey, CacheTour::slowFib, TypeRef.of(Long.class));
    ContextTimer first = new ContextTimer();
    narrator.code("ContextTimer timer = new ContextTimer().start();");
    first.start();
    narrator.show("fib.apply(32);", () -> fib.apply(32), "a miss: computed, then stored");
    first.stop();
    ContextTimer second = ContextTimer.started();
    narrator.show("fib.apply(32);", () -> fib.apply(32), "a hit: read from Redis");
    second.stop();
    narrator.say("ContextTimer.elapsedMillis(): the miss took " + first.elapsedMillis() + " ms, the hit "
        + second.elapsedMillis() + " ms");
    narrator.show("fib.cacheInfo();", fib::cacheInfo);
    List<?> stored = (List<?>) raw.call("HGETALL", fibKey);
    narrator.say("In Redis (HGETALL " + fibKey + "): " + Narrator.quote((byte[]) stored.get(0)) + " -> "
        + Narrator.quote((byte[]) stored.get(1)) + ", the JSON of the argument list and of the result");
    narrator.say("Every call renews the hash's expiry: PTTL " + fibKey + " = about " + (((Long) raw.call("PTTL", fibKey)) + 500) / 1000 + " s");

    String namesKey = keys.named("user-names");
    narrator.code("CachedOrderedMap<Integer, String> names = pottery.cachedOrderedMap(\"" + namesKey
        + "\", Integer.class, String.class, List.of(7, 3, 9));");
    raw.call("HSET", namesKey, "3", "\"user3\"");
    narrator.say("(another process already cached user 3: HSET " + namesKey + " 3 \"user3\")");
    CachedOrderedMap<Integer, String> names = pottery.cachedOrderedMap(namesKey, Integer.class, String.class, List.of(7, 3, 9));
    narrator.show("names.misses();", names::misses, "one HMGET found user 3");
    narrator.code("for (Integer id : names.misses()) names.put(id, \"user\" + id);");
    for (Integer id : names.misses()) {
      names.put(id, "user" + id);
    }
    narrator.show("names;", () -> names, "in the order asked for; the puts went through to Redis");
  }

  private static long slowFib(int n) {
    return n < 2 ? n : slowFib(n - 1) + slowFib(n - 2);
  }
}
