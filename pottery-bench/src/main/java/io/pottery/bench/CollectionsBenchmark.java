package io.pottery.bench;

import io.pottery.bench.contenders.BenchClient;
import io.pottery.bench.contenders.Clients;
import io.pottery.bench.contenders.Contender;
import io.pottery.bench.contenders.Job;
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
 * Single-master structure operations, one caller thread: map get and put, set containsMany(100), Bloom add and
 * containsMany(100), a memoized hit; Pottery on each driver vs the raw driver sending the same commands vs
 * Redisson's equivalent (see {@link Job}). Run through {@link BenchMain}:
 * {@code java -jar pottery-bench/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CollectionsBenchmark {
  @Param({"MAP_GET", "MAP_PUT", "SET_CONTAINS_MANY", "BLOOM_ADD", "BLOOM_CONTAINS_MANY", "MEMO_HIT"})
  public Job job;

  @Param({"POTTERY_JEDIS", "POTTERY_LETTUCE", "RAW_JEDIS", "RAW_LETTUCE", "REDISSON"})
  public Contender contender;

  BenchClient client;
  Op op;

  @Setup(Level.Trial)
  public void open() {
    client = Clients.open(contender, BenchMasters.uris(1));
    op = client.job(job, "bench:" + UUID.randomUUID());
  }

  @TearDown(Level.Trial)
  public void close() {
    client.close();
  }

  @Benchmark
  @Threads(1)
  public Object oneThread() {
    return op.run();
  }
}
