package io.pottery.bench.contenders;

import io.pottery.BloomFilter;
import io.pottery.MemoizedFunction;
import io.pottery.NextId;
import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.Redlock;
import io.pottery.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Pottery through its public API only ({@code Pottery.builder()}), on one driver and the Jackson codec. */
final class PotteryClient implements BenchClient {
  private final Pottery pottery;

  PotteryClient(String driver, List<String> masters) {
    this(driver, masters, null);
  }

  /** @param listener an instrumentation listener to register, or {@code null} for none (the default) */
  PotteryClient(String driver, List<String> masters, io.pottery.instrumentation.PotteryListener<?> listener) {
    Pottery.Builder builder = builder(driver, masters);
    if (listener != null) {
      builder.listener(listener);
    }
    this.pottery = builder.build();
  }

  /** How every Pottery contender is configured: {@code driver}, the Jackson codec, {@code masters}, defaults. */
  static Pottery.Builder builder(String driver, List<String> masters) {
    return Pottery.builder().driver(driver).codec("jackson").masters(masters.toArray(String[]::new));
  }

  @Override
  public Op lockUnlock(String key) {
    Redlock lock = pottery.redlock(key);
    return () -> {
      if (!lock.acquire()) {
        throw new IllegalStateException("not acquired: " + key);
      }
      lock.release();
      return lock;
    };
  }

  @Override
  public Op nextId(String key) {
    NextId ids = pottery.nextId(key);
    return ids::nextLong;
  }

  @Override
  public Op job(Job job, String prefix) {
    switch (job) {
      case MAP_GET: {
        RedisMap<String, String> map = filledMap(prefix);
        String field = Workload.field(7);
        return () -> map.get(field);
      }
      case MAP_PUT: {
        RedisMap<String, String> map = filledMap(prefix);
        AtomicInteger next = new AtomicInteger();
        return () -> {
          int i = next.getAndIncrement() & 1023;
          return map.put(Workload.field(i), Workload.value(i));
        };
      }
      case SET_CONTAINS_MANY: {
        RedisSet<String> set = pottery.set(prefix + ":set", String.class);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < Workload.SET_MEMBERS; i++) {
          members.add(Workload.member(i));
        }
        set.addAll(members);
        List<String> lookups = Workload.lookups();
        return () -> set.containsMany(lookups);
      }
      case BLOOM_ADD: {
        BloomFilter<String> bloom = bloom(prefix);
        AtomicInteger next = new AtomicInteger();
        return () -> bloom.add(Workload.bloomElement(next.getAndIncrement() & 8191));
      }
      case BLOOM_CONTAINS_MANY: {
        BloomFilter<String> bloom = bloom(prefix);
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < Workload.LOOKUPS; i++) {
          elements.add(Workload.bloomElement(i * 2));
        }
        bloom.addAll(elements.subList(0, Workload.LOOKUPS / 2));
        return () -> bloom.containsMany(elements);
      }
      case MEMO_HIT: {
        MemoizedFunction<String, String> memo = pottery.memoize(prefix + ":memo", argument -> Workload.value(42),
            TypeRef.of(String.class));
        String argument = Workload.field(42);
        memo.apply(argument);
        return () -> memo.apply(argument);
      }
      default:
        throw new IllegalArgumentException(job.toString());
    }
  }

  private RedisMap<String, String> filledMap(String prefix) {
    RedisMap<String, String> map = pottery.map(prefix + ":map", String.class, String.class);
    java.util.Map<String, String> all = new java.util.HashMap<>();
    for (int i = 0; i < Workload.MAP_FIELDS; i++) {
      all.put(Workload.field(i), Workload.value(i));
    }
    map.putAll(all);
    return map;
  }

  private BloomFilter<String> bloom(String prefix) {
    return pottery.bloomFilter(prefix + ":bloom", Workload.BLOOM_ELEMENTS, Workload.BLOOM_FALSE_POSITIVES, String.class);
  }

  @Override
  public void close() {
    pottery.close();
  }
}
