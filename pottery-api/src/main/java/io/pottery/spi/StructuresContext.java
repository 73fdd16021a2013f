package io.pottery.spi;

import io.pottery.instrumentation.PotteryListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything {@link StructuresProvider#open} needs: the open connections, the codec, and the user's settings.
 *
 * @param masters one open connection per master, in the order the user gave them; the first serves the
 *     collections, all of them serve Redlock, NextId and synchronize
 * @param driverName the chosen driver's name, for messages and {@code toString()}
 * @param codec the chosen codec
 * @param commandTimeout the per-reply timeout the connections were opened with; quorum operations use it as
 *     the deadline for gathering answers
 * @param namespace a prefix put in front of every key Pottery names, or {@code ""} for none (the default,
 *     which keeps keys compatible with Python pottery)
 * @param listeners the instrumentation listeners, builder's first then discovered ones, in call order; empty
 *     for none (then structures do no instrumentation work)
 * @param asyncExecutor where the stages of the async views ({@code RedisMap.async()} and the like) decode replies
 *     and run their continuations, so that no driver I/O thread ever does ({@code Pottery.Builder.asyncExecutor});
 *     {@code null} unless the user gave one: the structures then use threads of their own, made for and stopped
 *     with the {@code Pottery}
 * @since 0.1
 */
public record StructuresContext(List<RedisConnection> masters, String driverName, Codec codec, Duration commandTimeout,
    String namespace, List<PotteryListener<?>> listeners, Executor asyncExecutor) {

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if any component but {@code asyncExecutor} is null
   * @throws IllegalArgumentException if there is no master
   */
  public StructuresContext {
    masters = List.copyOf(masters);
    if (masters.isEmpty()) {
      throw new IllegalArgumentException("no master");
    }
    Objects.requireNonNull(driverName, "driverName");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(namespace, "namespace");
    listeners = List.copyOf(listeners);
  }

  /**
   * A context without an async executor of the user's: the structures' own threads run the async stages.
   *
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if there is no master
   */
  public StructuresContext(List<RedisConnection> masters, String driverName, Codec codec, Duration commandTimeout,
      String namespace, List<PotteryListener<?>> listeners) {
    this(masters, driverName, codec, commandTimeout, namespace, listeners, null);
  }

  /**
   * A context without listeners or an async executor of the user's.
   *
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if there is no master
   */
  public StructuresContext(
      List<RedisConnection> masters, String driverName, Codec codec, Duration commandTimeout, String namespace) {
    this(masters, driverName, codec, commandTimeout, namespace, List.of(), null);
  }
}
