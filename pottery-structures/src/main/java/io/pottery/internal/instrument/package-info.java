/**
 * Internal, may change: how the structures call the {@link io.pottery.instrumentation.PotteryListener}s of their
 * {@code Pottery}. Start with {@link io.pottery.internal.instrument.Instrumentation}: one per {@code Pottery},
 * {@link io.pottery.internal.instrument.Instrumentation#NONE} when no listener is registered, in which case
 * every call site costs one {@code boolean} check and allocates nothing.
 */
package io.pottery.internal.instrument;
