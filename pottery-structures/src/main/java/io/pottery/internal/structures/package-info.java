/**
 * Internal, may change: how pottery-structures plugs into {@code pottery-api}, and the plumbing every
 * structure shares.
 *
 * <p>Start with {@link io.pottery.internal.structures.PotteryStructuresProvider}, the
 * {@link java.util.ServiceLoader} entry that {@code Pottery.builder().build()} finds. It creates the
 * package-private {@code ConnectedPottery}, which owns the connections and creates structures. Every
 * structure talks to Redis through a {@link io.pottery.internal.structures.KeyedStructure}: it checks that
 * the {@code Pottery} is open, encodes and decodes with the codec (naming the key, field and type when bytes
 * do not decode), and turns a {@code WRONGTYPE} reply into a {@link io.pottery.WrongTypeException}.
 * {@link io.pottery.internal.structures.Backend} is what all structures of one {@code Pottery} share.
 */
package io.pottery.internal.structures;
