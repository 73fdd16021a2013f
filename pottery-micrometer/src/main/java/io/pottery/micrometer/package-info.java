/**
 * Micrometer metrics and observations for Pottery: register {@link io.pottery.micrometer.PotteryMetrics} on
 * {@code Pottery.builder().listener(…)}. The meters and their tags are listed in the README's "Observability"
 * section and in {@link io.pottery.micrometer.PotteryMetrics}.
 *
 * @since 0.3
 */
package io.pottery.micrometer;
