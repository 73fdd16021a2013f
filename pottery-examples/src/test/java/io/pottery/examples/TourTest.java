package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pottery.spi.RedisEndpoint;
import io.pottery.testkit.MatrixCell;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.RedisSource;
import io.pottery.testkit.WithRedis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@WithRedis
class TourTest {

  /**
   * Every step on every cell, the shared Redis Cluster included: the tour's keys share one hash tag
   * ({@code tour:{<random>}:…}), so its set algebra and HyperLogLog merges run on a cluster too.
   */
  @MatrixTest
  void showsRedisMapOnEveryDriverAndCodecAndLeavesNoKeyBehind(MatrixCell cell, RedisServer server) {
    String output = runTour(server.uri(), builder -> builder.driver(cell.driver()).codec(cell.codec()));

    assertThat(output).contains("// Redis:  " + RedisEndpoint.parse(server.uri()).redacted() + " (from the test)");
    assertThat(output).contains("// Driver: " + cell.driver() + ", codec: " + cell.codec());
    assertThat(resultOf(output, "tel.put(\"jack\", 4098);")).isEqualTo("null");
    assertThat(resultOf(output, "tel.get(\"jack\");")).isEqualTo("4098");
    assertThat(resultOf(output, "tel.fastPut(\"guido\", 4127);")).startsWith("true");
    assertThat(resultOf(output, "tel.putIfAbsent(\"jack\", 1);")).startsWith("4098");
    assertThat(resultOf(output, "tel.putIfAbsent(\"irv\", 4127);")).isEqualTo("null");
    assertThat(resultOf(output, "tel.containsKey(\"guido\");")).isEqualTo("true");
    assertThat(resultOf(output, "tel.size();")).isEqualTo("4");
    assertThat(resultOf(output, "tel.getAll(List.of(\"jack\", \"nobody\", \"guido\"));"))
        .startsWith("{jack=4098, guido=4127}");
    assertThat(output).contains("//   jack = 4098\n", "//   sape = 4139\n", "//   guido = 4127\n", "//   irv = 4127\n");
    assertThat(output).contains("//   \"\\\"jack\\\"\" -> \"4098\"\n", "//   \"\\\"guido\\\"\" -> \"4127\"\n");
    assertThat(resultOf(output, "tel.remove(\"jack\", 1);")).startsWith("false");
    assertThat(resultOf(output, "tel.remove(\"sape\");")).isEqualTo("4139");
    assertThat(resultOf(output, "tel.values().removeIf(number -> number == 4127);")).startsWith("true");
    assertThat(resultOf(output, "new TreeMap<>(tel);")).startsWith("{jack=4098}");
    assertThat(resultOf(output, "tel.put(\"nobody\", null);")).startsWith("throws NullPointerException");
    assertThat(resultOf(output, "hits.get(\"home\");")).startsWith("402 ");
    assertThat(resultOf(output, "hits.isEmpty();")).isEqualTo("true");
    assertThat(resultOf(output, "squares.indexOf(16);")).startsWith("3 ");
    assertThat(resultOf(output, "squares.add(-1, 36);")).startsWith("throws IndexOutOfBoundsException");
    assertThat(resultOf(output, "squares;")).startsWith("[25, 16, 9]");
    assertThat(output).contains("elements are JSON, as Python pottery writes them (LRANGE tour:");
    assertThat(resultOf(output, "recent;")).isEqualTo("[y, x, b]");
    assertThat(resultOf(output, "recent.pollLast();")).startsWith("\"x\"");
    assertThat(resultOf(output, "recent.asList();")).startsWith("[b, y]");
    assertThat(resultOf(output, "fruits.containsMany(List.of(\"apple\", \"kiwi\", \"cherry\"));")).startsWith("[true, false, true]");
    assertThat(resultOf(output, "new TreeSet<>(fruits.intersection(tropical));")).startsWith("[banana]");
    assertThat(resultOf(output, "fruits.unionStore(both, List.of(tropical));")).startsWith("5");
    assertThat(resultOf(output, "fruits.isSubsetOf(both);")).startsWith("true");
    assertThat(resultOf(output, "new TreeSet<>(fruits);")).startsWith("[apple]");
    assertThat(output).contains("//   \"\\\"apple\\\"\"\n");
    assertThat(resultOf(output, "letters.count(\"z\");")).startsWith("0");
    assertThat(resultOf(output, "letters.mostCommon(2);")).startsWith("[a=3, l=2]");
    assertThat(resultOf(output, "letters.asMap().get(\"z\");")).startsWith("-1");
    assertThat(resultOf(output, "letters.total();")).startsWith("7");
    assertThat(resultOf(output, "new TreeMap<>(letters.asMap());")).startsWith("{a=3, d=1, g=1, h=1}");
    assertThat(output).contains("//   \"\\\"a\\\"\" -> \"3\"\n");
    assertThat(resultOf(output, "dilberts.bitSize();")).startsWith("959 ");
    assertThat(resultOf(output, "dilberts.hashCount();")).startsWith("7 ");
    assertThat(output).contains("// The bits set, as GETBIT reads them: [8, 183, 319, 471, 585, 711, 787]");
    assertThat(resultOf(output, "dilberts.containsMany(List.of(\"rajiv\", \"raj\", \"eric\"));"))
        .startsWith("[true, true, false]");
    assertThat(resultOf(output, "dilberts.approximateSize();")).startsWith("3 ");
    assertThat(resultOf(output, "google.containsMany(List.of(\"woz\", \"sundar\"));")).startsWith("[true, false]");
    assertThat(resultOf(output, "fib.cacheInfo();"))
        .isEqualTo("CacheInfo[hits=1, misses=1, maxSize=OptionalLong.empty, currSize=1]");
    assertThat(output).contains("\"[32]\" -> \"2178309\"");
    assertThat(resultOf(output, "names.misses();")).startsWith("[7, 9]");
    assertThat(resultOf(output, "names;")).startsWith("{7=user7, 3=user3, 9=user9}");
    assertThat(resultOf(output, "printer.tryLock();")).startsWith("true");
    assertThat(resultOf(output, "printer.fencingToken();")).startsWith("OptionalLong[1]");
    assertThat(output).containsPattern("pottery\\.redlock\\(\"tour:\\{[0-9a-f]{8}\\}:printer\"\\)\\.tryLock\\(\\); +// false");
    assertThat(resultOf(output, "printer.locked().isZero();")).startsWith("true");
    assertThat(output).containsPattern("ids\\.nextLong\\(\\); +// 2");
    Matcher deleted = Pattern.compile("Deleted the tour's keys \\((tour:\\{[0-9a-f]{8}\\}:tel, tour:\\{[0-9a-f]{8}\\}:hits"
        + "(, [^,()]*tour:\\{[0-9a-f]{8}\\}:[^,()]*)*)\\); 0 of them left in Redis").matcher(output);
    assertThat(deleted.find()).as("the clean-up line in:%n%s", output).isTrue();

    try (RawRedis raw = server.client()) {
      for (String key : deleted.group(1).split(", ")) {
        assertThat(raw.call("EXISTS", key)).as("key %s left behind by the tour", key).isEqualTo(0L);
      }
      if (cell.isCluster()) {
        return;
      }
      assertThat((List<?>) raw.callText("KEYS", "tour:*")).as("keys left behind by the tour").isEmpty();
      if (server.source().controllable()) {
        // This class's own server: nothing else writes to it, so any key at all was left by the tour.
        assertThat(raw.call("DBSIZE")).as("keys left behind by the tour").isEqualTo(0L);
      }
    }
  }

