package io.pottery.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pottery.*} settings. With none of them, the {@code Pottery} bean connects where Spring Boot's
 * Redis connection details point ({@code spring.data.redis.*}, {@code @ServiceConnection}).
 *
 * @since 0.3
 */
@ConfigurationProperties("pottery")
public class PotteryProperties {
  /** Used by Spring's binder. */
  public PotteryProperties() {}

  /** Whether to auto-configure Pottery at all. */
  private boolean enabled = true;

  /**
   * Independent Redis masters as URIs ({@code redis://}, {@code rediss://}, {@code redis-cluster://}), e.g. five
   * for Redlock and NextId quorums. Replaces Spring Boot's Redis connection details when set.
   */
  private List<String> masters = new ArrayList<>();

  /** A prefix put in front of every key Pottery uses, e.g. {@code "billing:"}. Unset keeps Python pottery's keys. */
  private String namespace;

  /** The driver, {@code "lettuce"} or {@code "jedis"}; unset picks Lettuce when both are present. */
  private String driver;

  /** The codec, {@code "jackson"} or {@code "gson"}; unset picks Jackson when both are present. */
  private String codec;

  /** How long to wait for each master to accept a connection (Pottery's default: 2 s). */
  private Duration connectTimeout;

  /** How long to wait for any one reply; also the deadline of quorum operations (Pottery's default: 2 s). */
  private Duration commandTimeout;

  /** ShedLock integration. */
  private final Shedlock shedlock = new Shedlock();

  /** Micrometer integration. */
  private final Metrics metrics = new Metrics();

  /** The value of {@code pottery.enabled}. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets {@code pottery.enabled}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The value of {@code pottery.masters}. */
  public List<String> getMasters() {
    return masters;
  }

  /** Sets {@code pottery.masters}. */
  public void setMasters(List<String> masters) {
    this.masters = masters;
  }

  /** The value of {@code pottery.namespace}. */
  public String getNamespace() {
    return namespace;
  }

  /** Sets {@code pottery.namespace}. */
  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  /** The value of {@code pottery.driver}. */
  public String getDriver() {
    return driver;
  }

  /** Sets {@code pottery.driver}. */
  public void setDriver(String driver) {
    this.driver = driver;
  }

  /** The value of {@code pottery.codec}. */
  public String getCodec() {
    return codec;
  }

  /** Sets {@code pottery.codec}. */
  public void setCodec(String codec) {
    this.codec = codec;
  }

  /** The value of {@code pottery.connect-timeout}. */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /** Sets {@code pottery.connect-timeout}. */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** The value of {@code pottery.command-timeout}. */
  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  /** Sets {@code pottery.command-timeout}. */
  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  /** The {@code pottery.shedlock.*} settings. */
  public Shedlock getShedlock() {
    return shedlock;
  }

  /** The {@code pottery.metrics.*} settings. */
  public Metrics getMetrics() {
    return metrics;
  }

  /** Settings of the Micrometer listener ({@code PotteryMetrics}), used when pottery-micrometer is present. */
  public static class Metrics {
    /** Used by Spring's binder. */
    public Metrics() {}

    /**
     * Whether to record Pottery's meters and observations in the application's {@code MeterRegistry} and
     * {@code ObservationRegistry} when pottery-micrometer is on the class path.
     */
    private boolean enabled = true;

    /**
     * Whether every meter gets a {@code key} tag (and every observation a {@code pottery.key} value) with the
     * full Redis key. Each key becomes a time series of its own: turn it on only for a bounded set of keys.
     */
    private boolean keyNamesAsTags = false;

    /** The value of {@code pottery.metrics.enabled}. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code pottery.metrics.enabled}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The value of {@code pottery.metrics.key-names-as-tags}. */
    public boolean isKeyNamesAsTags() {
      return keyNamesAsTags;
    }

    /** Sets {@code pottery.metrics.key-names-as-tags}. */
    public void setKeyNamesAsTags(boolean keyNamesAsTags) {
      this.keyNamesAsTags = keyNamesAsTags;
    }
  }

  /** Settings of the ShedLock {@code LockProvider} over Redlock. */
  public static class Shedlock {
    /** Used by Spring's binder. */
    public Shedlock() {}

    /** Whether to provide a ShedLock LockProvider when shedlock-core is on the class path. */
    private boolean enabled = true;

    /** Prefix of the Redlock name of each job's lock; the Redis key is {@code redlock:<prefix><job name>}. */
    private String keyPrefix = "shedlock:";

    /**
     * Whether to keep the lease alive while the job runs (Redlock's watchdog), instead of letting it end at
     * {@code lockAtMostFor}. Either way, a lease lost while the job runs is reported.
     */
    private boolean keepAlive = false;

    /** The value of {@code pottery.shedlock.enabled}. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@code pottery.shedlock.enabled}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The value of {@code pottery.shedlock.key-prefix}. */
    public String getKeyPrefix() {
      return keyPrefix;
    }

    /** Sets {@code pottery.shedlock.key-prefix}. */
    public void setKeyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
    }

    /** The value of {@code pottery.shedlock.keep-alive}. */
    public boolean isKeepAlive() {
      return keepAlive;
    }

    /** Sets {@code pottery.shedlock.keep-alive}. */
    public void setKeepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
    }
  }
}
