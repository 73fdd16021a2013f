package io.pottery.bench.contenders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench's copies of Pottery's Lua scripts are byte for byte the files pottery-structures runs, so the raw
 * contenders measure the same scripts as Pottery; and every script the bench copies is listed, so none is left to
 * drift. Reads the structures' files from the source tree (this module's directory is the working directory), not
 * from inside their jar, whose resource paths are internal.
 */
class ScriptCopiesTest {

  private static Path repositoryRoot() {
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("pottery-structures")).as("run from pottery-bench/ in the repository").isDirectory();
    return root;
  }

  private static byte[] copy(String name) throws IOException {
    try (InputStream in = Scripts.class.getResourceAsStream(Scripts.POTTERY_COPIES + name)) {
      assertThat(in).as(Scripts.POTTERY_COPIES + name + " on the class path").isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void everyCopyIsByteForByteTheScriptPotteryStructuresRuns() throws IOException {
    Path root = repositoryRoot();
    assertThat(Scripts.POTTERY_SOURCES).hasSize(4);
    for (Map.Entry<String, String> script : Scripts.POTTERY_SOURCES.entrySet()) {
      Path source = root.resolve(script.getValue());
      assertThat(source).as(script.getValue()).isRegularFile();
      assertThat(copy(script.getKey())).as(script.getKey() + " must equal " + script.getValue()
              + "; copy the file again after changing it")
          .isEqualTo(Files.readAllBytes(source));
    }
  }

  @Test
  void everyCopiedScriptIsListed() throws IOException {
    Path copies = Path.of("src/main/resources" + Scripts.POTTERY_COPIES);
    try (var files = Files.list(copies)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(Scripts.POTTERY_SOURCES.keySet());
    }
  }

  @Test
  void theScriptsTheRawContendersRunAreTheCopies() throws IOException {
    assertThat(Scripts.REDLOCK_ACQUIRE.text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(copy("redlock-acquire.lua"));
    assertThat(Scripts.MAP_PUT.text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(copy("map-put.lua"));
  }
}
