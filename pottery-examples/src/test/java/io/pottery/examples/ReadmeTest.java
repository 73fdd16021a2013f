package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pottery.CacheInfo;
import io.pottery.ContextTimer;
import io.pottery.Pottery;
import io.pottery.RedisCounter;
import io.pottery.RedisMap;
import io.pottery.RedisSet;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps README.md honest: its Java snippets are the regions of {@link ReadmeExamples} (which run here on every
 * driver and codec), its test command is the one CI runs, its tour command runs the tour profile, its tour
 * excerpt is what the tour prints, and the artifacts it names exist.
 */
@WithRedis
class ReadmeTest {
  private static final Path ROOT = Path.of(System.getProperty("examples.repositoryRoot", "..")).toAbsolutePath().normalize();
  private static final Path README = ROOT.resolve("README.md");
  private static final Path EXAMPLE_SOURCES = ROOT.resolve("pottery-examples/src/main/java");
  private static final Pattern SNIPPET_MARK = Pattern.compile("<!-- snippet:(\\S+) -->");
  private static final Pattern COMMAND_MARK = Pattern.compile("<!-- command:(\\S+) -->");
  private static final Pattern REGION_START = Pattern.compile("// snippet:(\\S+)");
  private static final String REGION_END = "// end-snippet";

  @Test
  void everyReadmeSnippetEqualsItsRegionInTheExampleSources() {
    Map<String, String> snippets = fencedBlocksAfter(SNIPPET_MARK);
    Map<String, String> regions = sourceRegions();
    assertThat(snippets.keySet()).as("snippets in README.md").contains("quickstart", "redismap", "redisset",
        "rediscounter", "choose", "bloomfilter", "hyperloglog", "memoize", "cachedorderedmap", "contexttimer");
    for (Map.Entry<String, String> snippet : snippets.entrySet()) {
      String region = regions.get(snippet.getKey());
      if (region == null) {
        fail("README.md shows snippet \"%s\", but no example source under %s marks a region "
            + "\"// snippet:%s\" ... \"// end-snippet\"", snippet.getKey(), EXAMPLE_SOURCES, snippet.getKey());
      }
      assertThat(snippet.getValue())
          .as("README.md snippet \"%s\" must equal the region in %s (up to indentation); copy the region "
              + "into the README", snippet.getKey(), EXAMPLE_SOURCES)
          .isEqualTo(region);
    }
  }

  @Test
  void everyRegionInTheExampleSourcesIsShownInTheReadme() {
    Map<String, String> regions = sourceRegions();
    assertThat(regions).as("marked regions under %s", EXAMPLE_SOURCES).isNotEmpty();
    assertThat(fencedBlocksAfter(SNIPPET_MARK).keySet()).as("snippets in README.md").containsAll(regions.keySet());
  }

