/**
 * Internal, may change: the floor every structure of pottery-structures stands on.
 *
 * <p>Every structure talks to Redis through a {@link io.pottery.internal.structures.KeyedStructure}: creating
 * one refuses a closed {@code Pottery}; running a command checks again, encodes and decodes with the codec (naming
 * the key, field and type when bytes do not decode), and turns a {@code WRONGTYPE} reply into a {@link
 * io.pottery.WrongTypeException}. {@link io.pottery.internal.structures.Backend} is what all structures of one
 * {@code Pottery} share: the connections, the codec, the namespace ({@link
 * io.pottery.internal.structures.Backend#redisKey}) and whether it was closed.
 *
 * <p>This package depends on no feature package: the feature packages ({@code collections}, {@code cache},
 * {@code lock}, {@code nextid}, {@code probabilistic}, {@code quorum}) depend on it, and {@code
 * io.pottery.internal.assembly}, which builds the {@code Pottery} users get, depends on them all.
 */
package io.pottery.internal.structures;
