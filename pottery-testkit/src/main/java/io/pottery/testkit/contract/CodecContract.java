package io.pottery.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pottery.CodecException;
import io.pottery.TypeRef;
import io.pottery.spi.Codec;
import io.pottery.internal.codec.CodecSupport;
import io.pottery.testkit.contract.CodecContractSamples.Account;
import io.pottery.testkit.contract.CodecContractSamples.Address;
import io.pottery.testkit.contract.CodecContractSamples.Color;
import io.pottery.testkit.contract.CodecContractSamples.Empty;
import io.pottery.testkit.contract.CodecContractSamples.Link;
import io.pottery.testkit.contract.CodecContractSamples.Meeting;
import io.pottery.testkit.contract.CodecContractSamples.Node;
import io.pottery.testkit.contract.CodecContractSamples.Numbers;
import io.pottery.testkit.contract.CodecContractSamples.Person;
import io.pottery.testkit.contract.CodecContractSamples.Tagged;
import io.pottery.testkit.contract.CodecContractSamples.WithOptional;
import io.pottery.testkit.contract.CodecContractVectors.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every pottery {@link Codec} must do, as a JUnit 5 suite: subclass it, return your codec from
 * {@link #codec()}, and run it. No Redis is needed.
 *
 * <pre>
 * class MyCodecContractTest extends CodecContract {
 *   &#64;Override
 *   protected Codec codec() {
 *     return new MyCodec();
 *   }
 * }
 * </pre>
 *
 * <p>The suite checks Python pottery's bytes on every interop golden vector (CPython's own
 * {@code json.dumps(value, sort_keys=True)}; decoding {@code input}, or taking the Java value where JSON cannot
 * carry it, and encoding gives {@code python}, and so does decoding {@code python} and encoding again);
 * fixed bytes for records, beans, maps and sets, which every pottery codec writes identically; determinism
 * (equal maps and sets built in different orders); generic types, records and beans read back equal; exact
 * {@code BigInteger} and {@code BigDecimal}; numeric type fidelity (declared types kept, untyped numbers as
 * Python reads them); refusal of {@code Optional}, of map keys Python cannot write and of cycles; and
 * {@link CodecException}s for undecodable bytes that name the codec and the type and quote the bytes.
 *
 * @since 0.1
 */
public abstract class CodecContract {
  private static final TypeRef<Object> ANY = TypeRef.of(Object.class);

  private Codec codec;

  /** Creates the suite; subclasses need a no-argument constructor, as JUnit does. */
  protected CodecContract() {}

  /**
   * The codec under test. Called once before each test; may return a new instance or a shared one (codecs
   * are thread-safe).
   */
  protected abstract Codec codec();

  @BeforeEach
  void createCodec() {
    codec = codec();
  }

  private String text(Object value) {
    return new String(codec.encode(value), StandardCharsets.UTF_8);
  }

  private <T> T decode(String json, TypeRef<T> type) {
    return codec.decode(json.getBytes(StandardCharsets.UTF_8), type);
  }

