/**
 * Internal, may change: Bloom filters and HyperLogLogs with Python pottery's Redis layout. Start at
 * {@link io.pottery.internal.probabilistic.Probabilistic}, the factory {@code Pottery} calls; {@code MurmurHash3}
 * and {@code BloomSizing} reproduce Python pottery's bit offsets and sizes.
 */
package io.pottery.internal.probabilistic;
