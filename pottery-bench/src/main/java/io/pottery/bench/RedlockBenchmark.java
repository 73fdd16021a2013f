package io.pottery.bench;

import io.pottery.bench.contenders.BenchClient;
import io.pottery.bench.contenders.Clients;
import io.pottery.bench.contenders.Contender;
import io.pottery.bench.contenders.Op;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Redlock acquire + release, each thread on its own lock key (no contention: the cost of a lease, not of waiting):
 * Pottery on Jedis and on Lettuce, the raw fan-out of Pottery's scripts on each driver, and Redisson's
 * {@code RLock} (1 master) or {@code RedissonRedLock} (5 masters). Run through {@link BenchMain}:
 * {@code java -jar pottery-bench/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedlockBenchmark {
  @Param({"1", "5"})
  public int masters;

  @Param({"POTTERY_JEDIS", "POTTERY_LETTUCE", "RAW_JEDIS", "RAW_LETTUCE", "REDISSON"})
  public Contender contender;

  BenchClient client;

  @Setup(Level.Trial)
  public void open() {
    client = Clients.open(contender, BenchMasters.uris(masters));
  }

  @TearDown(Level.Trial)
  public void close() {
    client.close();
  }

  /** One lock key per benchmark thread. */
  @State(Scope.Thread)
  public static class PerThread {
    Op lockUnlock;

    @Setup(Level.Trial)
    public void open(RedlockBenchmark bench) {
      lockUnlock = bench.client.lockUnlock("bench:lock:" + UUID.randomUUID());
    }
  }

  @Benchmark
  @Threads(1)
  public Object oneThread(PerThread thread) {
    return thread.lockUnlock.run();
  }

  @Benchmark
  @Threads(4)
  public Object fourThreads(PerThread thread) {
    return thread.lockUnlock.run();
  }
}