  private <T> T roundTrip(T value, TypeRef<T> type) {
    return codec.decode(codec.encode(value), type);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Python's bytes

  /** Every interop golden vector, both ways. */
  @TestFactory
  Stream<DynamicTest> writesPythonBytesForEveryGoldenVector() {
    return CodecContractVectors.load().stream().map(vector -> DynamicTest.dynamicTest(
        vector.note() + ": " + vector.python(), () -> checkVector(vector)));
  }

  private void checkVector(Vector vector) {
    Object value = vector.input() != null ? decode(vector.input(), ANY) : vector.javaValue();
    assertEncodes(vector.python(), value, "value of " + vector.note());
    Object again = decode(vector.python(), ANY);
    assertEncodes(vector.python(), again, "Python's own text read back, for " + vector.note());
  }

  private void assertEncodes(String python, Object value, String what) {
    if (value == null) {
      assertEquals("null", python, what);
      assertThrows(NullPointerException.class, () -> codec.encode(null), "encode(null) must throw NPE");
    } else {
      assertEquals(python, text(value), what);
    }
    // Inside a container too, where null is an ordinary value.
    assertEquals("[" + python + "]", text(Collections.singletonList(value)), what + ", inside a list");
  }

  /** Fixed bytes for the shapes applications store: every pottery codec writes exactly these. */
  @Test
  void writesTheSameBytesAsEveryPotteryCodec() {
    assertEquals("{\"address\": {\"city\": \"Paris\", \"zip\": null}, \"age\": 36, \"name\": \"Ada\", "
        + "\"scores\": {\"a\": 1, \"b\": 2}, \"tags\": [\"x\", \"y\"]}", text(ada()));
    assertEquals("{\"any\": 7, \"b\": 6, \"big\": 1180591620717411303424, \"boxedInt\": 3, \"boxedLong\": 4, "
        + "\"d\": 0.1, \"dec\": 1.10, \"f\": 0.1, \"i\": 1, \"l\": 2, \"s\": 5}", text(numbers()));
    assertEquals("{\"byNumber\": {\"9\": \"nine\", \"10\": \"ten\"}, \"color\": \"GREEN\", \"id\": \"t1\", "
        + "\"initial\": \"z\", \"tags\": [\"a\", \"b\", \"c\"]}", text(tagged(List.of("c", "a", "b"))));
    assertEquals("{\"balance\": 10, \"history\": [3, 1, 2], \"limits\": {\"atm\": 20.5, \"daily\": 100.0}, "
        + "\"owner\": \"Grace\"}", text(grace()));
    assertEquals("[{\"address\": null, \"age\": 0, \"name\": \"\", \"scores\": {}, \"tags\": []}, \"RED\", \"x\", 1e+16]",
        text(List.of(new Person("", 0, List.of(), Map.of(), null), Color.RED, 'x', 1e16)));
    assertEquals("{}", text(new Empty()));
    assertEquals("{\"10\": [1.5, -0.0], \"9\": {\"\\u00e9\": [true, null]}}",
        text(mapOf("10", List.of(1.5, -0.0), "9", mapOf("\u00e9", Arrays.asList(true, null)))));
  }

  @Test
  void writesFloatsAsPythonReprAndFloatsWithTheirOwnShortestDigits() {
    assertEquals("[1.0, 100.0, 1e-05, -0.0, 1e+16, 0.0001, 1.5e-07, 1.2345678901234568e+17]",
        text(List.of(1.0, 100.0, 1e-5, -0.0, 1e16, 1e-4, 1.5e-7, 123456789012345680.0)));
    assertEquals("[0.1, 16777216.0, 3.4028235e+38, 1e-45]", text(List.of(0.1f, 16777216f, Float.MAX_VALUE,
        Float.MIN_VALUE)));
    assertEquals(0.1f, decode("0.1", TypeRef.of(Float.class)));
    assertEquals(1e16, decode("1e+16", TypeRef.of(Double.class)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(decode("-0.0", TypeRef.of(Double.class))));
    assertTrue(Double.isNaN(decode("NaN", TypeRef.of(Double.class))));
  }

  @Test
  void escapesStringsAsPythonEnsureAsciiDoes() {
    assertEquals("\"caf\\u00e9 \\ud83d\\ude00\\u2028\\u007f/\\\"\\\\\\n\"", text("caf\u00e9 \ud83d\ude00\u2028\u007f/\"\\\n"));
    assertEquals("caf\u00e9 \ud83d\ude00", decode("\"caf\u00e9 \ud83d\ude00\"", TypeRef.of(String.class)));
    assertEquals("\ud83d", decode("\"\\ud83d\"", TypeRef.of(String.class)), "a lone surrogate, as Python keeps it");
    assertEquals("\"\\ud83d\"", text("\ud83d"));
    Map<String, String> loneInValues = mapOf("\ud83d\ude00", "\ud83d", "b", "\ude00x");
    assertEquals("{\"b\": \"\\ude00x\", \"\\ud83d\\ude00\": \"\\ud83d\"}", text(loneInValues));
    assertEquals(loneInValues, roundTrip(loneInValues, new TypeRef<Map<String, String>>() {}));
    assertEquals(loneInValues, decode(text(loneInValues), ANY));
    assertRefused(() -> codec.encode(Map.of("\ud83d", 1)), "unpaired surrogate");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Determinism

  @Test
  void equalMapsGiveEqualBytesWhateverTheirOrder() {
    Map<String, Object> forward = new LinkedHashMap<>();
    Map<String, Object> backward = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      forward.put("key" + i, List.of(i, "v" + i));
      backward.put("key" + (99 - i), List.of(99 - i, "v" + (99 - i)));
    }
    byte[] expected = codec.encode(forward);
    assertArrayEquals(expected, codec.encode(backward));
    assertArrayEquals(expected, codec.encode(new HashMap<>(forward)));
    assertArrayEquals(expected, codec.encode(new TreeMap<>(backward)));
    assertArrayEquals(expected, codec.encode(new ConcurrentHashMap<>(forward)));
    Map<Integer, String> numbers = new HashMap<>();
    for (int i = 100; i >= 0; i -= 7) {
      numbers.put(i, "n");
    }
    assertTrue(text(numbers).startsWith("{\"2\": \"n\", \"9\": \"n\", \"16\": \"n\""), text(numbers));
  }

  @Test
  void equalSetsGiveEqualBytesSortedByTheirElementsText() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      words.add("w" + (i * 37 % 100));
    }
    List<String> reversed = new ArrayList<>(words);
    Collections.reverse(reversed);
    assertArrayEquals(codec.encode(new HashSet<>(words)), codec.encode(new LinkedHashSet<>(reversed)));
    assertEquals("[\"a\", \"b\", 10, 2, [1]]", text(new HashSet<>(List.of("b", 10, "a", List.of(1), 2))));
    assertArrayEquals(codec.encode(tagged(List.of("a", "b", "c"))), codec.encode(tagged(List.of("c", "b", "a"))),
        "a set inside a record");
  }

