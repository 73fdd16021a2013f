package io.pottery.bench.contenders;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.RedisProtocol;

/**
 * Jedis alone: a pool of RESP2 connections per master. With one master, commands run on the calling thread (the
 * floor of a blocking client); with several, each master's command runs on a small executor of that master, so
 * the fan-out is concurrent, as Pottery's Jedis driver does it.
 */
final class RawJedisClient extends RawClient {
  private final List<JedisPool> pools = new ArrayList<>();
  private final List<ExecutorService> executors = new ArrayList<>();
  private final List<String> masters;

  RawJedisClient(List<String> masters) {
    this.masters = masters;
    try {
      for (String uri : masters) {
        URI parsed = URI.create(uri);
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(16);
        config.setMaxIdle(16);
        config.setJmxEnabled(false);
        JedisPool pool = new JedisPool(config, new HostAndPort(parsed.getHost(), parsed.getPort()),
            DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2).build());
        pools.add(pool);
        AtomicInteger count = new AtomicInteger();
        executors.add(Executors.newFixedThreadPool(8, task -> {
          Thread thread = new Thread(task, "raw-jedis-" + parsed.getPort() + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        }));
        try (Jedis jedis = pool.getResource()) {
          for (Scripts script : Scripts.all()) {
            jedis.scriptLoad(script.text);
          }
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  int size() {
    return pools.size();
  }

  private <T> T call(int master, Function<Jedis, T> command) {
    try (Jedis jedis = pools.get(master).getResource()) {
      return command.apply(jedis);
    }
  }

  private CompletableFuture<Object> submit(int master, Function<Jedis, Object> command) {
    if (pools.size() == 1) {
      try {
        return CompletableFuture.completedFuture(call(master, command));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.supplyAsync(() -> call(master, command), executors.get(master));
  }

  @Override
  CompletableFuture<Object> evalsha(int master, Scripts script, byte[][] keys, byte[]... args) {
    byte[][] all = new byte[keys.length + args.length][];
    System.arraycopy(keys, 0, all, 0, keys.length);
    System.arraycopy(args, 0, all, keys.length, args.length);
    byte[] sha = script.sha1Bytes();
    return submit(master, jedis -> jedis.evalsha(sha, keys.length, all));
  }

  @Override
  CompletableFuture<Object> get(int master, byte[] key) {
    return submit(master, jedis -> jedis.get(key));
  }

  @Override
  public Op job(Job job, String prefix) {
    requireOneMaster(masters, job);
    switch (job) {
      case MAP_GET: {
        byte[] key = fillMap(prefix);
        byte[] field = Workload.json(Workload.field(7));
        return () -> call(0, jedis -> jedis.hget(key, field));
      }
      case MAP_PUT: {
        byte[] key = fillMap(prefix);
        byte[][] fields = new byte[1024][];
        byte[][] values = new byte[1024][];
        for (int i = 0; i < 1024; i++) {
          fields[i] = Workload.json(Workload.field(i));
          values[i] = Workload.json(Workload.value(i));
        }
        byte[] sha = Scripts.MAP_PUT.sha1Bytes();
        AtomicInteger next = new AtomicInteger();
        return () -> {
          int i = next.getAndIncrement() & 1023;
          return call(0, jedis -> jedis.evalsha(sha, 1, key, fields[i], values[i]));
        };
      }
      case SET_CONTAINS_MANY: {
        byte[] key = Workload.ascii(prefix + ":set");
        byte[][] members = new byte[Workload.SET_MEMBERS][];
        for (int i = 0; i < members.length; i++) {
          members[i] = Workload.json(Workload.member(i));
        }
        call(0, jedis -> jedis.sadd(key, members));
        byte[][] lookups = Workload.lookups().stream().map(Workload::json).toArray(byte[][]::new);
        return () -> call(0, jedis -> jedis.smismember(key, lookups));
      }
      case BLOOM_ADD: {
        byte[] key = Workload.ascii(prefix + ":bloom");
        byte[][] args = Workload.bitfieldArgs(1, true);
        return () -> call(0, jedis -> jedis.bitfield(key, args));
      }
      case BLOOM_CONTAINS_MANY: {
        byte[] key = Workload.ascii(prefix + ":bloom");
        call(0, jedis -> jedis.bitfield(key, Workload.bitfieldArgs(Workload.LOOKUPS / 2, true)));
        byte[][] args = Workload.bitfieldArgs(Workload.LOOKUPS, false);
        return () -> call(0, jedis -> jedis.bitfield(key, args));
      }
      case MEMO_HIT: {
        byte[] key = Workload.ascii(prefix + ":memo");
        byte[] field = Workload.ascii("[" + new String(Workload.json(Workload.field(42)), java.nio.charset.StandardCharsets.UTF_8) + "]");
        call(0, jedis -> jedis.hset(key, field, Workload.json(Workload.value(42))));
        return () -> call(0, jedis -> jedis.hget(key, field));
      }
      default:
        throw new IllegalArgumentException(job.toString());
    }
  }

  private byte[] fillMap(String prefix) {
    byte[] key = Workload.ascii(prefix + ":map");
    Map<byte[], byte[]> all = new HashMap<>();
    for (int i = 0; i < Workload.MAP_FIELDS; i++) {
      all.put(Workload.json(Workload.field(i)), Workload.json(Workload.value(i)));
    }
    call(0, jedis -> jedis.hset(key, all));
    return key;
  }

  @Override
  public void close() {
    for (ExecutorService executor : executors) {
      executor.shutdownNow();
    }
    for (JedisPool pool : pools) {
      pool.close();
    }
  }
}
