package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pottery.Pottery;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** {@link MatrixTest} as JUnit runs it: the cells, their names, narrowing, and a cell that cannot build. */
@WithRedis
class MatrixExtensionTest {
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  /**
   * Runs a case class as Surefire would: system properties are configuration parameters too, except the two
   * narrowing settings, blank unless {@code parameters} sets them, so that a build narrowed with
   * {@code -Dpottery.topology=standalone} still sees every cell here.
   */
  private static EngineExecutionResults run(Class<?> type, Map<String, String> parameters) {
    SEEN.clear();
    Map<String, String> all = new java.util.HashMap<>(Map.of("pottery.matrix", "", "pottery.topology", ""));
    all.putAll(parameters);
    return EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(true)
        .configurationParameters(all).selectors(selectClass(type)).execute();
  }

  private static List<String> names(List<Event> events) {
    return events.stream().map(event -> event.getTestDescriptor().getDisplayName()).toList();
  }

  static class CellsCase {
    @MatrixTest
    void cell(MatrixCell cell, TestKey key) {
      SEEN.add(cell);
      SEEN.add(key);
    }
  }

  @Test
  void runsEveryCellUnderItsOwnName() {
    EngineExecutionResults results = run(CellsCase.class, Map.of());
    results.testEvents().assertStatistics(stats -> stats.started(8).succeeded(8));
    assertThat(names(results.testEvents().succeeded().list()))
        .containsExactly("[jedis × jackson]", "[jedis × gson]", "[lettuce × jackson]", "[lettuce × gson]",
            "[jedis × jackson × cluster]", "[jedis × gson × cluster]", "[lettuce × jackson × cluster]",
            "[lettuce × gson × cluster]");
    assertThat(SEEN).filteredOn(MatrixCell.class::isInstance).containsExactlyElementsOf(MatrixCell.EVERY_TOPOLOGY);
    List<Object> keys = SEEN.stream().filter(TestKey.class::isInstance).toList();
    assertThat(keys).hasSize(8).doesNotHaveDuplicates()
        .allSatisfy(key -> assertThat(key.toString()).startsWith("test:CellsCase.cell:"));
  }

  @Test
  void aPropertyNarrowsTheMatrix() {
    EngineExecutionResults one = run(CellsCase.class,
        Map.of("pottery.matrix", "lettuce:gson", "pottery.topology", "standalone"));
    assertThat(names(one.testEvents().succeeded().list())).containsExactly("[lettuce × gson]");
    EngineExecutionResults jedis = run(CellsCase.class,
        Map.of("pottery.matrix", "jedis", "pottery.topology", "standalone"));
    assertThat(names(jedis.testEvents().succeeded().list())).containsExactly("[jedis × jackson]", "[jedis × gson]");
  }

  @Test
  void aNarrowingThatMatchesNothingFailsInsteadOfRunningNothing() {
    EngineExecutionResults results = run(CellsCase.class, Map.of("pottery.matrix", "lettuce:protobuf"));
    assertThat(results.containerEvents().failed().list()).singleElement().satisfies(event ->
        assertThat(event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
            .hasMessageContaining("pottery.matrix=\"lettuce:protobuf\": \"lettuce:protobuf\" matches no cell"));
    assertThat(SEEN).isEmpty();
  }

  @WithRedis
  static class PotteryCase {
    @MatrixTest
    void connects(Pottery pottery) {
      SEEN.add(pottery);
    }
  }

  /** This module has no structures, driver or codec on its class path, so every cell fails to build, loudly. */
  @Test
  void aCellWhosePotteryCannotBeBuiltFailsNamingTheCell(RedisServer server) {
    EngineExecutionResults results = run(PotteryCase.class,
        Map.of("pottery.matrix", "jedis:gson", "pottery.topology", "standalone"));
    assertThat(results.testEvents().failed().list()).singleElement().satisfies(event -> {
      assertThat(event.getTestDescriptor().getDisplayName()).isEqualTo("[jedis × gson]");
      Throwable failure = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
      assertThat(failure).hasMessageContaining("[jedis × gson] cannot build a Pottery with driver \"jedis\" and codec"
              + " \"gson\" on redis://127.0.0.1:")
          .hasMessageContaining("No io.pottery.spi.StructuresProvider on the class path")
          .hasMessageContaining("io.pottery:pottery-driver-jedis and io.pottery:pottery-codec-gson on the test class path");
    });
    assertThat(SEEN).isEmpty();
  }

  @Test
  void selectionSyntax() {
    assertThat(MatrixSelection.select(null, "standalone")).isEqualTo(MatrixCell.ALL);
    assertThat(MatrixSelection.select(" ", "standalone")).isEqualTo(MatrixCell.ALL);
    assertThat(MatrixSelection.select("*:gson", "standalone"))
        .containsExactly(new MatrixCell("jedis", "gson"), new MatrixCell("lettuce", "gson"));
    assertThat(MatrixSelection.select(":jackson", "standalone"))
        .containsExactly(new MatrixCell("jedis", "jackson"), new MatrixCell("lettuce", "jackson"));
    assertThat(MatrixSelection.select("lettuce:gson, JEDIS:jackson", "standalone"))
        .containsExactly(new MatrixCell("jedis", "jackson"), new MatrixCell("lettuce", "gson"));
    assertThat(MatrixSelection.select("lettuce,lettuce:*", "standalone"))
        .containsExactly(new MatrixCell("lettuce", "jackson"), new MatrixCell("lettuce", "gson"));
    assertThatThrownBy(() -> MatrixSelection.select("jedis:gson,redisson", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pottery.matrix=\"jedis:gson,redisson\": \"redisson\" matches no cell of jedis:jackson, jedis:gson,"
            + " lettuce:jackson, lettuce:gson; write driver[:codec[:topology]], with * for any, topology standalone or"
            + " cluster");
    assertThatThrownBy(() -> MatrixSelection.select(",", null)).hasMessageContaining("selects no cell");
  }
}
