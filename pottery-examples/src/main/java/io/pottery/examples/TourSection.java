package io.pottery.examples;

import io.pottery.Pottery;
import io.pottery.testkit.RawRedis;

/** One structure's part of the tour. Each new structure adds a section to {@link Tour#SECTIONS}. */
interface TourSection {

  /** The heading, e.g. {@code "RedisMap: ..."}. */
  String title();

  /**
   * Shows the structure step by step. Every Redis key it uses comes from {@code keys}, so that the tour
   * deletes it at the end, even if a step fails. {@code raw} is a plain RESP connection to the same Redis,
   * around Pottery, for showing the bytes a structure stored.
   */
  void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator);
}
