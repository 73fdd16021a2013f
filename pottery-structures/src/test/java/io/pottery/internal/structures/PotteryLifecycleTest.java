package io.pottery.internal.structures;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.RedisMap;
import io.pottery.TypeRef;
import io.pottery.internal.assembly.PotteryStructuresProvider;
import io.pottery.spi.RedisEndpoint;
import io.pottery.spi.SpiVersion;
import io.pottery.spi.StructuresProvider;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.TestKey;
import io.pottery.testkit.WithRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The {@code Pottery} pottery-structures provides: discovery, identity, namespace, random keys. */
@WithRedis
class PotteryLifecycleTest {

  @Test
  void serviceLoaderFindsTheProvider() {
    List<StructuresProvider> providers = new ArrayList<>();
    ServiceLoader.load(StructuresProvider.class).forEach(providers::add);
    assertThat(providers).singleElement().satisfies(provider -> {
      assertThat(provider).isInstanceOf(PotteryStructuresProvider.class);
      assertThat(provider.name()).isEqualTo("pottery-structures");
      assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
    });
  }

  @MatrixTest
  void reportsMastersDriverAndCodec(Pottery pottery, MatrixCell cell, RedisServer server) {
    String master = RedisEndpoint.parse(server.uri()).redacted();
    assertThat(pottery.masters()).containsExactly(master);
    assertThat(pottery.driverName()).isEqualTo(cell.driver());
    assertThat(pottery.codecName()).isEqualTo(cell.codec());
    assertThat(pottery).hasToString("Pottery{masters=[" + master + "], driver=" + cell.driver() + ", codec=" + cell.codec() + "}");
  }

  @MatrixTest
  void namespacePrefixesEveryKey(MatrixCell cell, RedisServer server, TestKey key) {
    try (Pottery pottery = open(cell, server, "billing:");
        RawRedis raw = RawRedis.connect(server.uri())) {
      RedisMap<String, Integer> tel = pottery.map(key.name(), String.class, Integer.class);
      tel.put("jack", 4098);
      assertThat(tel.key()).isEqualTo("billing:" + key.name());
      assertThat(raw.callText("HGET", "billing:" + key.name(), "\"jack\"")).isEqualTo("4098");
      assertThat(raw.call("EXISTS", key.name())).isEqualTo(0L);
      assertThat(pottery.toString()).endsWith(", namespace=\"billing:\"}");

      RedisMap<String, Integer> random = pottery.map(TypeRef.of(String.class), TypeRef.of(Integer.class));
      assertThat(random.key()).startsWith("billing:pottery:");
    }
  }

  @MatrixTest
  void randomKeyIsPotteryAndALowercaseUuid4AndIsLogged(Pottery pottery, RedisServer server) {
    List<LogRecord> records = new ArrayList<>();
    Logger logger = Logger.getLogger("io.pottery.Pottery");
    Handler handler = new Handler() {
      @Override public void publish(LogRecord record) { records.add(record); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    logger.addHandler(handler);
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      RedisMap<String, Integer> map = pottery.map(TypeRef.of(String.class), TypeRef.of(Integer.class));
      assertThat(map.key()).hasSize(44).matches("pottery:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(raw.call("EXISTS", map.key())).as("nothing written yet").isEqualTo(0L);
      map.put("a", 1);
      assertThat(raw.callText("HGET", map.key(), "\"a\"")).isEqualTo("1");
      assertThat(records).anySatisfy(record -> {
        assertThat(record.getLevel()).isEqualTo(Level.INFO);
        assertThat(record.getMessage()).contains("RedisMap", map.key(), "random key");
      });
    } finally {
      logger.removeHandler(handler);
    }
  }

  static Pottery open(MatrixCell cell, RedisServer server, String namespace) {
    Pottery.Builder builder = Pottery.builder().masters(server.uri()).driver(cell.driver()).codec(cell.codec());
    if (namespace != null) {
      builder.namespace(namespace);
    }
    return builder.build();
  }
}
