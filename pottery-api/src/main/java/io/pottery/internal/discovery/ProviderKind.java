package io.pottery.internal.discovery;

import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Internal, may change: one kind of provider {@code Pottery} looks up (driver, codec, structures), with what
 * the messages about it need.
 *
 * @param service the SPI interface
 * @param noun how messages call one provider, e.g. {@code "driver"}
 * @param property the system property that chooses one, or {@code null}
 * @param artifacts known provider names → the Maven artifact that brings each, in the order to suggest them
 * @param name reads a provider's name
 * @param priority reads a provider's priority
 * @param spiVersion reads the SPI version a provider was built for
 */
record ProviderKind<S>(
    Class<S> service,
    String noun,
    String property,
    Map<String, String> artifacts,
    Function<S, String> name,
    ToIntFunction<S> priority,
    ToIntFunction<S> spiVersion) {

  /** "io.pottery:pottery-driver-lettuce or io.pottery:pottery-driver-jedis". */
  String suggestions() {
    return String.join(" or ", artifacts.values());
  }
}
