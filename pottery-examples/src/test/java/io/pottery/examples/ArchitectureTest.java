package io.pottery.examples;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.pottery.Pottery;
import io.pottery.micrometer.PotteryMetrics;
import io.pottery.spi.Codec;
import io.pottery.spi.RedisDriver;
import io.pottery.spi.StructuresProvider;
import io.pottery.testkit.RedisServers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md §1 and STYLE.md §2 as ArchUnit rules, each checked against the classes of the artifact it is about.
 * This module sees every artifact as a user does, so the classes are imported from where each artifact's jar
 * (or classes directory, inside the reactor) is: the api from where {@link Pottery} loads, the others from
 * where their ServiceLoader entry class loads. Every rule refuses to pass on an empty set of classes, and
 * {@link ArchitectureRulesFailTest} shows each kind of rule failing on a class that breaks it.
 */
class ArchitectureTest {
  private static final String[] LIBRARY_PACKAGES = {"redis.clients..", "io.lettuce..", "io.netty..",
      "com.fasterxml..", "com.google.gson.."};

  /**
   * The example that hands Pottery an application's own Lettuce or Jedis objects: "bring your own client" is
   * written against the driver's public factory and the client library, as users write it.
   */
  private static final DescribedPredicate<JavaClass> NOT_BRING_YOUR_OWN_CLIENT = describe(
      "not BringYourOwnClientExamples", type -> !type.getName().equals("io.pottery.examples.BringYourOwnClientExamples"));

  /** One artifact: where its classes are, and those classes. */
  record Artifact(String name, Path location, JavaClasses classes) {
    DescribedPredicate<JavaClass> owns() {
      return describe("in " + name, type -> classes.contain(type.getName()));
    }
  }

  private static Artifact api;
  private static Artifact structures;
  private static Artifact jedis;
  private static Artifact lettuce;
  private static Artifact jackson;
  private static Artifact gson;
  private static Artifact testkit;
  private static Artifact examples;
  private static Artifact micrometer;
  private static Artifact starter;

  @BeforeAll
  static void importArtifacts() {
    api = artifact("pottery-api", Pottery.class);
    structures = artifact("pottery-structures", provider(StructuresProvider.class, StructuresProvider::name, null));
    jedis = artifact("pottery-driver-jedis", provider(RedisDriver.class, RedisDriver::name, "jedis"));
    lettuce = artifact("pottery-driver-lettuce", provider(RedisDriver.class, RedisDriver::name, "lettuce"));
    jackson = artifact("pottery-codec-jackson", provider(Codec.class, Codec::name, "jackson"));
    gson = artifact("pottery-codec-gson", provider(Codec.class, Codec::name, "gson"));
    testkit = artifact("pottery-testkit", RedisServers.class);
    examples = artifact("pottery-examples", Tour.class);
    micrometer = artifact("pottery-micrometer", PotteryMetrics.class);
    starter = artifactOfClassFile("pottery-spring-boot-starter", "io.pottery.spring.boot.PotteryAutoConfiguration");
  }

  // --- The rules, as functions of the artifacts they allow, so the ruleFails tests can reuse them.

  /** Classes that depend on nothing but the JDK and the given artifacts. */
  static ArchRule dependOnlyOnJavaAnd(String why, Artifact... allowed) {
    DescribedPredicate<JavaClass> permitted = resideInAPackage("java..");
    for (Artifact artifact : allowed) {
      permitted = permitted.or(artifact.owns());
    }
    return classes().should().onlyDependOnClassesThat(baseType(permitted)).because(why).allowEmptyShould(false);
  }

  /** Only classes in {@code ownerPackage} may touch the given library packages. */
  static ArchRule onlyPackageUses(String ownerPackage, String... libraryPackages) {
    return noClasses().that().resideOutsideOfPackage(ownerPackage)
        .should().dependOnClassesThat().resideInAnyPackage(libraryPackages)
        .because("only " + ownerPackage + " wraps " + String.join(", ", libraryPackages))
        .allowEmptyShould(false);
  }

  /** Classes that never touch the given packages. */
  static ArchRule neverUse(String why, String... packages) {
    return noClasses().should().dependOnClassesThat().resideInAnyPackage(packages).because(why).allowEmptyShould(false);
  }

  /**
   * Drivers and codecs see the api's public packages only: no api internals, no structures, no testkit, except the
   * {@code shared} internal package their module descriptors are exported ({@code exports ... to}) for them.
   */
  static ArchRule seeOnlyTheApi(Artifact self, String... shared) {
    return noClasses().should().dependOnClassesThat(
            resideInAnyPackage("io.pottery.internal..", "io.pottery.testkit..").and(not(self.owns()))
                .and(not(resideInAnyPackage(shared))))
        .because("drivers and codecs see only io.pottery and io.pottery.spi (STYLE.md §2)")
        .allowEmptyShould(false);
  }