  // ---------------------------------------------------------------------------------------------------------
  // Types

  @Test
  void decodesGenericTypes() {
    Map<String, List<Integer>> docs = decode("{\"b\": [1, 2], \"a\": []}", new TypeRef<Map<String, List<Integer>>>() {});
    assertEquals(Map.of("b", List.of(1, 2), "a", List.of()), docs);
    assertSame(LinkedHashMap.class, docs.getClass());
    assertEquals(List.of("b", "a"), new ArrayList<>(docs.keySet()), "keys in the order stored");
    assertSame(Integer.class, docs.get("b").get(0).getClass());

    Map<Integer, String> byNumber = decode("{\"9\": \"nine\", \"10\": \"ten\"}", new TypeRef<Map<Integer, String>>() {});
    assertEquals(Map.of(9, "nine", 10, "ten"), byNumber);

    Set<Integer> set = decode("[3, 1, 2]", new TypeRef<Set<Integer>>() {});
    assertEquals(Set.of(1, 2, 3), set);
    assertSame(LinkedHashSet.class, set.getClass());

    List<Map<String, Object>> rows = decode("[{\"a\": {\"b\": [1.0, {}]}}]", new TypeRef<List<Map<String, Object>>>() {});
    Map<?, ?> inner = (Map<?, ?>) rows.get(0).get("a");
    assertSame(LinkedHashMap.class, inner.getClass(), "an Object-typed map value holding a JSON object");
    assertEquals(List.of(1.0, Map.of()), inner.get("b"));
    assertSame(LinkedHashMap.class, ((List<?>) inner.get("b")).get(1).getClass());

    assertArrayEquals(new int[] {1, 2}, roundTrip(new int[] {1, 2}, TypeRef.of(int[].class)));
    assertArrayEquals(new String[] {"a", null}, roundTrip(new String[] {"a", null}, TypeRef.of(String[].class)));
  }

