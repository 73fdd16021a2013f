package io.pottery.bench.contenders;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lettuce alone: one connection per master (byte-array codec, async API, one set of client resources for all),
 * scripts loaded ahead of time, bytes encoded ahead of time. Concurrent callers pipeline on the connection, as
 * they do through Pottery's Lettuce driver.
 */
final class RawLettuceClient extends RawClient {
  private final ClientResources resources = DefaultClientResources.create();
  private final List<RedisClient> clients = new ArrayList<>();
  private final List<StatefulRedisConnection<byte[], byte[]>> connections = new ArrayList<>();
  private final List<RedisAsyncCommands<byte[], byte[]>> commands = new ArrayList<>();
  private final List<String> masters;

  RawLettuceClient(List<String> masters) {
    this.masters = masters;
    try {
      for (String uri : masters) {
        RedisClient client = RedisClient.create(resources, RedisURI.create(uri));
        clients.add(client);
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        connections.add(connection);
        commands.add(connection.async());
        for (Scripts script : Scripts.all()) {
          connection.sync().scriptLoad(script.text.getBytes(StandardCharsets.UTF_8));
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  int size() {
    return commands.size();
  }

  @Override
  CompletableFuture<Object> evalsha(int master, Scripts script, byte[][] keys, byte[]... args) {
    CompletionStage<Object> reply = commands.get(master).evalsha(script.sha1,
        script.bulkReply ? ScriptOutputType.VALUE : ScriptOutputType.INTEGER, keys, args);
    return reply.toCompletableFuture();
  }

  @Override
  CompletableFuture<Object> get(int master, byte[] key) {
    CompletionStage<byte[]> reply = commands.get(master).get(key);
    return reply.toCompletableFuture().thenApply(value -> value);
  }

  @Override
  public Op job(Job job, String prefix) {
    requireOneMaster(masters, job);
    RedisAsyncCommands<byte[], byte[]> redis = commands.get(0);
    switch (job) {
      case MAP_GET: {
        byte[] key = fillMap(redis, prefix);
        byte[] field = Workload.json(Workload.field(7));
        return () -> await(redis.hget(key, field));
      }
      case MAP_PUT: {
        byte[][] keys = {fillMap(redis, prefix)};
        byte[][] fields = new byte[1024][];
        byte[][] values = new byte[1024][];
        for (int i = 0; i < 1024; i++) {
          fields[i] = Workload.json(Workload.field(i));
          values[i] = Workload.json(Workload.value(i));
        }
        AtomicInteger next = new AtomicInteger();
        return () -> {
          int i = next.getAndIncrement() & 1023;
          return await(evalsha(0, Scripts.MAP_PUT, keys, fields[i], values[i]));
        };
      }
      case SET_CONTAINS_MANY: {
        byte[] key = Workload.ascii(prefix + ":set");
        byte[][] members = new byte[Workload.SET_MEMBERS][];
        for (int i = 0; i < members.length; i++) {
          members[i] = Workload.json(Workload.member(i));
        }
        await(redis.sadd(key, members));
        byte[][] lookups = Workload.lookups().stream().map(Workload::json).toArray(byte[][]::new);
        return () -> await(redis.smismember(key, lookups));
      }
      case BLOOM_ADD: {
        byte[] key = Workload.ascii(prefix + ":bloom");
        byte[][] args = Workload.bitfieldArgs(1, true);
        return () -> await(redis.dispatch(CommandType.BITFIELD, new ArrayOutput<>(ByteArrayCodec.INSTANCE),
            new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key).addValues(args)));
      }
      case BLOOM_CONTAINS_MANY: {
        byte[] key = Workload.ascii(prefix + ":bloom");
        await(redis.dispatch(CommandType.BITFIELD, new ArrayOutput<>(ByteArrayCodec.INSTANCE),
            new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key).addValues(Workload.bitfieldArgs(Workload.LOOKUPS / 2, true))));
        byte[][] args = Workload.bitfieldArgs(Workload.LOOKUPS, false);
        return () -> await(redis.dispatch(CommandType.BITFIELD, new ArrayOutput<>(ByteArrayCodec.INSTANCE),
            new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key).addValues(args)));
      }
      case MEMO_HIT: {
        byte[] key = Workload.ascii(prefix + ":memo");
        byte[] field = Workload.ascii("[" + new String(Workload.json(Workload.field(42)), StandardCharsets.UTF_8) + "]");
        await(redis.hset(key, field, Workload.json(Workload.value(42))));
        return () -> await(redis.hget(key, field));
      }
      default:
        throw new IllegalArgumentException(job.toString());
    }
  }

  private static byte[] fillMap(RedisAsyncCommands<byte[], byte[]> redis, String prefix) {
    byte[] key = Workload.ascii(prefix + ":map");
    Map<byte[], byte[]> all = new HashMap<>();
    for (int i = 0; i < Workload.MAP_FIELDS; i++) {
      all.put(Workload.json(Workload.field(i)), Workload.json(Workload.value(i)));
    }
    await(redis.hset(key, all));
    return key;
  }

  Op twoRound(String key) {
    return twoRoundNextId(key);
  }

  private static <T> T await(CompletionStage<T> reply) {
    try {
      return reply.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (StatefulRedisConnection<byte[], byte[]> connection : connections) {
      connection.close();
    }
    for (RedisClient client : clients) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
