package io.pottery.testkit;

/**
 * The outcome of choosing a {@link RedisSource}: what to start servers from, or why there is nothing.
 *
 * @param supply where servers come from, or {@code null} when there is a problem
 * @param problem why no servers can be had, and what to do about it; {@code null} when there is a supply
 */
record SourceChoice(ServerSupply supply, String problem) {

  static SourceChoice of(ServerSupply supply) {
    return new SourceChoice(supply, null);
  }

  static SourceChoice failed(String problem) {
    return new SourceChoice(null, problem);
  }

  /**
   * The supply.
   *
   * @throws IllegalStateException with the problem if there is none
   */
  ServerSupply require() {
    if (supply == null) {
      throw new IllegalStateException(problem);
    }
    return supply;
  }
}
