package io.pottery.codec.gson;

import java.math.BigInteger;

/** The one rule for numbers without a declared type, shared by every pottery codec. */
final class JsonNumbers {
  private JsonNumbers() {}

  /**
   * A JSON number literal as Python's {@code json.loads} sees it: without fraction or exponent an int
   * (Integer if it fits, else Long, else BigInteger), otherwise a float (Double; NaN and ±Infinity included).
   */
  static Number untyped(String literal) {
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '.' || c == 'e' || c == 'E' || c == 'N' || c == 'I') {
        return Double.parseDouble(literal);
      }
    }
    if (literal.length() <= 9) {
      return Integer.parseInt(literal);
    }
    BigInteger value = new BigInteger(literal);
    if (value.bitLength() < 32) {
      return value.intValue();
    }
    return value.bitLength() < 64 ? (Number) value.longValue() : value;
  }
}
