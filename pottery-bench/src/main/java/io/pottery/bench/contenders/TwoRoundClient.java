package io.pottery.bench.contenders;

import java.util.List;

/** Python pottery's two-round NextId (read quorum, then raise-only write quorum) on raw Lettuce; ids only. */
final class TwoRoundClient implements BenchClient {
  private final RawLettuceClient raw;

  TwoRoundClient(List<String> masters) {
    this.raw = new RawLettuceClient(masters);
  }

  @Override
  public Op lockUnlock(String key) {
    throw new UnsupportedOperationException("the two-round contender only issues ids");
  }

  @Override
  public Op nextId(String key) {
    return raw.twoRound(key);
  }

  @Override
  public Op job(Job job, String prefix) {
    throw new UnsupportedOperationException("the two-round contender only issues ids");
  }

  @Override
  public void close() {
    raw.close();
  }
}
