package io.pottery.spring.boot;

import io.pottery.Pottery;

/**
 * A bean that adjusts the auto-configured {@link Pottery.Builder} after the {@code pottery.*} settings and the
 * connection were applied, before {@code build()}. Each setting may be given once, so a customizer sets only
 * what the properties left unset (setting one twice fails with a message quoting the first value).
 *
 * @since 0.3
 */
@FunctionalInterface
public interface PotteryBuilderCustomizer {
  /** Adjusts the builder. */
  void customize(Pottery.Builder builder);
}
