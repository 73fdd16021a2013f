/**
 * What Pottery's JSON codecs share: {@link io.pottery.codec.support.JsonCodec}, the superclass of the Jackson and
 * Gson codecs, and, exported only to those two modules, the canonical JSON writer and the reading rules
 * ({@code io.pottery.internal.codec}), which are no API and may change in any release.
 */
// "module not found" for the qualified exports: the modules they name are built after this one.
@SuppressWarnings("module")
module io.pottery.codec.support {
  requires transitive io.pottery;

  exports io.pottery.codec.support;
  // The testkit's CodecContract holds third-party codecs to the same limits (MAX_NESTING_DEPTH...).
  exports io.pottery.internal.codec to io.pottery.codec.jackson, io.pottery.codec.gson, io.pottery.testkit;
}
