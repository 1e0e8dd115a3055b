package dev.shardwise.graphql;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The module layering, checked over the production classes of every Shardwise module (this
 * module's test classpath holds them all): shard-map at the bottom, routing on top of it only,
 * the linters (domain catalog and the statement-hook linters) on routing, domains above them, and the
 * GraphQL application, the only place that wires things, on top.
 * Every rule must match classes: an empty rule would pass vacuously.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

    private static final String SHARDMAP = "dev.shardwise.shardmap..";
    private static final String ROUTING = "dev.shardwise.routing..";
    private static final String LINTERS = "dev.shardwise.linters..";
    private static final String AGGREGATION = "dev.shardwise.aggregation..";
    private static final String DOMAINS = "dev.shardwise.domains..";
    private static final String MIGRATION = "dev.shardwise.migration..";
    private static final String GRAPHQL = "dev.shardwise.graphql..";
    private static final String ANY_MODULE = "dev.shardwise..";

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
    void everyModuleIsOnTheClasspath() {
        for (String module : new String[] {SHARDMAP, ROUTING, LINTERS, AGGREGATION, DOMAINS, MIGRATION, GRAPHQL}) {
            assertThat(classes.stream().filter(resideInAPackage(module)::test).count())
                    .as("production classes in %s", module).isPositive();
        }
        assertThat(classes.stream().map(JavaClass::getName))
                .as("test code is not analysed").noneMatch(n -> n.endsWith("Test") || n.endsWith("IT")
                        || n.startsWith("dev.shardwise.shardmap.testing."));
    }

    @Test
    void shardMapDependsOnNoOtherModule() {
        check(classes().that().resideInAPackage(SHARDMAP)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ANY_MODULE).or(resideInAPackage(SHARDMAP)))
                .because("shard-map is the bottom layer"));
    }

    @Test
    void routingDependsOnlyOnShardMap() {
        check(classes().that().resideInAPackage(ROUTING)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ANY_MODULE)
                        .or(resideInAnyPackage(ROUTING, SHARDMAP)))
                .because("routing is plain Java over the shard map: no domains, GraphQL, linters, aggregation"
                        + " or migration code"));
    }

    @Test
    void lintersDependOnlyOnTheCore() {
        check(classes().that().resideInAPackage(LINTERS)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ANY_MODULE)
                        .or(resideInAnyPackage(LINTERS, ROUTING, SHARDMAP)))
                .because("the linters plug into routing's statement-hook SPI and hold the domain catalog;"
                        + " the domains and the API build on them, not the other way round"));
    }

    @Test
    void aggregationDependsOnlyOnTheCore() {
        check(classes().that().resideInAPackage(AGGREGATION)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ANY_MODULE)
                        .or(resideInAnyPackage(AGGREGATION, ROUTING, SHARDMAP, LINTERS)))
                .because("the fan-out executor and merges are plain Java on routing; the domains and the API"
                        + " use them, not the other way round"));
    }

    @Test
    void migrationSitsBelowTheApiOnly() {
        check(classes().that().resideInAPackage(MIGRATION)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ANY_MODULE)
                        .or(resideInAnyPackage(MIGRATION, DOMAINS, LINTERS, ROUTING, SHARDMAP)))
                .because("the migration tool moves shards with the core and the domains' schema migrations;"
                        + " only the deployable app wires its dark reads in"));
        check(noClasses().that().resideInAnyPackage(SHARDMAP, ROUTING, LINTERS, AGGREGATION, DOMAINS)
                .should().dependOnClassesThat().resideInAPackage(MIGRATION)
                .because("routing exposes the dark-read SPI; the migration module implements it"));
    }

    @Test
    void domainsDoNotDependOnTheApi() {
        check(noClasses().that().resideInAPackage(DOMAINS)
                .should().dependOnClassesThat().resideInAPackage(GRAPHQL)
                .because("the API sits on top of the domains, never the other way round"));
    }

    @Test
    void modulesAreFreeOfCycles() {
        check(slices().matching("dev.shardwise.(*)..").should().beFreeOfCycles());
    }

    @Test
    void shardMapAndRoutingAreFrameworkFree() {
        check(noClasses().that().resideInAnyPackage(SHARDMAP, ROUTING)
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..",
                        "jakarta.enterprise..", "org.eclipse.microprofile..", "graphql..")
                .because("the data plane libraries must run outside the application container"));
    }

    @Test
    void shardMapAndRoutingDoNotUseHibernate() {
        check(noClasses().that().resideInAnyPackage(SHARDMAP, ROUTING)
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "jakarta.persistence..")
                .because("the ORM lives in the domains module; routing hands out plain JDBC connections"));
    }

    private void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(classes);
    }
}