  @Test
  void roundTripsRecords() {
    assertEquals(ada(), roundTrip(ada(), TypeRef.of(Person.class)));
    assertEquals(numbers(), roundTrip(numbers(), TypeRef.of(Numbers.class)));
    Tagged tagged = tagged(List.of("c", "a", "b"));
    Tagged back = roundTrip(tagged, TypeRef.of(Tagged.class));
    assertEquals(tagged, back);
    assertSame(Integer.class, back.byNumber().keySet().iterator().next().getClass());
  }

  @Test
  void roundTripsBeans() {
    Account back = roundTrip(grace(), TypeRef.of(Account.class));
    assertEquals(grace(), back);
    assertSame(Double.class, back.getLimits().get("daily").getClass());
    assertEquals(grace(), decode("{\"owner\": \"Grace\", \"balance\": 10, \"limits\": {\"daily\": 100, \"atm\": 20.5}, "
        + "\"history\": [3, 1, 2], \"addedByPython\": true}", TypeRef.of(Account.class)),
        "integers read into a Double field, and keys the bean does not have ignored");
  }

  @Test
  void keepsBigNumbersExact() {
    BigInteger big = BigInteger.TWO.pow(100).negate();
    assertEquals("-1267650600228229401496703205376", text(big));
    assertEquals(big, roundTrip(big, TypeRef.of(BigInteger.class)));
    assertEquals(big, decode("-1267650600228229401496703205376", ANY));
    BigDecimal exact = new BigDecimal("0.1000000000000000055511151231257827021181583404541015625");
    assertEquals(exact, roundTrip(exact, TypeRef.of(BigDecimal.class)));
    for (String text : List.of("1.10", "1E+3", "0.000", "-5E-7", "12345678901234567890.123456789")) {
      BigDecimal value = new BigDecimal(text);
      assertEquals(text, text(value));
      assertEquals(value, roundTrip(value, TypeRef.of(BigDecimal.class)), "scale kept for " + text);
    }
  }

  @Test
  void keepsDeclaredNumberTypes() {
    assertSame(Long.class, decode("{\"a\": 1}", new TypeRef<Map<String, Long>>() {}).get("a").getClass());
    assertSame(Integer.class, decode("{\"a\": 1}", new TypeRef<Map<String, Integer>>() {}).get("a").getClass());
    assertSame(Short.class, decode("[1]", new TypeRef<List<Short>>() {}).get(0).getClass());
    assertSame(Double.class, decode("[1]", new TypeRef<List<Double>>() {}).get(0).getClass());
    assertSame(Float.class, decode("[1.5]", new TypeRef<List<Float>>() {}).get(0).getClass());
    assertEquals(List.of(1, 3000000000L, 1.5), decode("[1, 3000000000, 1.5]", new TypeRef<List<Number>>() {}));
    Numbers back = decode(text(numbers()), TypeRef.of(Numbers.class));
    assertSame(Integer.class, back.boxedInt().getClass());
    assertSame(Long.class, back.boxedLong().getClass());
    assertSame(Integer.class, back.any().getClass(), "a Number field reads as Python would");
  }

  @Test
  void readsUntypedValuesAsPythonDoes() {
    Object value = decode("{\"i\": 1, \"l\": 3000000000, \"b\": 123456789012345678901234567890, \"f\": 1.0, "
        + "\"e\": 1e2, \"nan\": NaN, \"n\": null, \"t\": true, \"s\": \"1\", \"a\": [1, {\"x\": []}], \"o\": {}}", ANY);
    assertSame(LinkedHashMap.class, value.getClass());
    Map<?, ?> map = (Map<?, ?>) value;
    assertEquals(List.of("i", "l", "b", "f", "e", "nan", "n", "t", "s", "a", "o"), new ArrayList<>(map.keySet()));
    assertEquals(1, map.get("i"));
    assertEquals(3000000000L, map.get("l"));
    assertEquals(new BigInteger("123456789012345678901234567890"), map.get("b"));
    assertEquals(1.0, map.get("f"));
    assertEquals(100.0, map.get("e"));
    assertTrue(Double.isNaN((Double) map.get("nan")));
    assertNull(map.get("n"));
    assertEquals(true, map.get("t"));
    assertEquals("1", map.get("s"));
    assertSame(ArrayList.class, map.get("a").getClass());
    assertSame(LinkedHashMap.class, ((List<?>) map.get("a")).get(1).getClass());
    assertEquals(List.of(1, Map.of("x", List.of())), map.get("a"));
    assertEquals(Map.of(), map.get("o"));
    assertEquals(Integer.MIN_VALUE, decode("-2147483648", ANY));
    assertEquals(2147483648L, decode("2147483648", ANY));
    assertEquals(new BigInteger("9223372036854775808"), decode("9223372036854775808", ANY));
  }

