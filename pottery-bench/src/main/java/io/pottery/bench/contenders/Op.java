package io.pottery.bench.contenders;

/** One operation of a benchmark, ready to run many times; returns something for JMH's blackhole. */
@FunctionalInterface
public interface Op {
  /** Runs the operation once. */
  Object run();
}
