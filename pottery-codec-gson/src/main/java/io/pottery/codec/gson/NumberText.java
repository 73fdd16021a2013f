package io.pottery.codec.gson;

/**
 * A JSON number kept as its literal text, so that each target type parses it exactly ({@code BigDecimal}
 * keeps every digit) and strictly ({@code 1.5} is not an {@code int}); {@code NaN} and {@code ±Infinity}
 * included. What {@link StrictJsonParser} puts into Gson's tree.
 */
final class NumberText extends Number {
  private static final long serialVersionUID = 1L;
  private final String text;

  NumberText(String text) {
    this.text = text;
  }

  @Override
  public int intValue() {
    return Integer.parseInt(text);
  }

  @Override
  public long longValue() {
    return Long.parseLong(text);
  }

  @Override
  public float floatValue() {
    return Float.parseFloat(text);
  }

  @Override
  public double doubleValue() {
    return Double.parseDouble(text);
  }

  /** The literal, as it stood in the JSON text. */
  @Override
  public String toString() {
    return text;
  }
}
