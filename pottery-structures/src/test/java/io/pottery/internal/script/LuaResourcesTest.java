package io.pottery.internal.script;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pottery.testkit.RawRedis;
import io.pottery.testkit.RedisServer;
import io.pottery.testkit.WithRedis;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code .lua} resource of pottery-structures: loads into a real server, has its header, and is used by
 * a class of its package (a script no class names is dead code that would drift from the Java beside it).
 */
@WithRedis
class LuaResourcesTest {

  private static Path classesRoot() throws URISyntaxException {
    return Path.of(Script.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static List<Path> luaFiles() throws IOException, URISyntaxException {
    Path root = classesRoot();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
    }
  }

  @Test
  void everyScriptLoadsIntoRedisUnderItsLocalSha1(RedisServer server) throws Exception {
    List<Path> scripts = luaFiles();
    assertThat(scripts).as("the map scripts at least").hasSizeGreaterThanOrEqualTo(5);
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      for (Path file : scripts) {
        Script script = Script.of(file.getFileName().toString(), Files.readString(file, UTF_8));
        assertThat(raw.callText("SCRIPT", "LOAD", script.text())).as(file.toString()).isEqualTo(script.sha1());
      }
    }
  }

  @Test
  void everyScriptHasAHeaderStatingKeysArgvReplyAndWhyAtomic() throws Exception {
    for (Path file : luaFiles()) {
      String header = Files.readAllLines(file, UTF_8).stream().takeWhile(line -> line.startsWith("--"))
          .reduce("", (a, b) -> a + b + "\n");
      assertThat(header).as(file + " header").contains("KEYS[1]", "ARGV[1]", "Reply:", "Atomic:");
    }
  }

  @Test
  void everyScriptDeclaresWhetherItIsIdempotentAndWhy() throws Exception {
    List<String> undeclared = new ArrayList<>();
    for (Path file : luaFiles()) {
      String header = Files.readAllLines(file, UTF_8).stream().takeWhile(line -> line.startsWith("--"))
          .reduce("", (a, b) -> a + b + "\n");
      if (!header.matches("(?s).*-- Idempotent:\\s*(yes|no), because \\S.*")) {
        undeclared.add(classesRoot().relativize(file).toString());
      }
    }
    assertThat(undeclared).as("scripts whose header lacks \"-- Idempotent: yes|no, because …\"").isEmpty();
  }

  @Test
  void scriptCommandsCarryTheDeclaredIdempotence() throws Exception {
    for (Path file : luaFiles()) {
      Script script = Script.of(file.getFileName().toString(), Files.readString(file, UTF_8));
      boolean declared = "yes".equals(Script.declaredIdempotence(script.text()));
      assertThat(script.idempotent()).as(file.toString()).isEqualTo(declared);
      assertThat(script.evalSha(List.of("k".getBytes(UTF_8)), List.of()).idempotent()).as(file + " EVALSHA").isEqualTo(declared);
      assertThat(script.eval(List.of("k".getBytes(UTF_8)), List.of()).idempotent()).as(file + " EVAL").isEqualTo(declared);
    }
    // The ones a cluster driver must never resend, whatever someone edits later.
    for (String notRepeatable : List.of("lock/redlock-acquire.lua", "nextid/nextid-propose.lua", "collections/counter-in-place.lua",
        "collections/deque-push.lua", "collections/list-insert.lua", "collections/map-compare-and-set.lua")) {
      Path file = classesRoot().resolve("io/pottery/internal/" + notRepeatable);
      assertThat(Script.of(notRepeatable, Files.readString(file, UTF_8)).idempotent()).as(notRepeatable).isFalse();
    }
  }

  @Test
  void everyScriptIsUsedByAClassOfItsPackage() throws Exception {
    List<String> unused = new ArrayList<>();
    for (Path file : luaFiles()) {
      byte[] name = file.getFileName().toString().getBytes(UTF_8);
      boolean used;
      try (Stream<Path> siblings = Files.list(file.getParent())) {
        used = siblings.filter(p -> p.toString().endsWith(".class")).anyMatch(p -> contains(read(p), name));
      }
      if (!used) {
        unused.add(classesRoot().relativize(file).toString());
      }
    }
    assertThat(unused).as("scripts no class of their package loads (delete them or use them)").isEmpty();
  }

  @Test
  void everyScriptAClassDeclaresExists() throws Exception {
    // Loading the class runs its Script.fromResource calls, which throw if a resource is missing.
    Class.forName("io.pottery.internal.collections.RedisHashMap");
    Class.forName("io.pottery.internal.lock.QuorumRedlock");
    Class.forName("io.pottery.internal.nextid.QuorumNextId");
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
