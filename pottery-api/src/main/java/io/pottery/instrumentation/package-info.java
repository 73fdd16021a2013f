/**
 * Instrumentation: how metrics and tracing libraries observe Pottery, with no dependency on any of them. Start
 * with {@link io.pottery.instrumentation.PotteryListener}; register one on {@code Pottery.builder().listener(…)}
 * (the {@code io.pottery:pottery-micrometer} artifact ships one for Micrometer) or through
 * {@link java.util.ServiceLoader}.
 *
 * <p>A user-visible operation ({@link io.pottery.instrumentation.Operation}) is one scope: the listener returns
 * a context when it starts, and receives that context back for every nested quorum round and event and when it
 * stops. With no listener registered, the structures skip all of it behind one {@code boolean} check.
 *
 * @since 0.3
 */
package io.pottery.instrumentation;
