/**
 * The contenders of the benchmarks: Pottery, the raw drivers, a two-round NextId and Redisson, each behind
 * {@link io.pottery.bench.contenders.BenchClient}; start at {@link io.pottery.bench.contenders.Clients#open}.
 */
package io.pottery.bench.contenders;
