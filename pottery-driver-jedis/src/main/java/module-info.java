/**
 * Pottery's Redis driver over Jedis: {@link io.pottery.driver.jedis.JedisDriver}, found by
 * {@link java.util.ServiceLoader} as an {@link io.pottery.spi.RedisDriver}. Jedis and Apache Commons Pool are
 * read as the modules their manifests name ({@code redis.clients.jedis} is an automatic module).
 */
// The library has no descriptor yet, only a manifest name: requiring it is the only way (docs/design-notes.md).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.pottery.driver.jedis {
  requires transitive io.pottery;
  requires transitive redis.clients.jedis;
  requires org.apache.commons.pool2;

  exports io.pottery.driver.jedis;

  provides io.pottery.spi.RedisDriver with io.pottery.driver.jedis.JedisDriver;
}
