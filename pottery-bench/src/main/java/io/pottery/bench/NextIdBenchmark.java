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
 * Ids from one shared sequence (all threads on one key, so 4 threads contend): Pottery's NextId on Jedis and
 * Lettuce, the raw one-round fan-out of Pottery's propose script, Python pottery's two-round algorithm written
 * from raw commands, and (1 master) Redisson's {@code RAtomicLong.incrementAndGet} and {@code RIdGenerator}. Run
 * through {@link BenchMain}: {@code java -jar pottery-bench/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NextIdBenchmark {
  @Param({"1", "5"})
  public int masters;

  @Param({"POTTERY_JEDIS", "POTTERY_LETTUCE", "RAW_JEDIS", "RAW_LETTUCE", "TWO_ROUND", "REDISSON", "REDISSON_ID_GENERATOR"})
  public Contender contender;

  BenchClient client;
  Op nextId;

  @Setup(Level.Trial)
  public void open() {
    client = Clients.open(contender, BenchMasters.uris(masters));
    nextId = client.nextId("bench:" + UUID.randomUUID());
  }

  @TearDown(Level.Trial)
  public void close() {
    client.close();
  }

  @Benchmark
  @Threads(1)
  public Object oneThread() {
    return nextId.run();
  }

  @Benchmark
  @Threads(4)
  public Object fourThreads() {
    return nextId.run();
  }
}
