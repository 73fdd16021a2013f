/**
 * Pottery's JSON codec over Gson: {@link io.pottery.codec.gson.GsonCodec}, found by
 * {@link java.util.ServiceLoader} as an {@link io.pottery.spi.Codec}. Values of an application's own types are
 * read and written by Gson through their fields, so their packages must be open to {@code com.google.gson}, as
 * for any use of Gson on the module path.
 */
module io.pottery.codec.gson {
  requires transitive io.pottery;
  requires transitive io.pottery.codec.support;
  requires com.google.gson;

  exports io.pottery.codec.gson;

  provides io.pottery.spi.Codec with io.pottery.codec.gson.GsonCodec;
}
