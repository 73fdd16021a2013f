/**
 * Internal, may change: how pottery-structures plugs into {@code pottery-api}, the roof over every feature package.
 *
 * <p>Start with {@link io.pottery.internal.assembly.PotteryStructuresProvider}, the {@link java.util.ServiceLoader}
 * entry that {@code Pottery.builder().build()} finds. It creates the package-private {@code ConnectedPottery},
 * which owns the connections (through a {@link io.pottery.internal.structures.Backend}) and is the factory of every
 * structure: it checks its arguments and hands the name the user gave to the feature's own factory ({@code
 * RedisCollections}, {@code Caches}, {@code Probabilistic}, {@code RedlockBuilder}, {@code NextIds}), which adds
 * the namespace and refuses a closed {@code Pottery}. No other package depends on this one.
 */
package io.pottery.internal.assembly;
