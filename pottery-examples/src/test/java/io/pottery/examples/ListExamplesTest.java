package io.pottery.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.Pottery;
import io.pottery.testkit.MatrixTest;
import io.pottery.testkit.WithRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's RedisList and RedisDeque examples ({@link ListExamples}) on every driver and codec, and
 * checks that README.md shows each of their regions verbatim (up to indentation) under its snippet mark.
 */
@WithRedis
class ListExamplesTest {
  private static final Path ROOT = Path.of(System.getProperty("examples.repositoryRoot", "..")).toAbsolutePath().normalize();

  @MatrixTest
  void redisListExampleDoesWhatItsCommentsSay(Pottery pottery) {
    pottery.list("squares", Integer.class).clear();
    assertThat(ListExamples.redisList(pottery)).containsExactly(25, 16, 9);
    pottery.list("squares", Integer.class).clear();
  }

  @MatrixTest
  void redisDequeExampleDoesWhatItsCommentsSay(Pottery pottery) {
    pottery.deque("recent", String.class).clear();
    assertThat(ListExamples.redisDeque(pottery)).containsExactly("z", "y");
    pottery.deque("recent", String.class).clear();
  }

  @Test
  void theReadmeShowsEachRegion() throws IOException {
    String source = Files.readString(ROOT.resolve("pottery-examples/src/main/java/io/pottery/examples/ListExamples.java"));
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher region = Pattern.compile("// snippet:(\\S+)\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL).matcher(source);
    List<String> names = new ArrayList<>();
    while (region.find()) {
      names.add(region.group(1));
      String expected = dedent(region.group(2));
      Matcher shown = Pattern.compile("<!-- snippet:" + Pattern.quote(region.group(1)) + " -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
          .matcher(readme);
      assertThat(shown.find()).as("README.md has <!-- snippet:%s -->", region.group(1)).isTrue();
      assertThat(dedent(shown.group(1))).as("README.md snippet %s equals the region in ListExamples", region.group(1))
          .isEqualTo(expected);
    }
    assertThat(names).containsExactly("redislist", "redisdeque");
  }

  private static String dedent(String block) {
    List<String> lines = block.lines().collect(Collectors.toList());
    int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip()).collect(Collectors.joining("\n"));
  }
}
