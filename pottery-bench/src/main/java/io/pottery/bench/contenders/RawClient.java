package io.pottery.bench.contenders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * What both raw drivers share: the quorum algorithms written directly on the driver, with Pottery's scripts and
 * no Pottery code: Redlock acquire + release (one fan-out each), one-round NextId (propose last + 1, learn the
 * maximum from refusals) and Python pottery's two-round NextId. Subclasses move the commands.
 */
abstract class RawClient implements BenchClient {
  private static final byte[] LOCK_MILLIS = Workload.ascii(Workload.LOCK_MILLIS);

  /** The number of masters. */
  abstract int size();

  /** {@code EVALSHA} on one master, the reply as the driver maps it (Long, byte[], null, List). */
  abstract CompletableFuture<Object> evalsha(int master, Scripts script, byte[][] keys, byte[]... args);

  /** {@code GET key} on one master. */
  abstract CompletableFuture<Object> get(int master, byte[] key);

  final Tally fanOut(IntFunction<CompletableFuture<Object>> send, Predicate<Object> isYes) {
    Tally tally = new Tally(size(), isYes);
    for (int i = 0; i < size(); i++) {
      tally.track(send.apply(i));
    }
    return tally;
  }

  @Override
  public Op lockUnlock(String key) {
    byte[] lockKey = Workload.ascii("redlock:" + key);
    byte[][] fenced = {lockKey, Workload.ascii("{redlock:" + key + "}:fence")};
    byte[][] plain = {lockKey};
    return () -> {
      byte[] value = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
      Tally acquired = fanOut(m -> evalsha(m, Scripts.REDLOCK_ACQUIRE, fenced, value, LOCK_MILLIS),
          reply -> reply instanceof Long && (Long) reply > 0);
      boolean held = acquired.await();
      boolean released = fanOut(m -> evalsha(m, Scripts.REDLOCK_RELEASE, plain, value), reply -> Long.valueOf(1).equals(reply))
          .await();
      if (!held || !released) {
        throw new IllegalStateException("lock " + key + " held: " + held + ", released: " + released);
      }
      return value;
    };
  }

  @Override
  public Op nextId(String key) {
    byte[][] keys = {Workload.ascii("nextid:" + key)};
    AtomicLong last = new AtomicLong();
    return () -> {
      while (true) {
        long candidate = last.get() + 1;
        byte[] text = Workload.ascii(candidate);
        // The script answers the candidate's own text when it stored it, "-<stored value>" when it refused.
        Tally round = fanOut(m -> evalsha(m, Scripts.NEXTID_PROPOSE, keys, text, text),
            reply -> reply instanceof byte[] && java.util.Arrays.equals((byte[]) reply, text));
        if (round.await()) {
          last.accumulateAndGet(candidate, Math::max);
          return candidate;
        }
        long seen = candidate;
        for (Object reply : round.noReplies()) {
          byte[] refusal = (byte[]) reply;
          seen = Math.max(seen, Long.parseLong(new String(refusal, 1, refusal.length - 1, StandardCharsets.US_ASCII)));
        }
        last.accumulateAndGet(seen, Math::max);
      }
    };
  }

  /** Python pottery's NextId: read the value on a quorum, then raise it to max + 1 on a quorum; retry on a clash. */
  final Op twoRoundNextId(String key) {
    byte[] sequence = Workload.ascii("nextid:" + key);
    byte[][] keys = {sequence};
    return () -> {
      while (true) {
        // The read round: a quorum of replies; the maximum of the values read so far decides the proposal.
        long[] seen = {0};
        Tally reads = fanOut(m -> get(m, sequence), reply -> {
          if (reply != null) {
            synchronized (seen) {
              seen[0] = Math.max(seen[0], Long.parseLong(new String((byte[]) reply, StandardCharsets.US_ASCII)));
            }
          }
          return true;
        });
        reads.await();
        long max;
        synchronized (seen) {
          max = seen[0];
        }
        long next = max + 1;
        byte[] text = Workload.ascii(next);
        if (fanOut(m -> evalsha(m, Scripts.TWO_ROUND_RAISE, keys, text), reply -> Long.valueOf(1).equals(reply)).await()) {
          return next;
        }
      }
    };
  }

  static void requireOneMaster(List<String> masters, Job job) {
    if (masters.size() != 1) {
      throw new UnsupportedOperationException(job + " runs on one master; got " + masters.size());
    }
  }
}
