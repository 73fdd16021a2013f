/**
 * The runnable tour of Pottery for Java, and the README's examples. Start at {@link io.pottery.examples.Tour}:
 * it connects to a Redis (or starts a throwaway one), then walks through each structure in a section of its
 * own ({@code MapTour} for {@link io.pottery.RedisMap}), printing every step with its result. The README's
 * Java snippets are copied from {@code ReadmeExamples}, which the tests run on every driver and codec.
 *
 * <p>This code is written as a user would write it: against {@code io.pottery} only (plus {@code
 * io.pottery.testkit} to start a throwaway Redis and show raw bytes), never {@code io.pottery.internal}.
 */
package io.pottery.examples;
