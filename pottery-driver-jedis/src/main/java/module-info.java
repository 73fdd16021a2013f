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
  // Jedis logs through SLF4J (a declared dependency of Jedis), but as an automatic module it cannot require it, so
  // nothing would resolve the org.slf4j module on the module path. Jedis's JSON libraries (org.json, Gson) serve
  // commands Pottery never sends and are left out.
  requires org.slf4j;

  exports io.pottery.driver.jedis;

  provides io.pottery.spi.RedisDriver with io.pottery.driver.jedis.JedisDriver;
}