  @Test
  void writesCharactersEnumsAndNulls() {
    assertEquals("\"x\"", text('x'));
    assertEquals('x', decode("\"x\"", TypeRef.of(Character.class)));
    assertEquals("\"GREEN\"", text(Color.GREEN));
    assertEquals(Color.GREEN, decode("\"GREEN\"", TypeRef.of(Color.class)));
    assertEquals("{\"a\": null}", text(Collections.singletonMap("a", null)));
    assertNull(decode("null", TypeRef.of(Integer.class)));
    assertNull(decode("null", ANY));
    assertThrows(NullPointerException.class, () -> codec.encode(null));
  }

  @Test
  void writesAndReadsAThousandLevelsButNoMore() {
    Object deep = List.of();
    for (int i = 1; i < CodecSupport.MAX_NESTING_DEPTH; i++) {
      deep = List.of(deep);
    }
    assertEquals(deep, roundTrip(deep, ANY));
    assertEquals(deep, codec.decode(codec.encode(deep), new TypeRef<List<Object>>() {}), "read as a declared List too");
    Map<String, Object> deepMap = Map.of("k", ((List<?>) deep).get(0));
    assertEquals(deepMap, roundTrip(deepMap, new TypeRef<Map<String, Object>>() {}));
    Object deeper = List.of(deep);
    CodecException tooDeep = assertThrows(CodecException.class, () -> codec.encode(deeper));
    String message = tooDeep.getMessage();
    assertTrue(message.contains("deeper than 1000"), message);
    assertTrue(message.contains(" at $[0][0][0][0][0]…[0][0][0][0][0] (depth 1001): "), message);
    assertTrue(message.length() < 300, "a short message, not a thousand [0]s: " + message);
    assertThrows(CodecException.class, () -> decode("[".repeat(1001) + "]".repeat(1001), ANY));
    assertThrows(CodecException.class, () -> decode("[".repeat(1001) + "]".repeat(1001), new TypeRef<List<Object>>() {}));
  }

