package io.pottery.bench.contenders;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.Redisson;
import org.redisson.RedissonRedLock;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBloomFilter;
import org.redisson.api.RIdGenerator;
import org.redisson.api.RLock;
import org.redisson.api.RMap;
import org.redisson.api.RMapCache;
import org.redisson.api.RSet;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * Redisson 3.52 doing the same jobs: one client per master (RedissonRedLock needs one per master), all on one
 * Netty event-loop group of two threads so that five clients do not compete for the two cores with five groups.
 * Values use {@link StringCodec}, the cheapest codec, so Redisson pays no serialization Pottery would not.
 */
final class RedissonClients implements BenchClient {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final List<RedissonClient> clients = new ArrayList<>();
  private final boolean idGenerator;

  RedissonClients(List<String> masters, boolean idGenerator) {
    this.idGenerator = idGenerator;
    try {
      for (String uri : masters) {
        Config config = new Config();
        config.setEventLoopGroup(group);
        config.setCodec(StringCodec.INSTANCE);
        config.useSingleServer().setAddress(uri)
            .setConnectionMinimumIdleSize(2).setConnectionPoolSize(16)
            .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(4);
        clients.add(Redisson.create(config));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public Op lockUnlock(String key) {
    if (clients.size() == 1) {
      RLock lock = clients.get(0).getLock(key);
      return () -> {
        lock.lock(Workload.LOCK_MILLIS, TimeUnit.MILLISECONDS);
        lock.unlock();
        return lock;
      };
    }
    RLock[] locks = clients.stream().map(client -> client.getLock(key)).toArray(RLock[]::new);
    @SuppressWarnings("deprecation") // deprecated in 3.52 but still Redisson's Redlock; the issue names it
    RedissonRedLock redLock = new RedissonRedLock(locks);
    return () -> {
      redLock.lock(Workload.LOCK_MILLIS, TimeUnit.MILLISECONDS);
      redLock.unlock();
      return redLock;
    };
  }

  @Override
  public Op nextId(String key) {
    if (clients.size() != 1) {
      throw new UnsupportedOperationException("Redisson has no quorum id generator over several masters");
    }
    if (idGenerator) {
      RIdGenerator ids = clients.get(0).getIdGenerator(key);
      return ids::nextId;
    }
    RAtomicLong counter = clients.get(0).getAtomicLong(key);
    return counter::incrementAndGet;
  }

  @Override
  public Op job(Job job, String prefix) {
    if (clients.size() != 1) {
      throw new UnsupportedOperationException(job + " runs on one master; got " + clients.size());
    }
    RedissonClient redisson = clients.get(0);
    switch (job) {
      case MAP_GET: {
        RMap<String, String> map = filledMap(redisson, prefix);
        String field = Workload.field(7);
        return () -> map.get(field);
      }
      case MAP_PUT: {
        RMap<String, String> map = filledMap(redisson, prefix);
        AtomicInteger next = new AtomicInteger();
        return () -> {
          int i = next.getAndIncrement() & 1023;
          return map.put(Workload.field(i), Workload.value(i));
        };
      }
      case SET_CONTAINS_MANY: {
        RSet<String> set = redisson.getSet(prefix + ":rset");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < Workload.SET_MEMBERS; i++) {
          members.add(Workload.member(i));
        }
        set.addAll(members);
        List<String> lookups = Workload.lookups();
        return () -> set.containsEach(lookups);
      }
      case BLOOM_ADD: {
        RBloomFilter<String> bloom = bloom(redisson, prefix);
        AtomicInteger next = new AtomicInteger();
        return () -> bloom.add(Workload.bloomElement(next.getAndIncrement() & 8191));
      }
      case BLOOM_CONTAINS_MANY: {
        RBloomFilter<String> bloom = bloom(redisson, prefix);
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < Workload.LOOKUPS; i++) {
          elements.add(Workload.bloomElement(i * 2));
        }
        bloom.add(elements.subList(0, Workload.LOOKUPS / 2));
        return () -> bloom.contains(elements);
      }
      case MEMO_HIT: {
        RMapCache<String, String> cache = redisson.getMapCache(prefix + ":rcache");
        String argument = Workload.field(42);
        cache.put(argument, Workload.value(42));
        return () -> cache.get(argument);
      }
      default:
        throw new IllegalArgumentException(job.toString());
    }
  }

  private static RMap<String, String> filledMap(RedissonClient redisson, String prefix) {
    RMap<String, String> map = redisson.getMap(prefix + ":rmap");
    Map<String, String> all = new HashMap<>();
    for (int i = 0; i < Workload.MAP_FIELDS; i++) {
      all.put(Workload.field(i), Workload.value(i));
    }
    map.putAll(all);
    return map;
  }

  private static RBloomFilter<String> bloom(RedissonClient redisson, String prefix) {
    RBloomFilter<String> bloom = redisson.getBloomFilter(prefix + ":rbloom");
    bloom.tryInit(Workload.BLOOM_ELEMENTS, Workload.BLOOM_FALSE_POSITIVES);
    return bloom;
  }

  @Override
  public void close() {
    for (RedissonClient client : clients) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
