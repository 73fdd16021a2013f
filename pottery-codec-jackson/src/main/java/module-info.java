/**
 * Pottery's JSON codec over Jackson: {@link io.pottery.codec.jackson.JacksonCodec}, found by
 * {@link java.util.ServiceLoader} as an {@link io.pottery.spi.Codec}. Values of an application's own types are
 * serialized by Jackson, so their packages must be open to {@code com.fasterxml.jackson.databind}, as for any use
 * of Jackson on the module path.
 */
module io.pottery.codec.jackson {
  requires transitive io.pottery;
  requires transitive io.pottery.codec.support;
  requires com.fasterxml.jackson.databind;

  exports io.pottery.codec.jackson;

  provides io.pottery.spi.Codec with io.pottery.codec.jackson.JacksonCodec;
}
