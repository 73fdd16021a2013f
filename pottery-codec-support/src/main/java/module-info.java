/**
 * What Pottery's JSON codecs share: {@link io.pottery.codec.support.JsonCodec}, the superclass of the Jackson and
 * Gson codecs, and, exported only to those two modules, the canonical JSON writer and the reading rules
 * ({@code io.pottery.internal.codec}), which are no API and may change in any release.
 */
module io.pottery.codec.support {
  requires transitive io.pottery;

  exports io.pottery.codec.support;
  exports io.pottery.internal.codec to io.pottery.codec.jackson, io.pottery.codec.gson;
}
