package io.pottery.examples;

import io.pottery.Pottery;

/** One structure's part of the tour. Each new structure adds a section to {@link Tour#SECTIONS}. */
interface TourSection {

  /** The heading, e.g. {@code "RedisMap: ..."}. */
  String title();

  /**
   * Shows the structure step by step. Every Redis key it uses comes from {@code keys}, so that the tour
   * deletes it at the end, even if a step fails.
   */
  void run(Pottery pottery, TourKeys keys, RawRedis raw, Narrator narrator);
}
