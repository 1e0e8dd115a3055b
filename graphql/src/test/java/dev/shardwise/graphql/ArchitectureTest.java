package dev.shardwise.graphql;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The module layering, checked over the production classes of every Shardwise module (this
 * module's test classpath holds them all). {@link Layer} is the whole picture: each layer lists
 * the layers it may use, every other dependency on a Shardwise class is outward and fails, and the
 * layers are free of cycles. The README's and docs/architecture.md's module chain is this table.
 * Every rule must match classes: an empty rule would pass vacuously.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

    /** A module (Maven module and root package) and the modules it may depend on. */
    enum Layer {
        SHARD_MAP("dev.shardwise.shardmap.."),
        ROUTING("dev.shardwise.routing..", SHARD_MAP),
        CATALOG("dev.shardwise.domains.catalog..", SHARD_MAP),
        LINTERS("dev.shardwise.linters..", CATALOG, ROUTING, SHARD_MAP),
        AGGREGATION("dev.shardwise.aggregation..", ROUTING, SHARD_MAP),
        SCHEMA("dev.shardwise.domains.schema..", CATALOG, SHARD_MAP),
        PLATFORM("dev.shardwise.domains.platform..", SCHEMA, CATALOG, ROUTING, SHARD_MAP),
        MIGRATION("dev.shardwise.migration..", PLATFORM, SCHEMA, CATALOG, ROUTING, SHARD_MAP),
        PRODUCT("dev.shardwise.domains.product..", PLATFORM, AGGREGATION, CATALOG, ROUTING, SHARD_MAP),
        EVENTS("dev.shardwise.domains.events..", PRODUCT, PLATFORM, AGGREGATION, CATALOG, ROUTING, SHARD_MAP),
        GRAPHQL("dev.shardwise.graphql..", EVENTS, PRODUCT, MIGRATION, PLATFORM, SCHEMA, AGGREGATION, LINTERS,
                CATALOG, ROUTING, SHARD_MAP);

        final String packages;
        final List<Layer> uses;

        Layer(String packages, Layer... uses) {
            this.packages = packages;
            this.uses = List.of(uses);
        }

        String[] allowed() {
            return Stream.concat(Stream.of(this), uses.stream()).map(l -> l.packages).toArray(String[]::new);
        }

        static Layer of(JavaClass c) {
            return Arrays.stream(values()).filter(l -> resideInAPackage(l.packages).test(c)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(c.getName() + " is in no layer of ArchitectureTest"));
        }
    }

    private static final String ANY_MODULE = "dev.shardwise..";
    private static final String CORE_AND_CATALOG = "the core (shard-map, routing) and the catalog";

    /** Test classes, also those packaged in test-jars such as shard-map's fleet helpers. */
    private static final class NoTestCode implements ImportOption {
        private final ImportOption testDirectories = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return testDirectories.includes(location) && !location.contains("-tests.jar");
        }
    }

    private JavaClasses classes;

    @BeforeAll
    void importClasses() {
        classes = new ClassFileImporter().withImportOption(new NoTestCode()).importPackages("dev.shardwise");
    }

    @Test
    void everyProductionClassIsInALayerAndEveryLayerHasClasses() {
        DescribedPredicate<JavaClass> inShardwise = resideInAPackage(ANY_MODULE);
        classes.stream().filter(inShardwise::test).forEach(Layer::of);
        for (Layer layer : Layer.values()) {
            assertThat(classes.stream().filter(resideInAPackage(layer.packages)::test).count())
                    .as("production classes in %s", layer.packages).isPositive();
        }
        assertThat(classes.stream().map(JavaClass::getName))
                .as("test code is not analysed").noneMatch(n -> n.endsWith("Test") || n.endsWith("IT")
                        || n.startsWith("dev.shardwise.shardmap.testing."));
    }

    @ParameterizedTest
    @EnumSource(Layer.class)
    void eachLayerDependsOnlyOnTheLayersBelowItThatItNames(Layer layer) {
        check(classes().that().resideInAPackage(layer.packages)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ANY_MODULE)
                        .or(resideInAnyPackage(layer.allowed())))
                .because(layer + " may use only " + layer.uses + " (ArchitectureTest.Layer); anything else is an"
                        + " outward dependency"));
    }

    @Test
    void modulesAreFreeOfCycles() {
        check(slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return resideInAPackage(ANY_MODULE).test(c) ? SliceIdentifier.of(Layer.of(c).name())
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "Shardwise modules";
            }
        }).should().beFreeOfCycles());
    }

    @Test
    void theCoreAndTheCatalogAreFrameworkFree() {
        check(noClasses().that().resideInAnyPackage(Layer.SHARD_MAP.packages, Layer.ROUTING.packages,
                        Layer.CATALOG.packages)
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..",
                        "jakarta.enterprise..", "org.eclipse.microprofile..", "graphql..")
                .because(CORE_AND_CATALOG + " must run outside the application container"));
    }

    @Test
    void hibernateStaysOutOfTheCoreTheCatalogAndTheSqlLayers() {
        check(noClasses().that().resideInAnyPackage(Layer.SHARD_MAP.packages, Layer.ROUTING.packages,
                        Layer.CATALOG.packages, Layer.LINTERS.packages, Layer.AGGREGATION.packages,
                        Layer.SCHEMA.packages, Layer.MIGRATION.packages)
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
                .because("routing hands out plain JDBC connections; the platform binds Hibernate sessions to one"
                        + " logical shard, the product maps its entities (and the event plumbing uses them);"
                        + " cross-shard reads, linting and shard moves are SQL"));
    }

    private void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(classes);
    }
}