  /**
   * Read what you write: every number the codec writes reads back, at the shared limit of
   * {@link CodecSupport#MAX_NUMBER_DIGITS} digits (the integer part, fraction and exponent), typed and untyped,
   * alone and inside a container, and one digit more is refused on both sides with a message naming the limit.
   */
  @Test
  void writesAndReadsNumbersOfUpToTheSharedDigitLimitButNoMore() {
    int max = CodecSupport.MAX_NUMBER_DIGITS;
    BigInteger widest = new BigInteger("9".repeat(max));
    for (BigInteger big : List.of(widest, widest.negate(), BigInteger.TEN.pow(max - 1))) {
      assertEquals(big, roundTrip(big, TypeRef.of(BigInteger.class)));
      assertEquals(big, roundTrip(big, ANY), "untyped, as Python reads it");
      assertEquals(List.of(big), roundTrip(List.of(big), new TypeRef<List<BigInteger>>() {}));
      assertEquals(Map.of("n", big), roundTrip(Map.of("n", big), new TypeRef<Map<String, Object>>() {}));
    }
    for (BigDecimal decimal : List.of(new BigDecimal("0." + "1".repeat(max - 1)), new BigDecimal("-1." + "5".repeat(max - 1)),
        new BigDecimal(BigInteger.TEN.pow(max - 5), -999), new BigDecimal("1E+999999999"))) {
      // (the third is written 1.000…0E+5295: 4296 digits before the exponent's 4)
      assertEquals(decimal, roundTrip(decimal, TypeRef.of(BigDecimal.class)));
      assertEquals(List.of(decimal), roundTrip(List.of(decimal), new TypeRef<List<BigDecimal>>() {}));
    }
    assertEquals(1.0 / 9, decode("0." + "1".repeat(max - 1), TypeRef.of(Double.class)));
    BigInteger tooWide = widest.add(BigInteger.ONE);
    for (Object value : List.of(tooWide, tooWide.negate(), List.of(1, tooWide), new BigDecimal(tooWide, 2),
        new BigDecimal(BigInteger.TEN.pow(max - 4), -999))) {
      CodecException refused = assertThrows(CodecException.class, () -> codec.encode(value));
      assertTrue(refused.getMessage().contains("a number of " + (max + 1) + " digits")
          && refused.getMessage().contains("at most " + max), refused.getMessage());
    }
    List<TypeRef<?>> scalars = List.of(ANY, TypeRef.of(BigDecimal.class), TypeRef.of(Double.class));
    List<TypeRef<?>> lists = List.of(ANY, new TypeRef<List<Number>>() {}, new TypeRef<List<Object>>() {});
    Map<String, List<TypeRef<?>>> tooLong = Map.of(tooWide.toString(), scalars, "-" + tooWide, scalars,
        "1." + "0".repeat(max), scalars, "[1, " + tooWide + "]", lists, "[NaN, " + tooWide + "]", lists);
    tooLong.forEach((json, types) -> {
      for (TypeRef<?> type : types) {
        CodecException refused = assertThrows(CodecException.class, () -> decode(json, type), type.toString());
        assertTrue(refused.getMessage().contains("(" + max + ", from") || refused.getMessage().contains("the " + max
            + " Pottery's codecs"), refused.getMessage());
      }
    });
  }

