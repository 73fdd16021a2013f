package io.pottery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The topology dimension of the matrix selection: {@code pottery.topology} and the third part of {@code pottery.matrix}. */
class MatrixSelectionTest {
  private static final MatrixCell JEDIS_JACKSON = new MatrixCell("jedis", "jackson");
  private static final MatrixCell LETTUCE_GSON = new MatrixCell("lettuce", "gson");

  @Test
  void standaloneCellsKeepTheirNamesAndClusterCellsSayCluster() {
    assertThat(JEDIS_JACKSON).hasToString("jedis × jackson");
    assertThat(JEDIS_JACKSON.topology()).isEqualTo(Topology.STANDALONE);
    assertThat(JEDIS_JACKSON.isCluster()).isFalse();
    assertThat(JEDIS_JACKSON.on(Topology.CLUSTER)).hasToString("jedis × jackson × cluster")
        .isEqualTo(new MatrixCell("jedis", "jackson", Topology.CLUSTER));
    assertThat(MatrixCell.ALL).allMatch(cell -> !cell.isCluster()).hasSize(4);
    assertThat(MatrixCell.CLUSTER).allMatch(MatrixCell::isCluster).hasSize(4);
    assertThat(MatrixCell.EVERY_TOPOLOGY).hasSize(8).startsWith(MatrixCell.ALL.toArray(MatrixCell[]::new))
        .endsWith(MatrixCell.CLUSTER.toArray(MatrixCell[]::new));
  }

  /** Both drivers connect to clusters, so by default every cell of both topologies runs. */
  @Test
  void theDefaultTopologiesAreStandaloneAndCluster() {
    assertThat(MatrixSelection.DEFAULT_TOPOLOGIES).isEqualTo("standalone,cluster");
    assertThat(MatrixSelection.select(null, null)).isEqualTo(MatrixCell.EVERY_TOPOLOGY);
    assertThat(MatrixSelection.select("lettuce:gson", "")).containsExactly(LETTUCE_GSON, LETTUCE_GSON.on(Topology.CLUSTER));
  }

  @Test
  void theTopologyPropertyChoosesTopologies() {
    assertThat(MatrixSelection.select(null, "cluster")).isEqualTo(MatrixCell.CLUSTER);
    assertThat(MatrixSelection.select(null, "standalone,cluster")).isEqualTo(MatrixCell.EVERY_TOPOLOGY);
    assertThat(MatrixSelection.select(null, " Cluster , STANDALONE ")).isEqualTo(MatrixCell.EVERY_TOPOLOGY);
    assertThat(MatrixSelection.select("jedis:jackson", "standalone,cluster"))
        .containsExactly(JEDIS_JACKSON, JEDIS_JACKSON.on(Topology.CLUSTER));
    assertThat(MatrixSelection.select("lettuce", "cluster"))
        .containsExactly(new MatrixCell("lettuce", "jackson", Topology.CLUSTER), LETTUCE_GSON.on(Topology.CLUSTER));
  }

  /** A topology in an entry is that entry's, whatever pottery.topology says. */
  @Test
  void aMatrixEntryMayNameItsTopology() {
    assertThat(MatrixSelection.select("lettuce:gson:cluster", null)).containsExactly(LETTUCE_GSON.on(Topology.CLUSTER));
    assertThat(MatrixSelection.select("lettuce:gson:cluster,jedis:jackson", "standalone"))
        .containsExactly(JEDIS_JACKSON, LETTUCE_GSON.on(Topology.CLUSTER));
    assertThat(MatrixSelection.select("lettuce:gson:cluster,jedis:jackson", null))
        .containsExactly(JEDIS_JACKSON, JEDIS_JACKSON.on(Topology.CLUSTER), LETTUCE_GSON.on(Topology.CLUSTER));
    assertThat(MatrixSelection.select("jedis:jackson:standalone", "cluster")).containsExactly(JEDIS_JACKSON);
    assertThat(MatrixSelection.select("*:*:cluster", null)).isEqualTo(MatrixCell.CLUSTER);
    assertThat(MatrixSelection.select("jedis:jackson:*", null))
        .containsExactly(JEDIS_JACKSON, JEDIS_JACKSON.on(Topology.CLUSTER));
    assertThat(MatrixSelection.select("jedis::cluster", null))
        .containsExactly(JEDIS_JACKSON.on(Topology.CLUSTER), new MatrixCell("jedis", "gson", Topology.CLUSTER));
  }

  @Test
  void aBadTopologyFailsWithTheValidNames() {
    assertThatThrownBy(() -> MatrixSelection.select(null, "sentinel"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pottery.topology=\"sentinel\": \"sentinel\" is not a topology; use standalone or cluster, or both"
            + " as standalone,cluster");
    assertThatThrownBy(() -> MatrixSelection.select(null, " , "))
        .hasMessage("pottery.topology=\" , \" names no topology; use standalone, cluster, or standalone,cluster");
    assertThatThrownBy(() -> MatrixSelection.select("lettuce:gson:clustr", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pottery.matrix=\"lettuce:gson:clustr\": in \"lettuce:gson:clustr\", \"clustr\" is not a topology;"
            + " use standalone or cluster");
    assertThatThrownBy(() -> MatrixSelection.select("lettuce:gson:cluster:x", null))
        .hasMessage("pottery.matrix=\"lettuce:gson:cluster:x\": \"lettuce:gson:cluster:x\" has 4 parts; write"
            + " driver[:codec[:topology]], e.g. lettuce:gson:cluster");
    assertThatThrownBy(() -> Topology.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void selectedReadsSystemProperties() {
    String matrix = System.getProperty(MatrixSelection.PROPERTY);
    String topology = System.getProperty(MatrixSelection.TOPOLOGY_PROPERTY);
    try {
      System.setProperty(MatrixSelection.PROPERTY, "jedis:jackson");
      System.setProperty(MatrixSelection.TOPOLOGY_PROPERTY, "standalone,cluster");
      assertThat(MatrixCell.selected()).isEqualTo(List.of(JEDIS_JACKSON, JEDIS_JACKSON.on(Topology.CLUSTER)));
    } finally {
      restore(MatrixSelection.PROPERTY, matrix);
      restore(MatrixSelection.TOPOLOGY_PROPERTY, topology);
    }
  }

  private static void restore(String name, String value) {
    if (value == null) {
      System.clearProperty(name);
    } else {
      System.setProperty(name, value);
    }
  }
}
