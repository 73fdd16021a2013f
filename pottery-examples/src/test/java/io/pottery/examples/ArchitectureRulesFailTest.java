package io.pottery.examples;

import static io.pottery.examples.ArchitectureTest.dependOnlyOnJavaAnd;
import static io.pottery.examples.ArchitectureTest.neverUse;
import static io.pottery.examples.ArchitectureTest.onlyPackageUses;
import static io.pottery.examples.ArchitectureTest.packagesAreFreeOfCycles;
import static io.pottery.examples.ArchitectureTest.publicMethodsReturnApiOrJavaTypes;
import static io.pottery.examples.ArchitectureTest.seeOnlyTheApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.pottery.Pottery;
import io.pottery.examples.ArchitectureTest.Artifact;
import io.pottery.examples.archfixture.LeakyExample;
import io.pottery.examples.archfixture.floor.Floor;
import io.pottery.examples.archfixture.roof.Roof;
import io.pottery.examples.archfixture.MonitorExample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of rule in {@link ArchitectureTest} fails on a class that breaks it, and on no classes at all. */
class ArchitectureRulesFailTest {
  private final Artifact api = ArchitectureTest.artifact("pottery-api", Pottery.class);
  private final Artifact examples = ArchitectureTest.artifact("pottery-examples", Tour.class);
  private final JavaClasses leaky = new ClassFileImporter().importClasses(LeakyExample.class);

  @Test
  void ruleFailsOnAClassOutsideTheApiAndTheJdk() {
    assertThatThrownBy(() -> dependOnlyOnJavaAnd("test", api).check(leaky))
        .isInstanceOf(AssertionError.class).hasMessageContaining("redis.clients.jedis.UnifiedJedis");
  }

  @Test
  void ruleFailsOnALibraryUsedOutsideItsAdapter() {
    assertThatThrownBy(() -> onlyPackageUses("io.pottery.driver.jedis..", "redis.clients..").check(leaky))
        .isInstanceOf(AssertionError.class).hasMessageContaining("UnifiedJedis");
    assertThatThrownBy(() -> onlyPackageUses("io.pottery.codec.gson..", "com.google.gson..").check(leaky))
        .isInstanceOf(AssertionError.class).hasMessageContaining("com.google.gson.Gson");
  }

  @Test
  void ruleFailsOnInternalsOrLibraryTypesInPublicSignatures() {
    assertThatThrownBy(() -> neverUse("test", "io.pottery.internal..").check(leaky))
        .isInstanceOf(AssertionError.class).hasMessageContaining("PotteryAssembly");
    assertThatThrownBy(() -> seeOnlyTheApi(examples).check(leaky))
        .isInstanceOf(AssertionError.class).hasMessageContaining("PotteryAssembly");
    assertThatThrownBy(() -> publicMethodsReturnApiOrJavaTypes().check(leaky))
        .isInstanceOf(AssertionError.class).hasMessageContaining("jedis()").hasMessageContaining("gson()");
  }

  @Test
  void ruleFailsOnTwoPackagesThatDependOnEachOther() {
    JavaClasses cycle = new ClassFileImporter().importClasses(Floor.class, Roof.class);
    assertThatThrownBy(() -> packagesAreFreeOfCycles().check(cycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("io.pottery.examples.archfixture.floor")
        .hasMessageContaining("io.pottery.examples.archfixture.roof");
    // Either class alone has no cycle to find: the failure above is the cycle's, not the classes'.
    packagesAreFreeOfCycles().check(new ClassFileImporter().importClasses(Floor.class));
  }

  @Test
  void rulesRefuseToPassOnNoClasses() {
    JavaClasses none = new ClassFileImporter().importClasses(List.of());
    assertThatThrownBy(() -> dependOnlyOnJavaAnd("test", api).check(none)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> neverUse("test", "redis.clients..").check(none)).isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> packagesAreFreeOfCycles().check(none)).isInstanceOf(AssertionError.class);
  }

  @Test
  void ruleFailsOnWaitingInsideAMonitor() throws Exception {
    JavaClasses monitors = new ClassFileImporter().importClasses(MonitorExample.class);
    assertThatThrownBy(() -> ArchitectureTest.noMonitors().check(monitors))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ready()").hasMessageContaining("wait(long)").hasMessageContaining("notifyAll()");
    // The bytecode scan, on the fixture's own class file: both synchronized blocks, not the method whose only 0xC2
    // byte is an operand, and not the synchronized method (a modifier, no monitorenter: the rule above sees it).
    byte[] classFile;
    try (var in = MonitorExample.class.getResourceAsStream("MonitorExample.class")) {
      classFile = in.readAllBytes();
    }
    assertThat(MonitorEnterScan.methodsWithMonitorEnter(classFile)).containsExactlyInAnyOrder(
        MonitorExample.class.getName() + ".awaitReady", MonitorExample.class.getName() + ".signal");
    Path classes = Path.of(MonitorExample.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThatThrownBy(() -> ArchitectureTest.checkNoSynchronizedBlocks(classes))
        .isInstanceOf(AssertionError.class).hasMessageContaining(MonitorExample.class.getName() + ".signal");
    assertThatThrownBy(() -> ArchitectureTest.noMonitors().check(new ClassFileImporter().importClasses(List.of())))
        .isInstanceOf(AssertionError.class);
  }
}
