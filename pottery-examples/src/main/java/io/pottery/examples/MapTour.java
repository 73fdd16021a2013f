package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.testkit.RawRedis;
import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The tour of {@link RedisMap}: Python pottery's {@code RedisDict} as a {@code ConcurrentMap}. */
final class MapTour implements TourSection {
  /** Enough concurrent increments that a lost update would show, few enough to take well under a second. */
  private static final int THREADS = 4;
  private static final int INCREMENTS_PER_THREAD = 100;

  @Override
  public String title() {
    return "RedisMap: a java.util.concurrent.ConcurrentMap in one Redis hash (Python pottery's RedisDict)";
  }

  @Override
  public void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator) {
    String telKey = keys.named("tel");
    narrator.code("RedisMap<String, Integer> tel = pottery.map(\"" + telKey + "\", String.class, Integer.class);");
    RedisMap<String, Integer> tel = pottery.map(telKey, String.class, Integer.class);
    narrator.show("tel.put(\"jack\", 4098);", () -> tel.put("jack", 4098));
    narrator.show("tel.put(\"sape\", 4139);", () -> tel.put("sape", 4139));
    narrator.show("tel.get(\"jack\");", () -> tel.get("jack"));
    narrator.show("tel.fastPut(\"guido\", 4127);", () -> tel.fastPut("guido", 4127),
        "a new key; fastPut skips reading the old value");
    narrator.show("tel.putIfAbsent(\"jack\", 1);", () -> tel.putIfAbsent("jack", 1),
        "jack is taken, so nothing is written (atomic)");
    narrator.show("tel.putIfAbsent(\"irv\", 4127);", () -> tel.putIfAbsent("irv", 4127));
    narrator.show("tel.containsKey(\"guido\");", () -> tel.containsKey("guido"));
    narrator.show("tel.size();", tel::size);
    narrator.show("tel.getAll(List.of(\"jack\", \"nobody\", \"guido\"));",
        () -> tel.getAll(List.of("jack", "nobody", "guido")), "one round trip; absent keys are left out");

    narrator.say("Iteration pages through the hash with HSCAN, so a big map is never read at once:");
    narrator.code("for (Map.Entry<String, Integer> entry : tel.entrySet()) {");
    for (Map.Entry<String, Integer> entry : tel.entrySet()) {
      narrator.say("  " + entry.getKey() + " = " + entry.getValue());
    }
    narrator.code("}");

    showBytes(tel, raw, narrator);

    narrator.show("tel.remove(\"jack\", 1);", () -> tel.remove("jack", 1), "jack maps to 4098, not 1 (atomic)");
    narrator.show("tel.remove(\"sape\");", () -> tel.remove("sape"));
    narrator.show("tel.values().removeIf(number -> number == 4127);", () -> tel.values().removeIf(n -> n == 4127),
        "views write through to Redis");
    narrator.show("new TreeMap<>(tel);", () -> new TreeMap<>(tel), "a sorted local copy");
    narrator.showThrows("tel.put(\"nobody\", null);", () -> tel.put("nobody", null),
        "no nulls, as in ConcurrentHashMap");

    countConcurrently(pottery, keys.named("hits"), narrator);
  }

  /** What the hash holds, byte for byte, read around Pottery: the JSON Python pottery writes and reads. */
  private static void showBytes(RedisMap<String, Integer> tel, RawRedis raw, Narrator narrator) {
    narrator.say("In Redis, fields and values are JSON, as Python pottery writes them (HGETALL " + tel.key() + "):");
    List<?> reply = (List<?>) raw.call("HGETALL", tel.key());
    Map<String, String> fields = new TreeMap<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      byte[] field = (byte[]) reply.get(i);
      fields.put(new String(field, StandardCharsets.UTF_8),
          Narrator.quote(field) + " -> " + Narrator.quote((byte[]) reply.get(i + 1)));
    }
    fields.values().forEach(line -> narrator.say("  " + line));
    narrator.say("Python reads the same map: RedisDict(redis=redis, key='" + tel.key() + "')['jack'] == 4098");
  }

  /** merge as an atomic counter: concurrent increments from several threads lose nothing. */
  private static void countConcurrently(Pottery pottery, String hitsKey, Narrator narrator) {
    narrator.code("RedisMap<String, Integer> hits = pottery.map(\"" + hitsKey + "\", String.class, Integer.class);");
    RedisMap<String, Integer> hits = pottery.map(hitsKey, String.class, Integer.class);
    narrator.show("hits.merge(\"home\", 1, Integer::sum);", () -> hits.merge("home", 1, Integer::sum));
    narrator.show("hits.merge(\"home\", 1, Integer::sum);", () -> hits.merge("home", 1, Integer::sum));
    narrator.say(THREADS + " threads each call hits.merge(\"home\", 1, Integer::sum) " + INCREMENTS_PER_THREAD + " times");
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    try {
      List<Callable<Void>> workers = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        workers.add(() -> {
          for (int j = 0; j < INCREMENTS_PER_THREAD; j++) {
            hits.merge("home", 1, Integer::sum);
          }
          return null;
        });
      }
      for (Future<Void> done : executor.invokeAll(workers)) {
        done.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while counting", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("A counting thread failed: " + e.getCause(), e.getCause());
    } finally {
      executor.shutdownNow();
    }
    narrator.show("hits.get(\"home\");", () -> hits.get("home"),
        "2 + " + THREADS + " x " + INCREMENTS_PER_THREAD + ": no update lost, each merge is atomic in Redis");
    narrator.run("hits.clear();", hits::clear, "deletes the hash");
    narrator.show("hits.isEmpty();", hits::isEmpty);
  }
}
