package io.pottery.internal.discovery;

import io.pottery.Pottery;
import io.pottery.TypeRef;
import io.pottery.spi.Codec;
import io.pottery.spi.ConnectionSettings;
import io.pottery.spi.RedisConnection;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.SpiVersion;
import io.pottery.spi.StructuresContext;
import io.pottery.spi.StructuresProvider;
import java.net.URI;

/**
 * Providers for discovery tests, registered only through the services files {@link DiscoveryTest} writes. They
 * are found, compared and picked; nothing calls their working methods, which say so if called.
 */
public final class TestProviders {
  private TestProviders() {}

  /** A driver with a fixed name, priority and SPI version that serves {@code redis://} only. */
  public abstract static class TestDriver implements RedisDriver {
    private final String name;
    private final int priority;
    private final int spiVersion;

    TestDriver(String name, int priority, int spiVersion) {
      this.name = name;
      this.priority = priority;
      this.spiVersion = spiVersion;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public int spiVersion() {
      return spiVersion;
    }

    @Override
    public boolean supports(URI uri) {
      return "redis".equals(uri.getScheme());
    }

    @Override
    public RedisConnection connect(RedisEndpoint endpoint, ConnectionSettings settings) {
      throw new UnsupportedOperationException(name + " is a discovery test driver: it only takes part in selection");
    }
  }

  /** Named "lettuce", priority 10, as the real Lettuce driver. */
  public static final class Lettuce extends TestDriver {
    public Lettuce() {
      super("lettuce", 10, SpiVersion.CURRENT);
    }
  }

  /** Named "jedis", priority 0, as the real Jedis driver. */
  public static final class Jedis extends TestDriver {
    public Jedis() {
      super("jedis", 0, SpiVersion.CURRENT);
    }
  }

  /** A third-party driver with Lettuce's priority, for ties. */
  public static final class Acme extends TestDriver {
    public Acme() {
      super("acme", 10, SpiVersion.CURRENT);
    }
  }

  /** A driver built against the next SPI version. */
  public static final class Future extends TestDriver {
    public Future() {
      super("future", 20, SpiVersion.CURRENT + 1);
    }
  }

  /** A driver whose constructor fails, as one whose own dependency is missing would. */
  public static final class Broken extends TestDriver {
    public Broken() {
      super("broken", 30, SpiVersion.CURRENT);
      throw new IllegalStateException("io.netty.channel.EventLoop is missing");
    }
  }

  /** A codec named "jackson", priority 10. */
  public static final class Jackson implements Codec {
    @Override
    public String name() {
      return "jackson";
    }

    @Override
    public int priority() {
      return 10;
    }

    @Override
    public int spiVersion() {
      return SpiVersion.CURRENT;
    }

    @Override
    public byte[] encode(Object value) {
      throw new UnsupportedOperationException("a discovery test codec: it only takes part in selection");
    }

    @Override
    public <T> T decode(byte[] bytes, TypeRef<T> type) {
      throw new UnsupportedOperationException("a discovery test codec: it only takes part in selection");
    }
  }

  /** A structures implementation built against an older SPI version. */
  public static final class OldStructures implements StructuresProvider {
    @Override
    public String name() {
      return "old-structures";
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public int spiVersion() {
      return SpiVersion.CURRENT - 1;
    }

    @Override
    public Pottery open(StructuresContext context) {
      throw new UnsupportedOperationException("a discovery test provider: it only takes part in selection");
    }
  }
}
