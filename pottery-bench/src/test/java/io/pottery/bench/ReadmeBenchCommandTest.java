package io.pottery.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's bench command builds this module and runs {@link BenchMain}, and its charts are committed. */
class ReadmeBenchCommandTest {
  private static final Path ROOT = Path.of("..");

  @Test
  void readmeBenchCommandBuildsTheJarAndRunsBenchMain() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
    int mark = lines.indexOf("<!-- command:bench -->");
    assertThat(mark).as("a <!-- command:bench --> line in README.md").isNotNegative();
    assertThat(lines.get(mark + 1)).isEqualTo("```sh");
    assertThat(lines.get(mark + 2))
        .isEqualTo("./mvnw -q -pl pottery-bench -am -DskipTests package && " + BenchMain.COMMAND);
  }

  @Test
  void chartsTheReadmeShowsAreCommittedPngs() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    for (String family : List.of("redlock", "nextid", "collections")) {
      String path = "pottery-bench/results/" + family + ".png";
      assertThat(readme).contains("](" + path + ")");
      assertThat(ROOT.resolve(path)).isRegularFile();
    }
  }
}