  /** Public methods of public implementation classes return JDK or io.pottery types, never a library's. */
  static ArchRule publicMethodsReturnApiOrJavaTypes() {
    DescribedPredicate<JavaClass> apiOrJava = baseType(resideInAnyPackage("java..", "io.pottery.."));
    return methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
        .should().haveRawReturnType(apiOrJava)
        .because("users receive io.pottery or java types, never an implementation library's (STYLE.md §2)")
        .allowEmptyShould(false);
  }

  /** Each package under io.pottery (io.pottery itself included) is one slice; classes elsewhere are in none. */
  private static final SliceAssignment EACH_POTTERY_PACKAGE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass type) {
      String name = type.getPackageName();
      return name.equals("io.pottery") || name.startsWith("io.pottery.") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "each package of io.pottery";
    }
  };

  /**
   * The one dependency the cycle rule leaves out: {@code Pottery.Builder.build()} hands its settings to the api's
   * discovery, which loads the SPI's providers, and a provider returns a {@code Pottery}. That loop is the entry
   * point's (as SLF4J's LoggerFactory and its SPI), inside the one pottery-api jar; no other class of
   * {@code io.pottery} may depend on {@code io.pottery.spi} or on an internal package (docs/design-notes.md,
   * "No package cycles").
   */
  private static final DescribedPredicate<JavaClass> THE_BUILDER = describe("Pottery.Builder",
      type -> type.getName().equals("io.pottery.Pottery$Builder"));
  private static final DescribedPredicate<JavaClass> THE_SPI_OR_DISCOVERY =
      resideInAnyPackage("io.pottery.spi", "io.pottery.internal.discovery");

  /** No two packages of ours depend on each other, directly or through others. */
  static ArchRule packagesAreFreeOfCycles() {
    return slices().assignedFrom(EACH_POTTERY_PACKAGE).should().beFreeOfCycles()
        .ignoreDependency(THE_BUILDER, THE_SPI_OR_DISCOVERY)
        .because("a package is either below or above another, never both: a floor (Backend, KeyedStructure) "
            + "that imports the features built on it is a roof too (issue 16)")
        .allowEmptyShould(false);
  }

  /** Primitive, or an array of primitives, or a type (or array of it) the predicate accepts. */
  private static DescribedPredicate<JavaClass> baseType(DescribedPredicate<JavaClass> predicate) {
    return describe(predicate.getDescription() + " (or primitive)", type -> {
      JavaClass base = type.getBaseComponentType();
      return base.isPrimitive() || predicate.test(base);
    });
  }

  // --- DESIGN.md §1: who may depend on whom.

  @Test
  void apiDependsOnlyOnTheJdk() {
    dependOnlyOnJavaAnd("pottery-api has no dependencies (DESIGN.md §1)", api).check(api.classes());
  }

  @Test
  void structuresDependOnlyOnTheJdkAndTheApi() {
    dependOnlyOnJavaAnd("pottery-structures depends on pottery-api only (DESIGN.md §1)", api, structures)
        .check(structures.classes());
  }

  @Test
  void apiAndStructuresNeverUseMicrometer() {
    // Implied by the two rules above; said on its own because issue 15 promises it: instrumentation in the core
    // is a zero-dependency SPI, and Micrometer lives in pottery-micrometer only.
    neverUse("pottery-api and pottery-structures import no Micrometer type; pottery-micrometer adapts the "
        + "io.pottery.instrumentation SPI to it", "io.micrometer..").check(union(api, structures));
  }

  @Test
  void micrometerAdapterSeesOnlyTheApiAndMicrometer() {
    DescribedPredicate<JavaClass> micrometerTypes = describe("in io.micrometer..",
        type -> type.getPackageName().startsWith("io.micrometer."));
    classes().should().onlyDependOnClassesThat(baseType(resideInAPackage("java..").or(api.owns())
            .or(micrometer.owns()).or(micrometerTypes)))
        .because("pottery-micrometer depends on pottery-api and Micrometer only, never on structures internals, a "
            + "driver or a codec").allowEmptyShould(false)
        .check(micrometer.classes());
    // The examples are user code, which may use Micrometer as users do; no other artifact of ours may.
    onlyPackageUses("io.pottery.micrometer..", "io.micrometer..")
        .check(union(api, structures, jedis, lettuce, jackson, gson, testkit, micrometer));
  }

  @Test
  void driversNeverUseCodecs() {
    JavaClasses drivers = union(jedis, lettuce);
    assertThat(drivers.stream().map(JavaClass::getPackageName).distinct())
        .allMatch(name -> name.startsWith("io.pottery.driver.") || name.startsWith("io.pottery.internal."));
    neverUse("drivers never import codecs or JSON libraries (DESIGN.md §1)",
        "io.pottery.codec..", "com.fasterxml..", "com.google.gson..").check(drivers);
  }

  @Test
  void codecsNeverUseDrivers() {
    JavaClasses codecs = union(jackson, gson);
    neverUse("codecs never import drivers or Redis clients (DESIGN.md §1)",
        "io.pottery.driver..", "redis.clients..", "io.lettuce..", "io.netty..").check(codecs);
  }

  @Test
  void driversAndCodecsSeeOnlyTheApi() {
    // The connection-failure messages both drivers share, and the JSON writer both codecs share.
    for (Artifact artifact : List.of(jedis, lettuce)) {
      seeOnlyTheApi(artifact, "io.pottery.internal.driver").check(artifact.classes());
    }
    for (Artifact artifact : List.of(jackson, gson)) {
      seeOnlyTheApi(artifact, "io.pottery.internal.codec").check(artifact.classes());
    }
  }

  @Test
  void eachLibraryIsUsedOnlyByItsAdapter() {
    JavaClasses everything = union(api, structures, jedis, lettuce, jackson, gson, testkit, examples)
        .that(NOT_BRING_YOUR_OWN_CLIENT);
    onlyPackageUses("io.pottery.driver.jedis..", "redis.clients..").check(everything);
    onlyPackageUses("io.pottery.driver.lettuce..", "io.lettuce..", "io.netty..").check(everything);
    onlyPackageUses("io.pottery.codec.jackson..", "com.fasterxml..").check(everything);
    onlyPackageUses("io.pottery.codec.gson..", "com.google.gson..").check(everything);
  }

  @Test
  void noPackageCyclesInAnyModule() {
    packagesAreFreeOfCycles().check(union(api, structures, jedis, lettuce, jackson, gson, micrometer, starter, testkit));
  }

  @Test
  void featurePackagesNeverDependOnTheAssembly() {
    // The cycle rule would catch a feature importing the roof only once the roof imports that feature; this says
    // the direction outright, for features added later too.
    noClasses().that().resideOutsideOfPackage("io.pottery.internal.assembly")
        .should().dependOnClassesThat().resideInAPackage("io.pottery.internal.assembly")
        .because("io.pottery.internal.assembly is the roof: ServiceLoader is its only caller")
        .allowEmptyShould(false)
        .check(union(api, structures, jedis, lettuce, jackson, gson, micrometer, starter, testkit));
  }

  // --- STYLE.md §2: what is public.

  @Test
  void implementationsReturnOnlyApiOrJdkTypesFromPublicMethods() {
    publicMethodsReturnApiOrJavaTypes().check(union(structures, jedis, lettuce, jackson, gson));
  }

  @Test
  void exampleCodeUsesOnlyWhatUsersMay() {
    List<String> forbidden = new ArrayList<>(List.of("io.pottery.internal..", "io.pottery.driver..", "io.pottery.codec.."));
    forbidden.addAll(List.of(LIBRARY_PACKAGES));
    // BringYourOwnClientExamples is the exception that proves the rule: "bring your own client" means handing
    // Pottery the application's Lettuce or Jedis objects through the driver's public factory.
    neverUse("example code is written as users write theirs: against io.pottery (and io.pottery.spi), "
        + "never internals or an implementation", forbidden.toArray(String[]::new))
        .check(examples.classes().that(NOT_BRING_YOUR_OWN_CLIENT));
  }

  // --- Importing the artifacts.

  private static JavaClasses union(Artifact... artifacts) {
    List<Location> locations = new ArrayList<>();
    for (Artifact artifact : artifacts) {
      locations.add(location(artifact.location()));
    }
    return new ClassFileImporter().importLocations(locations);
  }

  /**
   * A classes directory (dependencies inside the reactor before {@code package}) or a jar (after it, as in
   * {@code verify}); ArchUnit reads a jar only through a {@code jar:} URI.
   */
  private static Location location(Path path) {
    return Files.isDirectory(path) ? Location.of(path) : Location.of(URI.create("jar:" + path.toUri() + "!/"));
  }

  static Artifact artifact(String name, Class<?> anchor) {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate " + name + " from " + anchor.getName(), e);
    }
    JavaClasses classes = new ClassFileImporter().importLocations(List.of(location(location)));
    assertThat(classes).as("classes of %s imported from %s", name, location).isNotEmpty();
    assertThat(classes.contain(anchor)).as("%s (%s) imported from %s", name, anchor.getName(), location).isTrue();
    return new Artifact(name, location, classes);
  }

  /**
   * An artifact found by one of its class files, without loading the class: the starter's classes need Spring,
   * which this module's class path leaves out on purpose.
   */
  static Artifact artifactOfClassFile(String name, String className) {
    String resource = className.replace('.', '/') + ".class";
    java.net.URL url = ArchitectureTest.class.getClassLoader().getResource(resource);
    assertThat(url).as("%s on the test class path (%s)", resource, name).isNotNull();
    Path location;
    try {
      String text = url.toString();
      if (text.startsWith("jar:")) {
        location = Path.of(new URI(text.substring("jar:".length(), text.indexOf("!/"))));
      } else {
        // A classes directory: climb from the class file past its package directories.
        location = Path.of(url.toURI());
        for (int level = 0; level < resource.split("/").length; level++) {
          location = location.getParent();
        }
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate " + name + " from " + url, e);
    }
    JavaClasses classes = new ClassFileImporter().importLocations(List.of(location(location)));
    assertThat(classes.contain(className)).as("%s (%s) imported from %s", name, className, location).isTrue();
    return new Artifact(name, location, classes);
  }

  /** The class registered for {@code service} under {@code name} (or the only one, when {@code name} is null). */
  private static <S> Class<?> provider(Class<S> service, Function<S, String> nameOf, String name) {
    List<ServiceLoader.Provider<S>> found = ServiceLoader.load(service, ArchitectureTest.class.getClassLoader())
        .stream().collect(Collectors.toList());
    List<Class<?>> matching = found.stream()
        .filter(provider -> name == null || name.equals(nameOf.apply(provider.get())))
        .map(ServiceLoader.Provider::type)
        .collect(Collectors.toList());
    assertThat(matching)
        .as("%s providers named %s on the test class path (found %s)", service.getSimpleName(),
            name == null ? "anything" : name, found.stream().map(p -> p.type().getName()).collect(Collectors.toList()))
        .hasSize(1);
    return matching.get(0);
  }

  // --- Issue 17: virtual-thread friendly. Nothing in structures or drivers waits inside a monitor, which pins a
  // virtual thread's carrier (JDK 21 to 23): java.util.concurrent locks, conditions and futures instead.

  /** No {@code synchronized} methods and no {@code Object.wait}/{@code notify}/{@code notifyAll} calls. */
  static ArchRule noMonitors() {
    String why = "waiting inside a monitor pins a virtual thread's carrier: use java.util.concurrent locks, "
        + "conditions and futures (issue 17)";
    DescribedPredicate<JavaMethodCall> monitorCalls = describe("Object.wait, notify or notifyAll", call -> {
      String name = call.getTarget().getName();
      List<JavaClass> parameters = call.getTarget().getRawParameterTypes();
      return (name.equals("wait") && (parameters.isEmpty() || parameters.get(0).isEquivalentTo(long.class)))
          || ((name.equals("notify") || name.equals("notifyAll")) && parameters.isEmpty());
    });
    return CompositeArchRule
        .of(noMethods().should().haveModifier(JavaModifier.SYNCHRONIZED).because(why).allowEmptyShould(false))
        .and(noClasses().should().callMethodWhere(monitorCalls).because(why).allowEmptyShould(false));
  }

  /**
   * No {@code synchronized} block: ArchUnit does not see them, so {@link MonitorEnterScan} reads the bytecode.
   *
   * @throws AssertionError naming each method with a {@code synchronized} block, or if no classes were read
   */
  static void checkNoSynchronizedBlocks(Path location) {
    MonitorEnterScan.Result scan = MonitorEnterScan.scan(location);
    assertThat(scan.classes()).as("classes read at %s", location).isPositive();
    assertThat(scan.methods()).as("methods with a synchronized block at %s (a monitor pins a virtual thread's "
        + "carrier: use java.util.concurrent locks, conditions and futures, issue 17)", location).isEmpty();
  }

  @Test
  void structuresAndDriversNeverWaitInsideAMonitor() {
    noMonitors().check(union(structures, jedis, lettuce));
    for (Artifact artifact : List.of(structures, jedis, lettuce)) {
      checkNoSynchronizedBlocks(artifact.location());
    }
  }
}
