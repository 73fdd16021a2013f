/**
 * Spring Boot auto-configuration for Pottery: start at {@link io.pottery.spring.boot.PotteryAutoConfiguration}
 * (the {@code Pottery} bean and where it connects), {@link io.pottery.spring.boot.PotteryProperties} (the
 * {@code pottery.*} settings), {@link io.pottery.spring.boot.PotteryLockProvider} (ShedLock over Redlock) and
 * {@link io.pottery.spring.boot.PotteryMetricsAutoConfiguration} (Micrometer meters and observations).
 */
package io.pottery.spring.boot;
