package io.pottery.bench.contenders;

/**
 * One contender connected to a set of masters, handing out ready-to-run operations. Each factory method prepares
 * its data (keys, encoded bytes, loaded scripts) so that {@link Op#run()} does only the job. A contender that has
 * no way to do a job throws {@link UnsupportedOperationException} saying why.
 */
public interface BenchClient extends AutoCloseable {
  /** Acquire and release a lock on {@code key}; one op per thread (each thread its own key). */
  Op lockUnlock(String key);

  /** Issue the next id of the sequence {@code key}; one op shared by every thread. */
  Op nextId(String key);

  /** The single-master job {@code job} on keys under {@code prefix}; one op shared by every thread. */
  Op job(Job job, String prefix);

  /** Closes every connection this client opened. */
  @Override
  void close();
}