  /**
   * Read what you write: strings and object keys have no length limit of their own (Jackson's defaults stop at
   * 20,000,000 characters for strings and 50,000 for keys).
   */
  @Test
  void readsStringsAndKeysOfEveryLengthItWrites() {
    String longString = "s".repeat(20_000_001);
    assertEquals(longString, roundTrip(longString, TypeRef.of(String.class)));
    String longKey = "k".repeat(100_001);
    Map<String, Integer> map = Map.of(longKey, 1);
    assertEquals(map, roundTrip(map, new TypeRef<Map<String, Integer>>() {}));
    assertEquals(map, roundTrip(map, ANY));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Refusals

  @Test
  void refusesOptionals() {
    assertRefused(() -> codec.encode(Optional.of("x")), "Optional", "store the value itself");
    assertRefused(() -> codec.encode(List.of(Optional.empty())), "Optional", "store the value itself");
    assertRefused(() -> codec.encode(new WithOptional("a", Optional.of("b"))), "Optional", "store the value itself");
    assertRefused(() -> decode("\"x\"", new TypeRef<Optional<String>>() {}), "Optional", codec.name());
    assertRefused(() -> decode("{\"name\": \"a\", \"nickname\": \"b\"}", TypeRef.of(WithOptional.class)), "Optional");
  }

  @Test
  void refusesDatesAndTimesWhoseJsonFormLibrariesDisagreeOn() {
    String why = "no JSON form for a date or time";
    assertRefused(() -> codec.encode(LocalDate.of(2024, 1, 31)), why, "ISO-8601");
    assertRefused(() -> codec.encode(List.of(Instant.EPOCH)), why);
    assertRefused(() -> codec.encode(Map.of("when", new Date(0))), why);
    assertRefused(() -> codec.encode(new Meeting("standup", LocalDateTime.of(2024, 1, 31, 9, 30))), why);
    assertRefused(() -> decode("\"2024-01-31\"", TypeRef.of(LocalDate.class)), why, codec.name());
    assertRefused(() -> decode("{\"title\": \"standup\", \"at\": \"2024-01-31T09:30\"}", TypeRef.of(Meeting.class)),
        why);
  }

  @Test
  void refusesNullForPrimitivesButDefaultsMissingOnes() {
    assertRefused(() -> decode("{\"name\": \"Ada\", \"age\": null}", TypeRef.of(Person.class)),
        "is not a " + Person.class.getName());
    assertRefused(() -> decode("{\"owner\": \"Grace\", \"balance\": null}", TypeRef.of(Account.class)),
        "is not a " + Account.class.getName());
    assertEquals(new Person("Ada", 0, null, null, null), decode("{\"name\": \"Ada\"}", TypeRef.of(Person.class)));
  }

  @Test
  void refusesMapKeysPythonCannotWrite() {
    assertRefused(() -> codec.encode(Map.of(UUID.randomUUID(), 1)), "java.util.UUID", "convert the keys to strings");
    assertRefused(() -> codec.encode(Map.of("m", Map.of(Color.RED, 1))), "Color", "convert the keys to strings");
    Map<Object, Integer> mixed = new LinkedHashMap<>();
    mixed.put("a", 1);
    mixed.put(2, 2);
    assertRefused(() -> codec.encode(mixed), "mix strings", "Use one key type");
    assertRefused(() -> codec.encode(Collections.singletonMap(null, 1)), "null key");
  }

  @Test
  void refusesCyclesWithoutOverflowingTheStack() {
    List<Object> list = new ArrayList<>();
    list.add(list);
    assertRefused(() -> codec.encode(list), "contains itself");
    Node node = new Node("loop");
    node.getChildren().add(node);
    assertRefused(() -> codec.encode(node), "contains itself");
    Link first = new Link();
    Link second = new Link();
    first.setNext(second);
    second.setNext(first);
    assertRefused(() -> codec.encode(first), Link.class.getName());
  }

  @Test
  void reportsUndecodableBytesNamingTheTypeAndQuotingThem() {
    String name = codec.name();
    CodecException e = assertThrows(CodecException.class, () -> decode("abc", TypeRef.of(Integer.class)));
    assertTrue(e.getMessage().startsWith("Value is not a java.lang.Integer for codec " + name + ": \"abc\" (3 bytes)"),
        e.getMessage());
    e = assertThrows(CodecException.class, () -> decode("\"abc\"", TypeRef.of(Integer.class)));
    assertTrue(e.getMessage().contains("is not a java.lang.Integer for codec " + name + ": \"\\\"abc\\\"\" (5 bytes)"),
        e.getMessage());
    e = assertThrows(CodecException.class, () -> decode("[\"x\"]", new TypeRef<List<Integer>>() {}));
    assertTrue(e.getMessage().contains("is not a java.util.List<java.lang.Integer> for codec " + name), e.getMessage());
    String long100 = "\"" + "a".repeat(100) + "\"";
    e = assertThrows(CodecException.class, () -> decode(long100, TypeRef.of(Integer.class)));
    assertTrue(e.getMessage().contains(": \"\\\"" + "a".repeat(63) + "…\" (102 bytes)"), e.getMessage());
    e = assertThrows(CodecException.class,
        () -> codec.decode(new byte[] {'"', (byte) 0xff, '"'}, TypeRef.of(String.class)));
    assertTrue(e.getMessage().contains("\"\\\"\\xff\\\"\" (3 bytes)"), e.getMessage());
  }

  @Test
  void refusesJsonOfTheWrongShapeRatherThanCoercingIt() {
    Object[][] cases = {
        {"123", TypeRef.of(String.class)},
        {"\"123\"", TypeRef.of(Integer.class)},
        {"\"true\"", TypeRef.of(Boolean.class)},
        {"1", TypeRef.of(Boolean.class)},
        {"1.5", TypeRef.of(Integer.class)},
        {"1.0", TypeRef.of(Long.class)},
        {"1e2", TypeRef.of(BigInteger.class)},
        {"3000000000", TypeRef.of(Integer.class)},
        {"\"1.5\"", TypeRef.of(BigDecimal.class)},
        {"\"xy\"", TypeRef.of(Character.class)},
        {"[1, 2]", new TypeRef<Map<String, Integer>>() {}},
        {"{}", new TypeRef<List<Integer>>() {}},
        {"{\"x\": 1}", new TypeRef<Map<Integer, Integer>>() {}},
        {"{\"name\": 5}", TypeRef.of(Person.class)},
        {"{\"name\": \"Ada\", \"age\": \"36\"}", TypeRef.of(Person.class)},
        {"{\"name\": \"Ada\", \"age\": 36.5}", TypeRef.of(Person.class)},
        {"{\"owner\": \"Grace\", \"balance\": \"1\"}", TypeRef.of(Account.class)},
        {"{\"owner\": \"Grace\", \"history\": [1, \"2\"]}", TypeRef.of(Account.class)},
        {"\"RED\"", TypeRef.of(Person.class)},
    };
    for (Object[] c : cases) {
      @SuppressWarnings("unchecked")
      TypeRef<Object> type = (TypeRef<Object>) c[1];
      CodecException e = assertThrows(CodecException.class, () -> decode((String) c[0], type),
          c[0] + " must not be read as " + type);
      assertTrue(e.getMessage().contains("is not a " + type + " for codec " + codec.name()), e.getMessage());
    }
  }

  @Test
  void refusesBytesThatAreNotOneUtf8JsonValue() {
    String[] texts = {"", " ", "abc", "{", "[1, 2", "1 2", "{\"a\": 1,}", "[1,]", "'a'", "{a: 1}", "01", "1.",
        ".5", "+1", "tru", "nan", "\"a", "\"\\x\"", "[1] x", "// c\n1", "\"a\u0001b\"", "{\"a\" 1}", "-"};
    for (String text : texts) {
      assertThrows(CodecException.class, () -> decode(text, ANY), () -> "must refuse " + text);
    }
    byte[][] notUtf8 = {
        {'"', (byte) 0xff, '"'},
        {'"', (byte) 0xc0, (byte) 0xaf, '"'},
        {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
        {'"', (byte) 0xe6, (byte) 0x97, '"'},
        {0, '1'},
        {'1', 0},
        {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '1'},
    };
    for (byte[] bytes : notUtf8) {
      assertThrows(CodecException.class, () -> codec.decode(bytes, ANY), () -> "must refuse " + Arrays.toString(bytes));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Concurrency

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    byte[] expected = codec.encode(ada());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 300; i++) {
            assertArrayEquals(expected, codec.encode(ada()));
            assertEquals(ada(), codec.decode(expected, TypeRef.of(Person.class)));
            assertEquals(tagged(List.of("a", "b")), roundTrip(tagged(List.of("b", "a")), TypeRef.of(Tagged.class)));
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Samples and helpers

  private static Person ada() {
    Map<String, Integer> scores = new HashMap<>();
    scores.put("b", 2);
    scores.put("a", 1);
    return new Person("Ada", 36, List.of("x", "y"), scores, new Address("Paris", null));
  }

  private static Numbers numbers() {
    return new Numbers(1, 2L, 3, 4L, (short) 5, (byte) 6, 0.1, 0.1f, BigInteger.TWO.pow(70), new BigDecimal("1.10"), 7);
  }

  private static Tagged tagged(List<String> tags) {
    Map<Integer, String> byNumber = new HashMap<>();
    byNumber.put(10, "ten");
    byNumber.put(9, "nine");
    return new Tagged("t1", new HashSet<>(tags), byNumber, Color.GREEN, 'z');
  }

  private static Account grace() {
    Map<String, Double> limits = new HashMap<>();
    limits.put("daily", 100.0);
    limits.put("atm", 20.5);
    return new Account("Grace", 10, limits, List.of(3, 1, 2));
  }

  private static <V> Map<String, V> mapOf(String k1, V v1, String k2, V v2) {
    Map<String, V> map = new HashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static Map<String, Object> mapOf(String k1, Object v1) {
    Map<String, Object> map = new HashMap<>();
    map.put(k1, v1);
    return map;
  }

  private static void assertRefused(org.junit.jupiter.api.function.Executable call, String... expected) {
    CodecException e = assertThrows(CodecException.class, call);
    for (String part : expected) {
      assertTrue(e.getMessage().contains(part), () -> "expected \"" + part + "\" in: " + e.getMessage());
    }
  }
}
