package io.pottery.examples;

import io.pottery.AsyncRedisMap;
import io.pottery.BloomFilter;
import io.pottery.CacheInfo;
import io.pottery.CachedOrderedMap;
import io.pottery.ContextTimer;
import io.pottery.HyperLogLog;
import io.pottery.MemoizedFunction;
import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.Redlock;
import io.pottery.TypeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

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

  /** The RedisSet section; returns what {@code intersection} read. */
  static Set<String> redisSet(Pottery pottery) {
    // snippet:redisset
    RedisSet<String> fruits = pottery.set("fruits", String.class);
    fruits.addAll(List.of("apple", "banana", "cherry"));   // one SADD; members "\"apple\"", ...
    fruits.containsMany(List.of("apple", "kiwi"));          // [true, false]: one SMISMEMBER
    RedisSet<String> tropical = pottery.set("tropical", String.class);
    tropical.addAll(List.of("banana", "kiwi"));
    Set<String> common = fruits.intersection(tropical);     // [banana]: SINTER, computed by Redis
    fruits.unionStore(fruits, List.of(tropical));           // 4: SUNIONSTORE into a set you name
    fruits.retainAll(List.of("apple", "kiwi"));             // true: atomic, one script
    for (String fruit : fruits) {                           // pages through the set with SSCAN
      System.out.println(fruit);
    }
    // end-snippet
    return common;
  }

  /** The RedisCounter section; returns what {@code mostCommon} read. */
  static List<Map.Entry<String, Long>> redisCounter(Pottery pottery) {
    // snippet:rediscounter
    RedisCounter<String> letters = pottery.counter("letters", String.class);
    letters.add(List.of("g", "a", "l", "l", "a", "h", "a", "d"));  // one script, atomic
    letters.count("a");                                // 3
    letters.count("z");                                // 0: a missing element counts 0
    letters.increment("z", 2);                         // 2: HINCRBY
    List<Map.Entry<String, Long>> top = letters.mostCommon(2);  // [a=3, l=2]: ties by JSON bytes
    letters.subtract(Map.of("z", 3L));                 // z is now -1, as in Python
    letters.total();                                   // 7
    letters.plus(Map.of("z", 1L));                     // local {a=3, l=2, g=1, h=1, d=1}: positive only
    letters.minusInPlace(Map.of("l", 2L));             // -=, atomic: l and z (<= 0) are deleted
    Map<String, Long> view = letters.asMap();          // the live Map<String, Long> view
    // end-snippet
    System.out.println(view.size());
    return top;
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

  /** The Bloom filter section; returns contains("rajiv"), contains("eric") and the size estimate. */
  static List<Object> bloomFilter(Pottery pottery) {
    // snippet:bloomfilter
    BloomFilter<String> dilberts = pottery.bloomFilter("dilberts", 100, 0.01, String.class);
    dilberts.add("rajiv");                         // sets the same 7 bits Python pottery sets
    dilberts.addAll(List.of("raj", "dan"));        // one round trip
    boolean rajiv = dilberts.contains("rajiv");    // true: never a false negative
    boolean eric = dilberts.contains("eric");      // false (a false positive 1% of the time at 100 elements)
    long size = dilberts.approximateSize();        // 3, estimated from the bits set
    // end-snippet
    return List.of(rajiv, eric, size);
  }

  /** The HyperLogLog section; returns the two estimates and the membership answers. */
  static List<Object> hyperLogLog(Pottery pottery) {
    // snippet:hyperloglog
    HyperLogLog<String> google = pottery.hyperLogLog("google", String.class);
    google.addAll(List.of("sergey", "larry", "sergey"));
    long founders = google.approximateSize();              // 2
    HyperLogLog<String> apple = pottery.hyperLogLog("apple", String.class);
    apple.addAll(List.of("steve", "steve", "woz"));
    google.merge(apple);                                   // on the server: PFMERGE google apple
    long all = google.approximateSize();                   // 4
    List<Boolean> seen = google.containsMany(List.of("woz", "sundar"));  // [true, false]
    // end-snippet
    return List.of(founders, all, seen);
  }

  /** The memoize section; returns the results and the cache statistics. */
  static List<Object> memoize(Pottery pottery) {
    // snippet:memoize
    MemoizedFunction<Integer, Long> fib = pottery.memoize("fib-cache", ReadmeExamples::slowFib, TypeRef.of(Long.class));
    long first = fib.apply(30);              // computed, then stored as field "[30]" -> "832040"
    long second = fib.apply(30);             // read from Redis: any JVM sharing "fib-cache" gets it too
    CacheInfo info = fib.cacheInfo();        // CacheInfo[hits=1, misses=1, maxSize=OptionalLong.empty, currSize=1]
    fib.cacheClear();

    MemoizedFunction<List<?>, String> greet = pottery.memoizeArgs(       // several arguments
        "greet-cache", args -> args.get(0) + ", " + args.get(1), TypeRef.of(String.class), Duration.ofMinutes(5));
    String hello = greet.apply(List.of("hello", "raj"));                // field "[\"hello\", \"raj\"]"
    // end-snippet
    greet.cacheClear();
    return List.of(first, second, info, hello);
  }

  private static long slowFib(int n) {
    return n < 2 ? n : slowFib(n - 1) + slowFib(n - 2);
  }

  /** The CachedOrderedMap section; returns the misses before the puts and the final map. */
  static List<Object> cachedOrderedMap(Pottery pottery) {
    // snippet:cachedorderedmap
    CachedOrderedMap<Integer, String> names =
        pottery.cachedOrderedMap("user-names", Integer.class, String.class, List.of(7, 3, 9));  // one HMGET
    List<Integer> toCompute = names.misses();          // [7, 3, 9] the first time, [] once cached
    for (Integer id : toCompute) {
      names.put(id, "user" + id);                      // HSET: every process sharing the cache sees it
    }
    // names is {7=user7, 3=user3, 9=user9}: in the order asked for
    // end-snippet
    return List.of(toCompute, Map.copyOf(names), List.copyOf(names.keySet()));
  }

  /** The ContextTimer section; returns the timer. */
  static ContextTimer contextTimer() throws InterruptedException {
    // snippet:contexttimer
    ContextTimer timer;
    try (ContextTimer running = ContextTimer.started()) {
      timer = running;
      Thread.sleep(10);                                // the work to time
    }                                                  // stopped on exit
    long millis = timer.elapsedMillis();               // about 10
    Duration elapsed = timer.elapsed();
    // end-snippet
    return timer;
  }

  /**
   * The async section: a lease taken without a waiting thread, a map write in it, the release from whichever
   * thread runs the last stage; returns the lease's fencing token.
   */
  static long async(Pottery pottery) {
    // snippet:async
    AsyncRedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class).async();
    Redlock printer = pottery.redlock("printer");
    CompletionStage<Long> printed = printer.tryAcquireAsync(Duration.ofSeconds(5))  // no thread waits meanwhile
        .thenCompose(held -> {
          Redlock.Held lease = held.orElseThrow();        // empty: not acquired within 5 s
          return tel.put("jack", 4098)                    // one script; decoded on the async executor
              .thenCompose(previous -> lease.releaseAsync())  // any thread may release: the lock is the instance's
              .thenApply(released -> lease.fencingToken());
        });
    CompletionStage<Long> orderId = pottery.nextId("order-ids").nextAsync();
    long token = printed.toCompletableFuture().join();  // errors: CompletionException around the blocking ones
    // end-snippet
    orderId.toCompletableFuture().join();
    return token;
  }

  /**
   * The virtual-thread section: a hundred tasks on the blocking API; returns the ids they got. {@code
   * newVirtualThreadPerTaskExecutor()} stands for {@code Executors}' (JDK 21+), which this module, built for Java
   * 17, reaches by reflection; on JDK 17 it is a pool of platform threads, so the example runs there too.
   */
  static List<Long> virtualThreads(Pottery pottery) throws InterruptedException, ExecutionException {
    // snippet:virtualthreads
    NextId orderIds = pottery.nextId("order-ids");
    Redlock printer = pottery.redlock("printer");
    ExecutorService threads = newVirtualThreadPerTaskExecutor();  // Executors.newVirtualThreadPerTaskExecutor()
    List<Future<Long>> tasks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tasks.add(threads.submit(() -> {               // plain blocking calls: a virtual thread waiting for
        printer.lock();                              // Redis frees its carrier (no synchronized on those paths)
        try {
          return orderIds.nextLong();
        } finally {
          printer.unlock();
        }
      }));
    }
    List<Long> ids = new ArrayList<>();
    for (Future<Long> task : tasks) {
      ids.add(task.get());
    }
    threads.shutdown();
    // end-snippet
    return ids;
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+, else a cached pool of daemon threads. */
  private static ExecutorService newVirtualThreadPerTaskExecutor() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException e) {
      ThreadFactory daemons = runnable -> {
        Thread thread = new Thread(runnable, "readme-example");
        thread.setDaemon(true);
        return thread;
      };
      return Executors.newCachedThreadPool(daemons);
    }
  }
}
