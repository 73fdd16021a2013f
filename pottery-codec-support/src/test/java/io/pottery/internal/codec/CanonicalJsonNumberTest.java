package io.pottery.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Floats as Python writes them. Golden files come from CPython's own {@code repr} and from NumPy for float32
 * (see generate_python_vectors.py); the randomized tests compare with an independent, slow reference built on
 * {@link BigDecimal} rounding.
 */
class CanonicalJsonNumberTest {
  private static final Pattern PYTHON_FLOAT =
      Pattern.compile("-?(\\d+\\.\\d+|\\d(\\.\\d+)?e[-+]\\d{2,3})");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.0|1.0", "100.0|100.0", "0.1|0.1", "-0.0|-0.0", "0.0|0.0", "1e16|1e+16", "1e15|1000000000000000.0",
      "9999999999999998|9999999999999998.0", "1.5e-7|1.5e-07", "0.0001|0.0001", "0.00001|1e-05",
      "1e22|1e+22", "1e23|1e+23", "2e23|2e+23", "5e-324|5e-324", "1.7976931348623157e308|1.7976931348623157e+308",
      "123456789012345680|1.2345678901234568e+17", "3.141592653589793|3.141592653589793",
      "0.30000000000000004|0.30000000000000004", "2.82879384806159E17|2.82879384806159e+17",
      "1.0E-5|1e-05", "9007199254740993|9007199254740992.0", "4.35|4.35", "1234567.125|1234567.125"})
  void formatsDoublesAsPythonRepr(double value, String python) {
    assertThat(CanonicalJson.formatDouble(value)).isEqualTo(python);
  }

  @Test
  void formatsNonFiniteDoublesAsPythonDoes() {
    assertThat(CanonicalJson.formatDouble(Double.NaN)).isEqualTo("NaN");
    assertThat(CanonicalJson.formatDouble(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    assertThat(CanonicalJson.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.1|0.1", "0.3|0.3", "1.0|1.0", "-0.0|-0.0", "16777216|16777216.0", "1e10|10000000000.0",
      "3.4028235e38|3.4028235e+38", "1.4e-45|1e-45", "1.17549435E-38|1.1754944e-38", "1e-5|1e-05",
      "3.14159|3.14159", "0.2|0.2", "33554432|33554432.0", "1e16|1e+16"})
  void formatsFloatsWithTheirOwnShortestDigits(float value, String text) {
    assertThat(CanonicalJson.formatFloat(value)).isEqualTo(text);
    assertThat(Float.parseFloat(text)).isEqualTo(value);
  }

  @Test
  void matchesCPythonReprOnEveryGoldenDouble() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int count = 0;
    for (String line : lines("python-double-repr.txt")) {
      String[] parts = line.split(" ");
      double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
      String actual = CanonicalJson.formatDouble(value);
      if (!actual.equals(parts[1])) {
        mismatches.add(parts[0] + ": python " + parts[1] + ", java " + actual);
      }
      count++;
    }
    assertThat(count).isGreaterThan(10_000);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void matchesNumPyShortestFloat32OnEveryGoldenFloat() throws IOException {
    List<String> mismatches = new ArrayList<>();
    int count = 0;
    for (String line : lines("numpy-float32-repr.txt")) {
      String[] parts = line.split(" ");
      float value = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[0], 16));
      String actual = CanonicalJson.formatFloat(value);
      if (!actual.equals(parts[1])) {
        mismatches.add(parts[0] + ": numpy " + parts[1] + ", java " + actual);
      }
      count++;
    }
    assertThat(count).isGreaterThan(5_000);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void randomDoublesAreShortestClosestAndInPythonLayout() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      double value = i % 2 == 0
          ? Double.longBitsToDouble(random.nextLong())
          : Math.round(random.nextDouble(-1e6, 1e6) * 1e4) / Math.pow(10, random.nextInt(1, 9));
      if (!Double.isFinite(value) || value == 0) {
        continue;
      }
      String text = CanonicalJson.formatDouble(value);
      assertThat(Double.parseDouble(text)).as("reads back: %s", text).isEqualTo(value);
      assertThat(PYTHON_FLOAT.matcher(text).matches()).as("layout of %s", text).isTrue();
      assertLayout(text, Math.abs(value));
      BigDecimal expected = referenceShortest(new BigDecimal(value), 17, s -> Double.parseDouble(s) == value);
      assertThat(new BigDecimal(text).compareTo(expected)).as("%s vs reference %s", text, expected).isZero();
    }
  }

  @Test
  void randomFloatsAreShortestAndClosest() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 10_000; i++) {
      float value = Float.intBitsToFloat(random.nextInt());
      if (!Float.isFinite(value) || value == 0) {
        continue;
      }
      String text = CanonicalJson.formatFloat(value);
      assertThat(Float.parseFloat(text)).as("reads back: %s", text).isEqualTo(value);
      assertThat(PYTHON_FLOAT.matcher(text).matches()).as("layout of %s", text).isTrue();
      BigDecimal expected = referenceShortest(new BigDecimal(value), 9, s -> Float.parseFloat(s) == value);
      assertThat(new BigDecimal(text).compareTo(expected)).as("%s vs reference %s", text, expected).isZero();
    }
  }

  /** Plain notation exactly when 1e-4 <= |x| < 1e16, as CPython's format_float_short does for repr. */
  private static void assertLayout(String text, double magnitude) {
    boolean plain = text.indexOf('e') < 0;
    assertThat(plain).as("notation of %s", text).isEqualTo(magnitude >= 1e-4 && magnitude < 1e16);
  }

  /**
   * The definition, slowly: the fewest significant digits p for which the exact value rounded down or up to
   * p digits reads back; of the two, the closer; of two equally close, the one with an even last digit.
   */
  private static BigDecimal referenceShortest(BigDecimal exact, int maxDigits, java.util.function.Predicate<String> readsBack) {
    BigDecimal magnitude = exact.abs();
    for (int p = 1; p <= maxDigits; p++) {
      BigDecimal down = magnitude.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal up = magnitude.round(new MathContext(p, RoundingMode.CEILING));
      boolean downOk = readsBack.test(signed(down, exact).toString());
      boolean upOk = readsBack.test(signed(up, exact).toString());
      BigDecimal pick;
      if (downOk && upOk) {
        int cmp = magnitude.subtract(down).compareTo(up.subtract(magnitude));
        if (cmp != 0) {
          pick = cmp < 0 ? down : up;
        } else {
          pick = down.unscaledValue().testBit(0) ? up : down;
        }
      } else if (downOk || upOk) {
        pick = downOk ? down : up;
      } else {
        continue;
      }
      return signed(pick, exact);
    }
    throw new AssertionError("nothing reads back for " + exact);
  }

  private static BigDecimal signed(BigDecimal magnitude, BigDecimal exact) {
    return exact.signum() < 0 ? magnitude.negate() : magnitude;
  }

  @Test
  void integersOfAnySizeAreExact() {
    DoubleFunction<String> f = CanonicalJson::formatDouble;
    assertThat(f.apply(4098)).isEqualTo("4098.0");
    assertThat(CanonicalJson.plain().toText(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(CanonicalJson.plain().toText(new java.math.BigInteger("12345678901234567890123")))
        .isEqualTo("12345678901234567890123");
  }

  private static List<String> lines(String resource) throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = CanonicalJsonNumberTest.class.getResourceAsStream(resource);
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }
}
