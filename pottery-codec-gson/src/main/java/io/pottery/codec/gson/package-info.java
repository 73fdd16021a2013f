/**
 * The Gson codec: start at {@link io.pottery.codec.gson.GsonCodec}. Gson turns beans, records and enums into
 * plain trees and binds decoded JSON to the declared type; {@link io.pottery.internal.codec.CanonicalJson} writes the
 * bytes, identical to Python pottery's and to every other pottery codec's, and
 * {@link io.pottery.internal.codec.CodecSupport} holds the reading rules and messages all pottery codecs share.
 */
package io.pottery.codec.gson;
