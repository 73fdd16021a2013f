/**
 * pottery-bench: JMH benchmarks of Pottery against the raw drivers and Redisson, and the regression gate. Start
 * at {@link io.pottery.bench.BenchMain}; the contenders live in {@code io.pottery.bench.contenders}.
 */
package io.pottery.bench;