  @Test
  void everyJavaBlockInTheReadmeIsACheckedSnippet() {
    List<String> lines = readmeLines();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("```java")) {
        String previous = i == 0 ? "" : lines.get(i - 1).trim();
        assertThat(SNIPPET_MARK.matcher(previous).matches())
            .as("README.md line %d opens a Java block without a <!-- snippet:name --> line above it, so no test "
                + "would check it", i + 1)
            .isTrue();
      }
    }
  }

  @MatrixTest
  void quickStartRunsOnEveryDriverAndCodec(MatrixCell cell, RedisServer server, Pottery pottery) {
    // The quick start connects as a user would, so the cell is chosen the way a user would choose it.
    String driver = System.setProperty("pottery.driver", cell.driver());
    String codec = System.setProperty("pottery.codec", cell.codec());
    try {
      ReadmeExamples.quickStart(server.uri());
    } finally {
      restore("pottery.driver", driver);
      restore("pottery.codec", codec);
    }
    RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
    try {
      assertThat(Map.copyOf(tel)).isEqualTo(Map.of("jack", 4098, "sape", 4139, "guido", 1));
    } finally {
      tel.clear();
    }
  }

  @MatrixTest
  void redisMapSnippetRunsOnEveryDriverAndCodec(Pottery pottery) {
    Map<String, Integer> some = ReadmeExamples.redisMap(pottery);
    RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
    try {
      assertThat(some).containsExactly(Map.entry("jack", 4098), Map.entry("sape", 4140));
      assertThat(Map.copyOf(tel)).isEqualTo(Map.of("jack", 4098, "sape", 4140));
    } finally {
      tel.clear();
    }
  }

  @MatrixTest(standaloneOnlyBecause = "the README's RedisSet snippet intersects \"fruits\" and \"tropical\", which"
      + " a cluster puts in different hash slots; there it throws CrossSlotException by design")
  void redisSetSnippetRunsOnEveryDriverAndCodec(Pottery pottery) {
    RedisSet<String> fruits = pottery.set("fruits", String.class);
    RedisSet<String> tropical = pottery.set("tropical", String.class);
    try {
      assertThat(ReadmeExamples.redisSet(pottery)).containsExactly("banana");
      assertThat(Set.copyOf(fruits)).isEqualTo(Set.of("apple", "kiwi"));
    } finally {
      fruits.clear();
      tropical.clear();
    }
  }

  @MatrixTest
  void redisCounterSnippetRunsOnEveryDriverAndCodec(Pottery pottery) {
    RedisCounter<String> letters = pottery.counter("letters", String.class);
    try {
      assertThat(ReadmeExamples.redisCounter(pottery)).containsExactly(Map.entry("a", 3L), Map.entry("l", 2L));
      assertThat(Map.copyOf(letters.asMap())).isEqualTo(Map.of("a", 3L, "g", 1L, "h", 1L, "d", 1L));
    } finally {
      letters.clear();
    }
  }

  @MatrixTest
  void asyncSnippetRunsOnEveryDriverAndCodec(Pottery pottery) {
    try {
      long token = ReadmeExamples.async(pottery);
      assertThat(token).isPositive();
      assertThat(pottery.map("tel", String.class, Integer.class).get("jack")).isEqualTo(4098);
      io.pottery.Redlock check = pottery.redlock("printer");
      assertThat(check.acquire(false)).as("the snippet released the lock").isTrue();
      check.release();
    } finally {
      pottery.map("tel", String.class, Integer.class).clear();
      pottery.nextId("order-ids").reset();
    }
  }

  @MatrixTest
  void virtualThreadsSnippetRunsOnEveryDriverAndCodec(Pottery pottery) throws Exception {
    try {
      List<Long> ids = ReadmeExamples.virtualThreads(pottery);
      assertThat(ids).hasSize(100).doesNotHaveDuplicates();
    } finally {
      pottery.nextId("order-ids").reset();
    }
  }

  @MatrixTest
  void bloomFilterSnippetRunsOnEveryDriverAndCodec(Pottery pottery) {
    try {
      assertThat(ReadmeExamples.bloomFilter(pottery)).containsExactly(true, false, 3L);
    } finally {
      pottery.bloomFilter("dilberts", 100, 0.01, String.class).clear();
    }
  }

  @MatrixTest(standaloneOnlyBecause = "the README's HyperLogLog snippet merges \"apple\" into \"google\", which a"
      + " cluster puts in different hash slots; there it throws CrossSlotException by design")
  void hyperLogLogSnippetRunsOnEveryDriverAndCodec(Pottery pottery) {
    try {
      assertThat(ReadmeExamples.hyperLogLog(pottery)).containsExactly(2L, 4L, List.of(true, false));
    } finally {
      pottery.hyperLogLog("google", String.class).clear();
      pottery.hyperLogLog("apple", String.class).clear();
    }
  }

  @MatrixTest
  void memoizeSnippetRunsOnEveryDriverAndCodec(Pottery pottery, RedisServer server) {
    List<Object> results = ReadmeExamples.memoize(pottery);
    assertThat(results).containsExactly(832040L, 832040L,
        new CacheInfo(1, 1, OptionalLong.empty(), 1), "hello, raj");
    try (RawRedis raw = server.client()) {
      // One key per EXISTS: on a cluster the two caches lie in different slots.
      assertThat(List.of(raw.call("EXISTS", "fib-cache"), raw.call("EXISTS", "greet-cache")))
          .as("both caches cleared").containsOnly(0L);
    }
  }

  @MatrixTest
  void cachedOrderedMapSnippetRunsOnEveryDriverAndCodec(Pottery pottery, RedisServer server) {
    try {
      assertThat(ReadmeExamples.cachedOrderedMap(pottery)).containsExactly(
          List.of(7, 3, 9), Map.of(7, "user7", 3, "user3", 9, "user9"), List.of(7, 3, 9));
      assertThat(ReadmeExamples.cachedOrderedMap(pottery).get(0)).as("cached the second time").isEqualTo(List.of());
    } finally {
      try (RawRedis raw = server.client()) {
        raw.call("UNLINK", "user-names");
      }
    }
  }

  @Test
  void contextTimerSnippetStopsTheTimer() throws InterruptedException {
    ContextTimer timer = ReadmeExamples.contextTimer();
    assertThat(timer.isRunning()).isFalse();
    assertThat(timer.elapsedMillis()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void chooseSnippetPicksJedisAndGson(RedisServer server) {
    try (Pottery pottery = ReadmeExamples.choose(server.uri())) {
      assertThat(pottery.driverName()).isEqualTo("jedis");
      assertThat(pottery.codecName()).isEqualTo("gson");
    }
  }

  @Test
  void tourExcerptIsWhatTheTourPrints(RedisServer server) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Tour.run(server.uri(), "from the test", UnaryOperator.identity(), out);
    }
    List<String> printed = bytes.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    String excerpt = fencedBlocksAfter(Pattern.compile("<!-- (tour-output) -->")).get("tour-output");
    assertThat(excerpt).as("the tour excerpt in README.md").isNotBlank();
    for (String line : excerpt.lines().collect(Collectors.toList())) {
      assertThat(printed).as("lines the tour printed").contains(line);
    }
  }

  @Test
  void testCommandIsExactlyTheOneCiRuns() throws IOException {
    List<String> ciCommands = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
        .map(String::trim)
        .filter(line -> line.startsWith("./mvnw"))
        .collect(Collectors.toList());
    assertThat(ciCommands).as("./mvnw commands in .ci/run").hasSize(1);
    assertThat(command("test")).as("README.md's test command").isEqualTo(ciCommands.get(0));
  }

  @Test
  void tourCommandRunsTheTourProfile() throws Exception {
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(ROOT.resolve("pottery-examples/pom.xml").toFile());
    Element tour = null;
    NodeList profiles = pom.getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      if (childText(profile, "id").equals("tour")) {
        tour = profile;
      }
    }
    assertThat(tour).as("profile \"tour\" in pottery-examples/pom.xml").isNotNull();
    Element execution = (Element) tour.getElementsByTagName("execution").item(0);
    assertThat(tour.getElementsByTagName("artifactId").item(0).getTextContent()).isEqualTo("exec-maven-plugin");
    assertThat(childText(execution, "phase")).isEqualTo("package");
    assertThat(execution.getElementsByTagName("goal").item(0).getTextContent()).isEqualTo("java");
    assertThat(execution.getElementsByTagName("mainClass").item(0).getTextContent()).isEqualTo(Tour.class.getName());

    assertThat(command("tour")).isEqualTo("./mvnw -q -pl pottery-examples -am -Ptour -DskipTests package");
  }

  @Test
  void everyArtifactTheReadmeNamesIsAModuleOfThisVersion() throws Exception {
    String readme = Files.readString(README);
    Document parent = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
    String version = childText(parent.getDocumentElement(), "version");
    TreeSet<String> named = new TreeSet<>();
    Matcher artifact = Pattern.compile("(?:io\\.pottery:|<artifactId>)(pottery-[a-z-]+)").matcher(readme);
    while (artifact.find()) {
      named.add(artifact.group(1));
    }
    assertThat(named).as("artifacts README.md names").contains("pottery-api", "pottery-structures", "pottery-bom",
        "pottery-driver-jedis", "pottery-driver-lettuce", "pottery-codec-jackson", "pottery-codec-gson");
    for (String name : named) {
      assertThat(ROOT.resolve(name).resolve("pom.xml")).as("module of artifact %s", name).isRegularFile();
    }
    Matcher versions = Pattern.compile("<version>([^<]+)</version>").matcher(readme);
    int count = 0;
    while (versions.find()) {
      assertThat(versions.group(1)).as("a version in README.md").isEqualTo(version);
      count++;
    }
    assertThat(count).as("versions in README.md").isPositive();
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }

  private static String childText(Element parent, String tag) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element && child.getNodeName().equals(tag)) {
        return child.getTextContent().trim();
      }
    }
    return "";
  }

  /** The single line of the fenced block after {@code <!-- command:name -->}. */
  private static String command(String name) {
    String block = fencedBlocksAfter(COMMAND_MARK).get(name);
    assertThat(block).as("a block after <!-- command:%s --> in README.md", name).isNotNull();
    assertThat(block.lines().count()).as("lines in README.md's %s command", name).isEqualTo(1);
    return block.trim();
  }

  private static List<String> readmeLines() {
    try {
      return Files.readAllLines(README);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each marker's name → the fenced block right below it, dedented. */
  private static Map<String, String> fencedBlocksAfter(Pattern marker) {
    List<String> lines = readmeLines();
    Map<String, String> blocks = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher mark = marker.matcher(lines.get(i).trim());
      if (!mark.matches()) {
        continue;
      }
      String name = mark.group(1);
      assertThat(i + 1 < lines.size() && lines.get(i + 1).trim().startsWith("```"))
          .as("README.md line %d: %s must be followed directly by a ``` block", i + 1, lines.get(i).trim())
          .isTrue();
      List<String> body = new ArrayList<>();
      int j = i + 2;
      while (j < lines.size() && !lines.get(j).trim().equals("```")) {
        body.add(lines.get(j));
        j++;
      }
      assertThat(j).as("README.md: the block after line %d is not closed", i + 1).isLessThan(lines.size());
      assertThat(blocks.put(name, dedent(body))).as("README.md marks \"%s\" twice", name).isNull();
      i = j;
    }
    return blocks;
  }

  /** Each region's name → its lines between the markers, dedented, from every example source. */
  private static Map<String, String> sourceRegions() {
    Map<String, String> regions = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(EXAMPLE_SOURCES)) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java")).sorted()::iterator) {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher start = REGION_START.matcher(lines.get(i).trim());
          if (!start.matches()) {
            continue;
          }
          List<String> body = new ArrayList<>();
          int j = i + 1;
          while (j < lines.size() && !lines.get(j).trim().equals(REGION_END)) {
            assertThat(REGION_START.matcher(lines.get(j).trim()).matches())
                .as("%s line %d: a region starts inside region \"%s\"", file, j + 1, start.group(1)).isFalse();
            body.add(lines.get(j));
            j++;
          }
          assertThat(j).as("%s: region \"%s\" has no %s", file, start.group(1), REGION_END).isLessThan(lines.size());
          assertThat(regions.put(start.group(1), dedent(body)))
              .as("region \"%s\" is marked twice under %s", start.group(1), EXAMPLE_SOURCES).isNull();
          i = j;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  /**
   * The lines without their common indentation, trailing spaces, or blank lines at either end, joined with
   * {@code \n}.
   */
  static String dedent(List<String> lines) {
    int indent = lines.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      kept.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
    }
    while (!kept.isEmpty() && kept.get(0).isEmpty()) {
      kept.remove(0);
    }
    while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
      kept.remove(kept.size() - 1);
    }
    return String.join("\n", kept);
  }
}