  @Test
  void startsAThrowawayRedisWhenItCannotConnectAndStopsItAfterwards() throws IOException {
    assumeTrue(RedisSource.selected().controllable(),
        "the tour falls back to the testkit's servers, which are shared here (POTTERY_TEST_REDIS), not throwaway");
    String nowhere = "redis://127.0.0.1:" + freePort() + "/0";

    String output = runTour(nowhere, UnaryOperator.identity());

    assertThat(output).contains("// No Redis at " + nowhere + ", so the tour starts its own (");
    Matcher throwaway = Pattern.compile("// Redis:  redis://127\\.0\\.0\\.1:(\\d+)/0, a throwaway ").matcher(output);
    assertThat(throwaway.find()).as("a line naming the throwaway server in:%n%s", output).isTrue();
    assertThat(resultOf(output, "hits.get(\"home\");")).startsWith("402 ");
    int port = Integer.parseInt(throwaway.group(1));
    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      }
    }).as("the throwaway server on port %d is stopped", port).isInstanceOf(IOException.class);
  }

  @Test
  void everySectionHasATitleAndTheMapComesFirst() {
    assertThat(Tour.SECTIONS).isNotEmpty();
    assertThat(Tour.SECTIONS.get(0)).isInstanceOf(MapTour.class);
    assertThat(Tour.SECTIONS).allSatisfy(section -> assertThat(section.title()).isNotBlank());
  }

  private static String runTour(String url, UnaryOperator<io.pottery.Pottery.Builder> choices) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      Tour.run(url, "from the test", choices, out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The comment after the step's code, e.g. {@code 4098 -- note}; fails if the step is not in the output. */
  private static String resultOf(String output, String code) {
    List<String> lines = output.lines().filter(line -> line.startsWith(code + " ")).toList();
    assertThat(lines).as("the step %s in:%n%s", code, output).hasSize(1);
    String line = lines.get(0);
    return line.substring(line.indexOf("// ", code.length()) + 3);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
