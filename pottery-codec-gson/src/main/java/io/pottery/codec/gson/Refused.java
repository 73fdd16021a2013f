package io.pottery.codec.gson;

import java.util.Calendar;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Types the pottery codecs refuse, in values and in fields alike, both ways, with one message whatever the
 * library: Python pottery has no JSON form for them, and the libraries would otherwise disagree (Gson writes
 * a {@code Date} in the default locale's format, Jackson as epoch milliseconds), so a stored value would
 * depend on the codec and even on the JVM's locale.
 */
final class Refused {
  private Refused() {}

  /** Why {@code type} is refused, or null if it is not. */
  static String reason(Class<?> type) {
    if (type == Optional.class || type == OptionalInt.class || type == OptionalLong.class
        || type == OptionalDouble.class) {
      return "Python pottery has no JSON form for an Optional; store the value itself, or store nothing (remove "
          + "the key or element) when it is empty";
    }
    if (Date.class.isAssignableFrom(type) || Calendar.class.isAssignableFrom(type)
        || type.getPackageName().startsWith("java.time")) {
      return "Python pottery has no JSON form for a date or time, and JSON libraries disagree on one; store an "
          + "ISO-8601 string (such as its toString()) or a number (epoch seconds or milliseconds) instead";
    }
    return null;
  }
}
